// The runtime's floor: a defineHook that answers nothing, compiled alone with the hook flags (bench/bench.ts).
// Its distance to bench/stdin-json.ts is what the run loop costs; a shipped hook's distance to it is the hook's work.
import { answer, defineHook, runHookMain } from "../src/index.ts";

const hook = defineHook({ name: "trivial", event: "PreToolUse", run: () => answer.none() });

await runHookMain(hook);
