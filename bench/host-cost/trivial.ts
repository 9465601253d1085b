// The hookkit variant of bench/host-cost.ts: a PreToolUse hook on Bash that reads and validates the event
// and answers nothing, compiled into a plugin bundle by hookkit's build and started by its hooks.json.
import { answer, defineHook } from "../../src/index.ts";

export default defineHook({ name: "trivial", event: "PreToolUse", matcher: "Bash", timeout: 10, run: () => answer.none() });
