// The hook runtime: declare a hook, answer, run the loop against any IO and host.
export { defineHook, NO_JIT } from "./define.ts";
export { answer } from "./answer.ts";
export type { Answer, AnswerFor, AnswerKind } from "./answer.ts";
export type { Encoded, Host, InputOutcome } from "./host.ts";
export { runHook, effectiveTimeout, type HookIO, type RunResult } from "./run.ts";
export { processIO } from "./main.ts";
export { Metrics, type MetricValue } from "./metrics.ts";
export { Usage, type CallUsage } from "./usage.ts";
export type { Env, HookContext, HookDefinition, StdinMode } from "./types.ts";
