// Per-run accumulator for model calls (the model client in src/kit/llm/ records into it).
// The "no pollution" contract: a run that made no call and saw no error adds no keys at all;
// token keys appear only after at least one call, error keys only when an error was recorded.
import type { Metrics } from "./metrics.ts";

export interface CallUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

const count = (n: unknown) => (typeof n === "number" && Number.isFinite(n) && n > 0 ? n : 0);

export class Usage {
  calls = 0;
  tokensIn = 0;
  tokensOut = 0;
  cacheRead = 0;
  cacheWrite = 0;
  costUsd: number | undefined;
  httpErrorLast: number | undefined;
  httpErrorCount = 0;

  /** One API call that returned a message (tokens were spent), with its usage. */
  recordCall(usage: CallUsage = {}, costUsd?: number): void {
    this.calls += 1;
    this.tokensIn += count(usage.input_tokens);
    this.tokensOut += count(usage.output_tokens);
    this.cacheRead += count(usage.cache_read_input_tokens);
    this.cacheWrite += count(usage.cache_creation_input_tokens);
    if (typeof costUsd === "number" && Number.isFinite(costUsd)) this.costUsd = (this.costUsd ?? 0) + costUsd;
  }

  /**
   * A failed attempt: its HTTP status (4xx/5xx, or a 2xx whose body was not a message), -1 for a
   * network error or timeout, 0 when no request could be sent (no credentials, bad base URL).
   * Non-integers are ignored.
   */
  recordHttpError(status: unknown): void {
    if (typeof status !== "number" || !Number.isInteger(status)) return;
    this.httpErrorLast = status;
    this.httpErrorCount += 1;
  }

  /**
   * The keys this run contributes, in the order they should be sent: error keys first, because
   * under the host's key cap (10 on older hosts) they are the only trace of a failed call, while
   * token counts are detail.
   */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    if (this.httpErrorCount > 0 && this.httpErrorLast !== undefined) {
      out.http_err_last = this.httpErrorLast;
      out.http_err_count = this.httpErrorCount;
    }
    if (this.calls > 0) {
      out.api_calls = this.calls;
      out.tok_in = this.tokensIn;
      out.tok_out = this.tokensOut;
      out.tok_cache_r = this.cacheRead;
      out.tok_cache_w = this.cacheWrite;
      if (this.costUsd !== undefined) out.cost_usd = Math.round(this.costUsd * 1e6) / 1e6;
    }
    return out;
  }

  /** Adds the snapshot to a hook's metrics (through the same contract as every other key). */
  mergeInto(metrics: Metrics): void {
    for (const [key, value] of Object.entries(this.snapshot())) metrics.set(key, value);
  }
}
