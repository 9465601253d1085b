// What a handler answers, in hookkit's own vocabulary: the intent (deny, add context, block…), not
// any host's wire format. The host adapter (src/hosts/<host>/) encodes an answer for its host, and
// refuses one the host cannot honour so that nothing is silently dropped. "No opinion" is the empty
// answer, never a `defer` (which pauses the tool in Claude Code's -p mode and SDK): see
// docs/design.md.
//
// The types are per event: `answer.deny(...)` in a SessionStart hook, or a misspelled field in
// `answer.json("PreToolUse", {...})`, does not compile.
import type { BlockingEvent, ClaudeOutput, HookEventName } from "../protocol/index.ts";
import type { ContextEvent } from "../protocol/outputs.ts";

/** Shown to the user (Claude Code: `systemMessage`); any answer may carry one. */
interface WithMessage {
  readonly message?: string;
}

export type NoneAnswer = { readonly kind: "none" } & WithMessage;
export type AllowAnswer = {
  readonly kind: "allow";
  readonly reason?: string;
  readonly updatedInput?: Record<string, unknown>;
  readonly context?: string;
} & WithMessage;
export type DenyAnswer = { readonly kind: "deny"; readonly reason: string; readonly context?: string } & WithMessage;
export type AskAnswer = { readonly kind: "ask"; readonly reason: string; readonly context?: string } & WithMessage;
export type ContextAnswer = { readonly kind: "context"; readonly text: string } & WithMessage;
export type BlockAnswer = { readonly kind: "block"; readonly reason: string } & WithMessage;
/** Block by exit code 2; the message is the one stderr line the host shows. */
export type Exit2Answer = { readonly kind: "exit2"; readonly message: string };
/** Claude Code's own output object for event E, written as given (after validation). */
export type NativeAnswer<E extends HookEventName = HookEventName> = {
  readonly kind: "native";
  readonly event: E;
  readonly output: ClaudeOutput<E>;
};

export type Answer = NoneAnswer | AllowAnswer | DenyAnswer | AskAnswer | ContextAnswer | BlockAnswer | Exit2Answer | NativeAnswer;
export type AnswerKind = Answer["kind"];

type DecisionEvent = "PreToolUse" | "PermissionRequest";

/** The answers that mean something on event E. */
export type AnswerFor<E extends HookEventName> =
  | NoneAnswer
  | Exit2Answer
  | NativeAnswer<E>
  | (E extends DecisionEvent ? AllowAnswer | DenyAnswer : never)
  | (E extends "PreToolUse" ? AskAnswer : never)
  | (E extends ContextEvent ? ContextAnswer : never)
  | (E extends BlockingEvent ? BlockAnswer : never);

const NONE: NoneAnswer = { kind: "none" };
const msg = (message?: string) => (message ? { message } : {});

export const answer = {
  /** No opinion: nothing is written (unless metrics or a failure notice must be sent). */
  none: (opts: { message?: string } = {}): NoneAnswer => (opts.message ? { kind: "none", message: opts.message } : NONE),
  /** Let the call through without a permission prompt. AskUserQuestion/ExitPlanMode also need updatedInput. */
  allow: (opts: { reason?: string; updatedInput?: Record<string, unknown>; context?: string; message?: string } = {}): AllowAnswer => ({
    kind: "allow",
    ...(opts.reason ? { reason: opts.reason } : {}),
    ...(opts.updatedInput ? { updatedInput: opts.updatedInput } : {}),
    ...(opts.context ? { context: opts.context } : {}),
    ...msg(opts.message),
  }),
  /** Block the call; the reason is shown to the model. */
  deny: (reason: string, opts: { context?: string; message?: string } = {}): DenyAnswer => ({
    kind: "deny",
    reason,
    ...(opts.context ? { context: opts.context } : {}),
    ...msg(opts.message),
  }),
  /**
   * Ask the user; the reason is shown to them. Where nobody can be asked (Claude Code's -p mode)
   * the host refuses the call and the reason reaches the model; hosts with no ask refuse the answer
   * at build time unless the hook declares how to degrade it.
   */
  ask: (reason: string, opts: { context?: string; message?: string } = {}): AskAnswer => ({
    kind: "ask",
    reason,
    ...(opts.context ? { context: opts.context } : {}),
    ...msg(opts.message),
  }),
  /** Context for the model, with no decision (SessionStart, UserPromptSubmit, Pre/PostToolUse, …). */
  context: (text: string, opts: { message?: string } = {}): ContextAnswer => ({ kind: "context", text, ...msg(opts.message) }),
  /** Stop what the event is about (a prompt, a stop, a tool result) with a reason for the model. */
  block: (reason: string, opts: { message?: string } = {}): BlockAnswer => ({ kind: "block", reason, ...msg(opts.message) }),
  /** Block by exit code 2; the message is the one stderr line the host shows. */
  blockByExit: (message: string): Exit2Answer => ({ kind: "exit2", message }),
  /** A warning shown to the user, no decision. */
  message: (text: string): NoneAnswer => ({ kind: "none", message: text }),
  /** Claude Code's output object for `event`, for fields no builder covers; validated before it is written. */
  json: <E extends HookEventName>(event: E, output: ClaudeOutput<NoInfer<E>>): NativeAnswer<E> => ({ kind: "native", event, output: output as ClaudeOutput<E> }),
};
