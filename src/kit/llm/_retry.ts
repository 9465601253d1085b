// When a failed attempt may be tried again, and after how long. Retries are for the two statuses
// that mean "come back soon" (429 rate limited, 529 overloaded) and only while the hook's budget
// still has room: a hook that overruns its timeout is killed and loses its answer and metrics.
import type { ModelRequest } from "./types.ts";

const RETRYABLE = new Set([429, 529]);
const DEFAULT_BACKOFF_MS = 500;
const DEFAULT_MAX_RETRY_AFTER_MS = 5_000;
/** A retry that would have less than this left is not worth sending. */
export const MIN_ATTEMPT_MS = 1_000;

/** Server-requested wait: `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (raw.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Milliseconds to wait before attempt `attempt + 1`, or undefined when there must be no retry:
 * status not retryable, retries used up, the server said no (`x-should-retry: false`) or asked
 * for a long wait, or the wait would not leave MIN_ATTEMPT_MS before `end`.
 */
export function retryDelay(
  status: number,
  headers: Headers,
  attempt: number,
  req: ModelRequest,
  now: number,
  end: number,
): number | undefined {
  const retries = Math.max(0, Math.floor(req.retries ?? 1));
  if (!RETRYABLE.has(status) || attempt > retries) return undefined;
  if (headers.get("x-should-retry") === "false") return undefined;
  const asked = retryAfterMs(headers, now);
  let delay: number;
  if (asked !== undefined) {
    if (asked > (req.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS)) return undefined;
    delay = asked;
  } else {
    // Jitter so that many hooks throttled at once do not come back in lockstep.
    delay = (req.backoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (attempt - 1) * (0.75 + 0.25 * Math.random());
  }
  return now + delay + MIN_ATTEMPT_MS <= end ? Math.round(delay) : undefined;
}
