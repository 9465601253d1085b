export { callModel, NETWORK_ERROR, NOT_SENT } from "./client.ts";
export { costOf, priceFor } from "./price.ts";
export { API_VERSION } from "./_config.ts";
export type {
  FailureKind,
  Message,
  ModelContext,
  ModelFailure,
  ModelPrice,
  ModelRequest,
  ModelResult,
  ModelSuccess,
  ModelUsage,
  PriceTable,
  TokenUsage,
  UsageSink,
} from "./types.ts";
