// Runs a defineHook hook inside Claude Code as a mod, on `classic.PreToolUse`, and turns its answer
// into the host's result. Copied into the mod plugin with the hook (relative imports only).
//
// What it keeps from the binary's run loop: the same typed input (rebuilt from the host's call
// envelope and session), the same answers, fail-closed hooks blocking on an error, an error log line
// per failure in the same file, and an answer by policy shortly before the budget runs out (the host
// allows a mod 10 s of its own time per call, whatever the hook's timeout says).
// What it leaves out: metrics (a mod has no channel for them: set() is accepted and dropped), async
// answers, and the failure streak's systemMessage.
import type { Answer } from "../../../runtime/answer.ts";
import type { HookContext, HookDefinition } from "../../../runtime/types.ts";
import { hostPortable, type HostApi } from "./host.ts";
import { joinPosix, portableStateRoot } from "../../../base/portable/state-root.ts";
import type { Portable } from "../../../base/portable/types.ts";

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

type Next = (e: ToolCallEnvelope) => Promise<PreToolUseResult>;

/** Tool-name matching as Claude Code does it for a command hook's matcher: exact names, else a regex. */
export function matchesTool(matcher: string | undefined, tool: string): boolean {
  if (matcher === undefined || matcher === "" || matcher === "*") return true;
  if (/^[A-Za-z0-9_|]*$/.test(matcher)) return matcher.split("|").includes(tool);
  return new RegExp(matcher).test(tool);
}

/** The command hook's stdin for this call, from the envelope and the session. */
export async function preToolUseInput($: ModHost, e: ToolCallEnvelope): Promise<Record<string, unknown>> {
  const { tool, tool_use_id, ...toolInput } = e;
  // Asked together: each is a round trip to the host, and a session's id and cwd can change (/clear, cd).
  const [id, cwd, info] = await Promise.all([$.session.id(), $.session.cwd(), $.session.info()]);
  return {
    session_id: id,
    transcript_path: info.transcriptPath ?? "",
    cwd,
    hook_event_name: "PreToolUse",
    tool_name: tool,
    tool_input: toolInput,
    tool_use_id,
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
  return def.errorLog ? def.errorLog(env) : { file: joinPosix(portable.stateDir, "errors.log"), tag: def.name };
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
  next: Next,
  def: HookDefinition,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PreToolUseResult> {
  if (!matchesTool(def.matcher, e.tool)) return next(e);
  // The worker's own clock: the host's ($.clock.now) is a round trip away and reads the same wall time.
  const now = Date.now();
  const input = await preToolUseInput($, e);
  const budget = Math.min(HOST_BUDGET_MS, (def.timeout ?? 600) * 1000) - MARGIN_MS;
  let portable: Portable | undefined;
  let answer: Answer | void | "over-budget";
  try {
    portable = hostPortable($, { hook: def.name, stateDir: stateDirOf(def, env), env, now });
    const ctx = contextFor(def, portable, env, String(input.cwd), now + budget);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expiry = new Promise<"over-budget">((resolve) => {
      timer = setTimeout(() => resolve("over-budget"), budget);
    });
    try {
      answer = await Promise.race([Promise.resolve().then(() => def.run(input as never, ctx)), expiry]);
    } finally {
      clearTimeout(timer);
    }
    if (answer === "over-budget") throw new Error(`handler did not finish within ${budget + MARGIN_MS} ms (the mod's budget)`);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (portable) {
      const { file, tag } = errorLogOf(def, portable, env);
      await portable.appendLine(file, `${new Date(now).toISOString()} ${tag}: ${message}`).catch(() => {});
    }
    if (def.failClosed) return { deny: `${def.name}: ${message} — blocking because this hook is fail-closed` };
    return next(e);
  }
  const ours = toPreToolUseResult(answer);
  if (ours === undefined) return next(e);
  if (ours.deny !== undefined) return ours;
  const below = await next(ours.updatedInput ? ({ ...ours.updatedInput, tool: e.tool, tool_use_id: e.tool_use_id } as ToolCallEnvelope) : e);
  if (below.deny !== undefined) return below;
  const context = [...(ours.additionalContext ?? []), ...(below.additionalContext ?? [])];
  return { ...below, ...ours, ...(context.length > 0 ? { additionalContext: context } : {}) };
}
