// Public shapes of the Messages API client. Wire names (input_tokens, output_config, stop_reason)
// are spelled as the API spells them; everything else has plain names.

/** Token counts of one successful call, as the API reports them in `usage` (missing = 0). */
export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

/** A successful call's tokens, plus its cost when a price table covers the model. */
export interface ModelUsage extends TokenUsage {
  cost_usd?: number;
}

/**
 * Where every attempt is counted. A hook's `ctx.usage` (src/runtime/usage.ts) satisfies it; the
 * runtime turns it into the `api_calls`, `tok_*`, `cost_usd` and `http_err_*` metrics.
 */
export interface UsageSink {
  /** One call that returned a message; `costUsd` only when a price table covers the model. */
  recordCall(usage: TokenUsage, costUsd?: number): void;
  /** HTTP status of a failed attempt; -1 network error or timeout; 0 not sent (configuration). */
  recordHttpError(status: number): void;
}

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

/** Keyed by model id or id prefix (longest prefix wins), e.g. "claude-haiku-4-5". */
export type PriceTable = Record<string, ModelPrice>;

export type MessageContent = string | Array<Record<string, unknown>>;
export interface Message {
  role: "user" | "assistant";
  content: MessageContent;
}

/** The part of a hook's ctx the client reads; a hook passes `ctx` itself. */
export interface ModelContext {
  env: Readonly<Record<string, string | undefined>>;
  usage?: UsageSink;
  /** Epoch ms when the hook's own timeout expires; the call's default budget ends before it. */
  deadline?: number;
  /** The clock `deadline` is measured on (the hook's ctx.now); default the real clock. */
  now?(): Date;
}

export interface ModelRequest {
  model: string;
  /** Default 1024. */
  maxTokens?: number;
  system?: string;
  /** One user message; or give `messages`. */
  prompt?: string;
  messages?: Message[];
  /** JSON Schema for structured output, sent as `output_config.format` and parsed into `json`. */
  schema?: Record<string, unknown>;
  temperature?: number;
  /** Other body fields, sent as given (e.g. `metadata`); request fields above win over them. */
  extra?: Record<string, unknown>;
  /** Sent as `anthropic-beta`, comma-joined. */
  betas?: string[];
  /**
   * Whole budget for all attempts, in ms. Default: the time left before `ctx.deadline` minus
   * `reserveMs`; 60 s when there is no deadline.
   */
  timeoutMs?: number;
  /** Time kept back from the hook's deadline for writing its answer. Default 500. */
  reserveMs?: number;
  /** Extra attempts on 429/529. Default 1. */
  retries?: number;
  /** First backoff in ms (doubled per retry, with jitter) when the server gives no retry-after. Default 500. */
  backoffMs?: number;
  /** A retry-after longer than this is not waited for. Default 5000. */
  maxRetryAfterMs?: number;
  prices?: PriceTable;
  /** Aborts the call; reported as a timeout. */
  signal?: AbortSignal;
}

export type FailureKind = "http" | "network" | "timeout" | "parse" | "config";

interface ResultCommon {
  /** Attempts made (0 when the request was never sent). */
  attempts: number;
  /** `request-id` response header of the last attempt, when there was one. */
  requestId?: string;
}

export interface ModelSuccess extends ResultCommon {
  ok: true;
  status: number;
  text: string;
  /** Parsed structured output, when `schema` was given. */
  json?: unknown;
  usage: ModelUsage;
  stopReason?: string;
  model?: string;
}

export interface ModelFailure extends ResultCommon {
  ok: false;
  kind: FailureKind;
  /** HTTP status; -1 network error or timeout; 0 not sent (configuration). */
  status: number;
  /** What happened, what it affects, what to do; never contains credentials. */
  message: string;
  /** The API's `error.type` (e.g. "invalid_request_error", "overloaded_error"). */
  errorType?: string;
  /** For kind "parse" after a 2xx: what the model returned, and what it cost. */
  text?: string;
  usage?: ModelUsage;
  stopReason?: string;
}

export type ModelResult = ModelSuccess | ModelFailure;
