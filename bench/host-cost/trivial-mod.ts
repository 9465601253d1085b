// The hookkit-mod variant of bench/host-cost.ts: the same do-nothing PreToolUse hook on Bash, written to be
// mod-capable (defineHook and answer from their own modules, not the runtime's index, which re-exports the
// Bun run loop). hookkit's build makes both its mod and its compiled twin; the session loads both, the mod
// refuses the twin, and the hook runs in-process.
import { defineHook } from "../../src/runtime/define.ts";
import { answer } from "../../src/runtime/answer.ts";

export default defineHook({ name: "trivial-mod", event: "PreToolUse", matcher: "Bash", timeout: 10, run: () => answer.none() });
