// hookkit's library surface: define hooks and answer (runtime), the wire types (protocol).
// Test helpers live in "hookkit/testing", shared helpers in "hookkit/kit".
export * from "./runtime/index.ts";
export type { HookEventName, HookInput, HookOutput } from "./protocol/index.ts";
