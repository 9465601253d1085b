// The wire contract with the host: schemas (the single source), static types derived from them,
// and the generated validators. Importing this module does not load TypeBox's Value/compiler.
export { InputSchemas, UnknownEventInput, CommonFields, HOOK_EVENTS, isHookEventName } from "./inputs.ts";
export type { HookEventName, HookInput } from "./inputs.ts";
export { OutputSchemas, AsyncMarker, Metrics, METRIC_KEY_PATTERN, BLOCKING_DECISION_EVENTS, EXIT2_BLOCKS } from "./outputs.ts";
export type { HookOutput, ClaudeOutput, BlockingEvent, ContextEvent } from "./outputs.ts";
export { InputChecks, OutputChecks, checkAsyncMarker, checkInput_Unknown } from "./validators/all.gen.ts";
export { loadValidators, type Check, type EventValidators } from "./validators/index.gen.ts";
export { explainInput, explainOutput } from "./explain.ts";
export { EVENTS, FILE_CRITICAL, NO_MATCHER, TOOL_EVENTS, NARROW_MATCHER, handlerTypes, MATCHED_FIELD, defaultTimeout } from "./config.ts";
