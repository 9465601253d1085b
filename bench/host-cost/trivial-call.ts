// The tool.call variant of bench/host-cost.ts's mod: trivial-mod's hook with `answers: ["deny"]` (a guard
// that refuses or has no opinion), which the mod runs on tool.call. It answers nothing, like the others.
import { defineHook } from "../../src/runtime/define.ts";
import { answer } from "../../src/runtime/answer.ts";

export default defineHook({ name: "trivial-call", event: "PreToolUse", matcher: "Bash", timeout: 10, answers: ["deny"], run: () => answer.none() });
