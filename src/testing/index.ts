// Test helpers for hook authors: in-process runs, realistic fixtures, real child processes.
export { invokeHook, parseLines, type HookRun, type InvokeOptions } from "./invoke.ts";
export { spawnHook, type SpawnRun, type SpawnOptions } from "../runtime/spawn.ts";
export { fixtures, sampleInput, SAMPLE_FIELDS, SAMPLE_TOOL_INPUTS } from "../protocol/samples.ts";
