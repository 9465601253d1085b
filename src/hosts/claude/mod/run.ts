// Runs a defineHook hook inside Claude Code as a mod and turns its answer into the host's result. Copied
// into the mod plugin with the hook (relative imports only).
//
// Each hook runs on `classic.<Event>`, the host's event for command hooks, so its answers act as its
// binary's do: a PreToolUse hook on `classic.PreToolUse` (whose input is rebuilt from the host's call
// envelope and session), the other mapped events on `classic.<Event>`, whose `e` is the command hook's
// own input. (`tool.call`, which can refuse a call but not grant or ask, was measured and was not
// reliably cheaper: docs/in-process-hooks.md.)
//
// What it keeps from the binary's run loop: the same typed input, the same answers, a declared `answers`
// list enforced, fail-closed hooks blocking on an error, an error log line per failure in the same file,
// and an answer by policy shortly before the budget runs out (the host allows a mod 10 s of its own time
// per call, whatever the hook's timeout says). What it leaves out: metrics (a mod has no channel for
// them: set() is accepted and dropped), async answers, the failure streak's systemMessage, and an
// answer's `message` (a mod's result has no place for a message to the user).
import type { Answer } from "../../../runtime/answer.ts";
import type { HookContext, HookDefinition } from "../../../runtime/types.ts";
import { hostPortable, type HostApi } from "./host.ts";
import { joinPosix, portableStateRoot } from "../../../base/portable/state-root.ts";
import type { Portable } from "../../../base/portable/types.ts";
import { BLOCKING_EVENTS } from "../../../protocol/facts.ts";

/** The host's own budget for a mod's time in one call. */
export const HOST_BUDGET_MS = 10_000;
/** Answer by policy this long before the budget (or the hook's own timeout) runs out. */
const MARGIN_MS = 750;

/** The host API this runner calls beyond the portable context's. */
export interface ModHost extends HostApi {
  session: {
    id(): Promise<string>;
    cwd(): Promise<string>;
    info(): Promise<{ transcriptPath?: string }>;
  };
}

/** What `classic.PreToolUse` passes: the tool, the call's id, and the tool's arguments beside them. */
export type ToolCallEnvelope = { tool: string; tool_use_id: string } & Record<string, unknown>;

/** The host's result of a `classic.PreToolUse` hook. */
export type PreToolUseResult = {
  allow?: true;
  ask?: string;
  deny?: string;
  updatedInput?: Record<string, unknown>;
  additionalContext?: string[];
};

/** The host's result of the other `classic.<Event>` hooks (the fields hookkit's answers map to). */
export type ClassicResult = {
  block?: string;
  preventContinuation?: true;
  stopReason?: string;
  additionalContext?: string[];
};

type Next<E, R> = (e: E) => Promise<R>;

/**
 * Keys beside the tool's arguments that are the host's, not the tool's: the envelope's own two, and what the
 * host's wider tool-call input adds (a subagent's agentId, requestMeta, consent), should one arrive here.
 */
const ENVELOPE_KEYS = ["tool", "tool_use_id", "agentId", "requestMeta", "consent"];

/** Tool-name matching as Claude Code does it for a command hook's matcher: exact names, else a regex. */
export function matchesTool(matcher: string | undefined, tool: string): boolean {
  if (matcher === undefined || matcher === "" || matcher === "*") return true;
  if (/^[A-Za-z0-9_|]*$/.test(matcher)) return matcher.split("|").includes(tool);
  return new RegExp(matcher).test(tool);
}

/** The command hook's stdin for this call, from the envelope and the session. */
export async function preToolUseInput($: ModHost, e: ToolCallEnvelope): Promise<Record<string, unknown>> {
  const toolInput: Record<string, unknown> = {};
  for (const key of Object.keys(e)) if (!ENVELOPE_KEYS.includes(key)) toolInput[key] = e[key];
  // Asked together: each is a round trip to the host, and a session's id and cwd can change (/clear, cd).
  const [id, cwd, info] = await Promise.all([$.session.id(), $.session.cwd(), $.session.info()]);
  return {
    session_id: id,
    transcript_path: info.transcriptPath ?? "",
    cwd,
    hook_event_name: "PreToolUse",
    tool_name: e.tool,
    tool_input: toolInput,
    tool_use_id: e.tool_use_id,
    ...(typeof e.agentId === "string" ? { agent_id: e.agentId } : {}),
  };
}

function stateDirOf(def: HookDefinition, env: Readonly<Record<string, string | undefined>>): string {
  if (def.stateDir) return def.stateDir(env);
  const read = (name: string) => env[name];
  const root = portableStateRoot(read, env.OS === "Windows_NT");
  if (root === undefined) throw new Error("no HOME (or HOOKKIT_STATE_DIR) to put the hook's state under");
  return joinPosix(root, def.name);
}

