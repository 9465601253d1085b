// The hook runtime: declare a hook, answer through typed builders, run it.
export { defineHook } from "./define.ts";
export { answer } from "./answer.ts";
export { runHook, type HookIO, type RunResult } from "./run.ts";
export { runHookMain, processIO } from "./main.ts";
export { Metrics, type MetricValue } from "./metrics.ts";
export { Usage, type CallUsage } from "./usage.ts";
export type { Answer, Env, HookContext, HookDefinition, StdinMode } from "./types.ts";
