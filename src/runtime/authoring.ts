// What `import … from "hookkit"` gives a hook built as a Claude Code mod. The package's own entry
// (src/index.ts) also re-exports the process run loop (runHookMain), which reads stdin and cannot
// load in the host's worker; the mod build resolves "hookkit" to this file instead, and refuses a
// hook that imports from "hookkit" a name this file does not export (src/build/mod/capability.ts).
export { defineHook } from "./define.ts";
export { answer } from "./answer.ts";
export type { Answer, AnswerFor } from "./answer.ts";
export type { Env, HookContext, HookDefinition } from "./types.ts";