/** The error log the binary writes for this hook: its own errorLog, else errors.log in its state folder. */
function errorLogOf(def: HookDefinition, portable: Portable, env: Readonly<Record<string, string | undefined>>): { file: string; tag: string } {
  const fallback = { file: joinPosix(portable.stateDir, "errors.log"), tag: def.name };
  try {
    return def.errorLog ? def.errorLog(env) : fallback;
  } catch {
    return fallback; // as the binary's run loop does: a log place that cannot be named falls back to the hook's own
  }
}

function contextFor(def: HookDefinition, portable: Portable, env: Readonly<Record<string, string | undefined>>, cwd: string, deadline: number): HookContext {
  const { file: logFile, tag } = errorLogOf(def, portable, env);
  return {
    hook: def.name,
    host: "claude",
    stateDir: portable.stateDir,
    env,
    argv: [],
    cwd,
    now: () => new Date(portable.now()),
    log: (message) => {
      void portable.appendLine(logFile, `${new Date(portable.now()).toISOString()} ${tag}: ${message}`).catch(() => {});
    },
    metrics: { set: () => true, size: 0, toJSON: () => ({}) } as unknown as HookContext["metrics"],
    usage: { add: () => {}, mergeInto: () => {} } as unknown as HookContext["usage"],
    startAsync: async () => {},
    deadline,
    portable,
  };
}

/** A hook's run: its answer, or why it failed (already logged where the binary logs it). */
type Outcome = { answer: Answer | undefined } | { failure: string };

/**
 * Runs the handler under the mod's budget. A throw, an overrun, an undeclared answer kind and a missing
 * state root are failures; each is logged to the hook's error log, as the binary's run loop logs it.
 */
async function runHook(
  $: ModHost,
  def: HookDefinition,
  env: Readonly<Record<string, string | undefined>>,
  input: Record<string, unknown> | undefined,
  cwd: string,
): Promise<Outcome> {
  // The worker's own clock: the host's ($.clock.now) is a round trip away and reads the same wall time.
  const now = Date.now();
  const budget = Math.min(HOST_BUDGET_MS, (def.timeout ?? 600) * 1000) - MARGIN_MS;
  let portable: Portable | undefined;
  try {
    portable = hostPortable($, { hook: def.name, stateDir: stateDirOf(def, env), env, now });
    const ctx = contextFor(def, portable, env, cwd, now + budget);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expiry = new Promise<"over-budget">((resolve) => {
      timer = setTimeout(() => resolve("over-budget"), budget);
    });
    let given: Answer | void | "over-budget";
    try {
      given = await Promise.race([Promise.resolve().then(() => def.run((def.stdin === "none" ? undefined : input) as never, ctx)), expiry]);
    } finally {
      clearTimeout(timer);
    }
    if (given === "over-budget") throw new Error(`handler did not finish within ${budget + MARGIN_MS} ms (the mod's budget)`);
    if (given && def.answers && given.kind !== "none" && !def.answers.includes(given.kind)) {
      throw new Error(`answer refused: a ${given.kind} answer, and the hook declares only ${def.answers.join(", ")} (answers)`);
    }
    return { answer: given || undefined };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (portable) {
      const { file, tag } = errorLogOf(def, portable, env);
      await portable.appendLine(file, `${new Date(now).toISOString()} ${tag}: ${message}`).catch(() => {});
    }
    return { failure: message };
  }
}

const failedClosed = (def: HookDefinition, failure: string) => `${def.name}: ${failure} — blocking because this hook is fail-closed`;

/**
 * The host result for an answer; undefined = no opinion (pass the call on). A mod's result has no place for
 * a message to the user (Claude Code's systemMessage), so an answer's `message` is dropped here.
 */
export function toPreToolUseResult(answer: Answer | void | undefined): PreToolUseResult | undefined {
  if (!answer) return undefined;
  const withContext = (result: PreToolUseResult, context: string | undefined): PreToolUseResult =>
    context ? { ...result, additionalContext: [context] } : result;
  switch (answer.kind) {
    case "none":
      return undefined;
    case "deny":
      return withContext({ deny: answer.reason }, answer.context);
    case "ask":
      return withContext({ ask: answer.reason }, answer.context);
    case "allow":
      return withContext({ allow: true, ...(answer.updatedInput ? { updatedInput: answer.updatedInput } : {}) }, answer.context);
    case "context":
      return { additionalContext: [answer.text] };
    case "exit2":
      return { deny: answer.message };
    case "block":
      return { deny: answer.reason };
    case "native": {
      const output = answer.output as { hookSpecificOutput?: Record<string, unknown>; decision?: string; reason?: string };
      const specific = output.hookSpecificOutput ?? {};
      const reason = typeof specific.permissionDecisionReason === "string" ? specific.permissionDecisionReason : "";
      const result: PreToolUseResult = {};
      if (specific.permissionDecision === "deny" || output.decision === "block") result.deny = reason || output.reason || "denied";
      else if (specific.permissionDecision === "ask") result.ask = reason || "asked";
      else if (specific.permissionDecision === "allow") result.allow = true;
      if (specific.updatedInput && typeof specific.updatedInput === "object") result.updatedInput = specific.updatedInput as Record<string, unknown>;
      if (typeof specific.additionalContext === "string" && specific.additionalContext !== "") result.additionalContext = [specific.additionalContext];
      return Object.keys(result).length > 0 ? result : undefined;
    }
  }
}

