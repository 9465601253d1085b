// hookkit for hook authors: declare a hook, answer it, run it as a process. The wire types come
// along; test helpers are in "hookkit/testing", shared helpers in "hookkit/kit".
export { defineHook } from "./runtime/define.ts";
export { answer } from "./runtime/answer.ts";
export type { Answer, AnswerFor } from "./runtime/answer.ts";
export type { Env, HookContext, HookDefinition } from "./runtime/types.ts";
export { runHookMain } from "./hosts/main.ts";
export type { ClaudeOutput, HookEventName, HookInput } from "./protocol/index.ts";
