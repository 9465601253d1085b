import type { HookEventName, HookInput } from "../protocol/index.ts";
import type { NarrowByMatcher } from "../protocol/tools.ts";
import type { AnswerFor, AnswerKind } from "./answer.ts";
import type { Metrics } from "./metrics.ts";
import type { Usage } from "./usage.ts";
import type { Portable } from "../base/portable/types.ts";

export type { Env } from "../base/env.ts";
import type { Env } from "../base/env.ts";

export type { Answer, AnswerFor } from "./answer.ts";

export interface HookContext {
  /** The hook's name, as in `hookkit <name>`. */
  readonly hook: string;
  /** The host this run answers (`claude`, `codex`, …), as the generated command passed it. */
  readonly host: string;
  /**
   * The hook's own state folder (created on first write by whoever writes): the place for files the
   * hook keeps between runs. Writing anywhere else is the hook's own responsibility.
   */
  readonly stateDir: string;
  readonly env: Env;
  /** Arguments after the hook name (`hookkit <name> --flag`). */
  readonly argv: readonly string[];
  readonly cwd: string;
  now(): Date;
  /** Appends `<ISO> <tag>: <message>` to the hook's error log. Never throws. */
  log(message: string): void;
  readonly metrics: Metrics;
  readonly usage: Usage;
  /** Announces a runtime-async answer (Claude Code: `{"async":true,"asyncTimeout":ms}` first, flushed); the answer comes later. */
  startAsync(timeoutMs?: number): Promise<void>;
  /** Epoch ms when the hook's own timeout runs out; long work should stop before it. */
  readonly deadline: number;
  /**
   * Files, a key-value store, processes, env and clock in the form both the binary and the Claude Code
   * mod can offer (src/portable). A hook that uses only this (and pure code) can be built as a mod.
   */
  readonly portable: Portable;
}

export type StdinMode = "required" | "none";

interface HookSpecBase<E extends HookEventName, M extends string = string> {
  /** kebab-case; the multi-call name and the hooks.json command argument. */
  readonly name: string;
  readonly event: E;
  readonly description?: string;
  /** hooks.json matcher: a tool name, `A|B`, or a regular expression (docs/protocol/claude-code.md). */
  readonly matcher?: M;
  /**
   * Seconds (hooks.json `timeout`); the run loop answers per fail policy shortly before it. Unset,
   * the host's default for the event applies (Claude Code: 30 s for UserPromptSubmit, 600 s for most).
   */
  readonly timeout?: number;
  /** hooks.json `async: true`: the host does not wait for the hook at all. */
  readonly async?: boolean;
  /** An internal error blocks (exit 2 + one stderr line) instead of yielding no decision. */
  readonly failClosed?: boolean;
  /** Where the failure counter and default error log live. Default: <hookkit state root>/<name>. */
  readonly stateDir?: (env: Env) => string;
  /** Override the error log's file and line tag (e.g. to write where an existing tool expects it). */
  readonly errorLog?: (env: Env) => { file: string; tag: string };
  /** Consecutive failures before the answer carries a systemMessage (default 3). */
  readonly failureNoticeAfter?: number;
  /** Metric key cap: 20 (current hosts) or 10 (older hosts). */
  readonly maxMetrics?: 10 | 20;
  /**
   * Keep JavaScriptCore's JIT compilers for this hook. Default false: the generated hooks.json
   * starts the hook with `BUN_JSC_useJIT=0`, because a hook runs a few milliseconds of JavaScript,
   * too little for compiled code to pay back, and a JSC that starts without its JIT starts faster
   * (docs/startup-costs.md). Set true for a hook that computes for 100 ms or more.
   */
  readonly jit?: boolean;
  /**
   * The answer kinds the handler gives (`none` is always allowed). Unset, it may give any its event
   * allows; a build for a host that lacks one of them is refused (src/hosts/capabilities.ts). Set, any
   * other kind at run time is a failure, answered by the fail policy.
   */
  readonly answers?: readonly Exclude<AnswerKind, "none">[];
  /** How an answer a host lacks is given there instead (e.g. `{ ask: "deny" }` for Codex and Gemini CLI). */
  readonly degrade?: { readonly ask?: "deny"; readonly allow?: "none"; readonly context?: "none" };
}

export interface HookSpecWithInput<E extends HookEventName, M extends string = string> extends HookSpecBase<E, M> {
  readonly stdin?: "required";
  /** `input.tool_input` is typed per tool when `matcher` names built-in tools (src/protocol/tools.ts). */
  run(input: NarrowByMatcher<HookInput<E>, M>, ctx: HookContext): AnswerFor<NoInfer<E>> | void | Promise<AnswerFor<NoInfer<E>> | void>;
}

export interface HookSpecWithoutInput<E extends HookEventName> extends HookSpecBase<E> {
  /** Never read stdin (the hook is also started detached, with nothing to read). */
  readonly stdin: "none";
  run(input: undefined, ctx: HookContext): AnswerFor<NoInfer<E>> | void | Promise<AnswerFor<NoInfer<E>> | void>;
}

export interface HookDefinition<E extends HookEventName = HookEventName> extends HookSpecBase<E> {
  readonly stdin: StdinMode;
  run(input: HookInput<E> | undefined, ctx: HookContext): AnswerFor<NoInfer<E>> | void | Promise<AnswerFor<NoInfer<E>> | void>;
}