/**
 * One `classic.PreToolUse` call of a hook. A deny answers at once; any other opinion first lets the
 * hooks below answer (as command hooks all run and a deny among them wins), then adds to theirs.
 */
export async function answerPreToolUse(
  $: ModHost,
  e: ToolCallEnvelope,
  next: Next<ToolCallEnvelope, PreToolUseResult>,
  def: HookDefinition,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PreToolUseResult> {
  if (!matchesTool(def.matcher, e.tool)) return next(e);
  const input = await preToolUseInput($, e);
  const outcome = await runHook($, def, env, input, String(input.cwd));
  if ("failure" in outcome) return def.failClosed ? { deny: failedClosed(def, outcome.failure) } : next(e);
  const ours = toPreToolUseResult(outcome.answer);
  if (ours === undefined) return next(e);
  if (ours.deny !== undefined) return ours;
  const below = await next(ours.updatedInput ? ({ ...ours.updatedInput, tool: e.tool, tool_use_id: e.tool_use_id } as ToolCallEnvelope) : e);
  if (below.deny !== undefined) return below;
  const context = [...(ours.additionalContext ?? []), ...(below.additionalContext ?? [])];
  return { ...below, ...ours, ...(context.length > 0 ? { additionalContext: context } : {}) };
}

/** An answer as the other classic events take it; undefined = no opinion. */
export function toClassicResult(event: string, answer: Answer | void | undefined): ClassicResult | undefined {
  if (!answer) return undefined;
  const blocking = BLOCKING_EVENTS.includes(event);
  switch (answer.kind) {
    case "context":
      return { additionalContext: [answer.text] };
    case "block":
      return { block: answer.reason };
    case "exit2":
      // A command hook's exit 2 blocks only where the event can be blocked; elsewhere the host shows the line to the user.
      return blocking ? { block: answer.message } : undefined;
    case "native": {
      const output = answer.output as { hookSpecificOutput?: Record<string, unknown>; decision?: string; reason?: string; continue?: boolean; stopReason?: string };
      const result: ClassicResult = {};
      if (output.decision === "block") result.block = output.reason || "blocked";
      if (output.continue === false) {
        result.preventContinuation = true;
        if (output.stopReason) result.stopReason = output.stopReason;
      }
      const context = output.hookSpecificOutput?.additionalContext;
      if (typeof context === "string" && context !== "") result.additionalContext = [context];
      return Object.keys(result).length > 0 ? result : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * One `classic.<Event>` call (every mapped event but PreToolUse). The hooks below always run, as command
 * hooks of one event all run: a block from either side stands (ours first), and contexts join, ours first.
 * A fail-closed hook that fails blocks where the event can be blocked, and passes elsewhere (as its binary
 * does: exit 2 on such an event only shows the line).
 */
export async function answerClassic(
  event: string,
  $: ModHost,
  e: Record<string, unknown>,
  next: Next<Record<string, unknown>, ClassicResult>,
  def: HookDefinition,
  env: Readonly<Record<string, string | undefined>>,
  matchedField?: string,
): Promise<ClassicResult> {
  if (matchedField !== undefined && !matchesTool(def.matcher, String(e[matchedField] ?? ""))) return next(e);
  const input = { ...e, hook_event_name: event };
  const cwd = typeof e.cwd === "string" ? e.cwd : await $.session.cwd();
  const outcome = await runHook($, def, env, input, cwd);
  let ours: ClassicResult | undefined;
  if ("failure" in outcome) ours = def.failClosed && BLOCKING_EVENTS.includes(event) ? { block: failedClosed(def, outcome.failure) } : undefined;
  else ours = toClassicResult(event, outcome.answer);
  const below = await next(e);
  if (ours === undefined) return below;
  const context = [...(ours.additionalContext ?? []), ...(below.additionalContext ?? [])];
  return { ...below, ...ours, ...(context.length > 0 ? { additionalContext: context } : {}) };
}
