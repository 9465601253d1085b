// Typed answer builders. Each returns an Answer the run loop validates before writing; decisions
// only ever go inside hookSpecificOutput, and "no opinion" is an empty stdout, never
// permissionDecision:"defer" (defer pauses the tool in -p, the SDK and Desktop: DESIGN decision 5).
import type { HookEventName, HookOutput } from "../protocol/index.ts";
import type { Answer } from "./types.ts";

const NONE: Answer = { kind: "none" };
const json = (output: HookOutput): Answer => ({ kind: "json", output });
const specific = (event: HookEventName, fields: Record<string, unknown>): Answer =>
  json({ hookSpecificOutput: { hookEventName: event, ...fields } });
const withContext = (context?: string) => (context ? { additionalContext: context } : {});

/** Marks an answer whose hookEventName is filled in by the run loop from the hook's event. */
export const HOOK_EVENT = "__hook_event__" as HookEventName;

export const answer = {
  /** No decision, nothing written (unless metrics or a failure notice must be sent). */
  none: (): Answer => NONE,
  /** PreToolUse: skip the permission prompt. AskUserQuestion/ExitPlanMode also need updatedInput. */
  allow: (opts: { reason?: string; updatedInput?: Record<string, unknown>; context?: string } = {}): Answer =>
    specific("PreToolUse", {
      permissionDecision: "allow",
      ...(opts.reason ? { permissionDecisionReason: opts.reason } : {}),
      ...(opts.updatedInput ? { updatedInput: opts.updatedInput } : {}),
      ...withContext(opts.context),
    }),
  /** PreToolUse: block the call; the reason is shown to Claude. */
  deny: (reason: string, opts: { context?: string } = {}): Answer =>
    specific("PreToolUse", { permissionDecision: "deny", permissionDecisionReason: reason, ...withContext(opts.context) }),
  /** PreToolUse: force a permission prompt; the reason is shown to the user. */
  ask: (reason: string): Answer => specific("PreToolUse", { permissionDecision: "ask", permissionDecisionReason: reason }),
  /** PreToolUse: no opinion. With context, only additionalContext is sent; without, nothing. */
  passThrough: (context?: string): Answer => (context ? specific("PreToolUse", { additionalContext: context }) : NONE),
  /** additionalContext for the hook's own event (SessionStart, UserPromptSubmit, PostToolUse, …). */
  context: (text: string): Answer => specific(HOOK_EVENT, { additionalContext: text }),
  /** Top-level decision:"block" with a reason (Stop, UserPromptSubmit, PostToolUse, …). */
  block: (reason: string): Answer => json({ decision: "block", reason }),
  /** Block by exit code 2; the message is the one stderr line the host shows. */
  blockByExit: (message: string): Answer => ({ kind: "exit2", message }),
  /** A warning shown to the user. */
  systemMessage: (message: string): Answer => json({ systemMessage: message }),
  /** Any output object; validated against the event's output schema before it is written. */
  json,
};
