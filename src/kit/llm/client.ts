// callModel: one Messages API request with bounded retries inside the hook's time budget.
// Every outcome is a typed result, and every attempt is counted in ctx.usage, so a failed call can
// never look like "the model had nothing to say".
import { callDeadline, prepare, type Prepared } from "./_config.ts";
import { httpFailure, readSuccess } from "./_response.ts";
import { retryDelay } from "./_retry.ts";
import type { ModelContext, ModelFailure, ModelRequest, ModelResult } from "./types.ts";
import { describeError } from "../../base/errors.ts";

/** http_err_last for a network error, a timeout or an exhausted budget. */
export const NETWORK_ERROR = -1;
/** http_err_last for a request that was never sent (no credentials, bad base URL, no model). */
export const NOT_SENT = 0;

type Attempt =
  | { kind: "response"; status: number; headers: Headers; bodyText: string }
  | { kind: "timeout" }
  | { kind: "network"; detail: string };

async function attemptOnce(p: Prepared, budgetMs: number, outer?: AbortSignal): Promise<Attempt> {
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), budgetMs);
  const signal = outer ? AbortSignal.any([timer.signal, outer]) : timer.signal;
  try {
    const res = await fetch(p.url, { method: "POST", headers: p.headers, body: p.body, signal });
    // The body is read under the same signal: a server that sends headers and then stalls is a timeout too.
    const bodyText = await res.text();
    return { kind: "response", status: res.status, headers: res.headers, bodyText };
  } catch (err) {
    if (signal.aborted) return { kind: "timeout" };
    return { kind: "network", detail: describeError(err) };
  } finally {
    clearTimeout(timeout);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}

/**
 * Ask a model. Credentials and base URL come from `ctx.env` (ANTHROPIC_API_KEY, else
 * ANTHROPIC_AUTH_TOKEN; ANTHROPIC_BASE_URL), the budget from `ctx.deadline`, and every attempt is
 * recorded in `ctx.usage`. Never throws for anything the network or the API can do.
 */
export async function callModel(ctx: ModelContext, req: ModelRequest): Promise<ModelResult> {
  const sink = ctx.usage;
  const prepared = prepare(ctx, req);
  if (typeof prepared === "string") {
    sink?.recordHttpError(NOT_SENT);
    return { ok: false, kind: "config", status: NOT_SENT, message: prepared, attempts: 0 };
  }
  const started = Date.now();
  const end = callDeadline(ctx, req, started);
  // No answer at all (timeout, refused, reset): counted as -1, the seed's code for "network".
  const noAnswer = (kind: "timeout" | "network", message: string, attempts: number): ModelFailure => {
    sink?.recordHttpError(NETWORK_ERROR);
    return { ok: false, kind, status: NETWORK_ERROR, message, attempts };
  };
  let lastFailure: ModelFailure | undefined;

  for (let attempt = 1; ; attempt++) {
    const left = end - Date.now();
    if (left <= 0 || req.signal?.aborted) {
      // Only reachable before the first attempt, or when the caller aborted during a retry's wait.
      return lastFailure ?? noAnswer("timeout", "Messages API call not sent: no time was left in the hook's budget; raise the hook's timeout or pass timeoutMs", 0);
    }
    const a = await attemptOnce(prepared, left, req.signal);
    if (a.kind === "timeout") {
      const ms = Date.now() - started;
      return noAnswer("timeout", `Messages API gave no complete answer within ${ms} ms (the call's budget); the call was abandoned. Raise the hook's timeout or pass timeoutMs`, attempt);
    }
    if (a.kind === "network") {
      return noAnswer("network", `could not reach the Messages API at ${prepared.url} (${a.detail}); check the network, a proxy, or ANTHROPIC_BASE_URL`, attempt);
    }

    const requestId = a.headers.get("request-id") ?? undefined;
    if (a.status >= 200 && a.status < 300) {
      const r = readSuccess(a.status, a.bodyText, req);
      if (r.usage) {
        // Tokens were spent whenever the API returned a message, even if its JSON did not parse.
        const { cost_usd, ...tokens } = r.usage;
        sink?.recordCall(tokens, cost_usd);
      } else sink?.recordHttpError(a.status);
      return { ...r, attempts: attempt, requestId } as ModelResult;
    }

    sink?.recordHttpError(a.status);
    lastFailure = { ...httpFailure(a.status, a.bodyText), attempts: attempt, requestId };
    const delay = retryDelay(a.status, a.headers, attempt, req, Date.now(), end);
    if (delay === undefined) return lastFailure;
    await sleep(delay, req.signal);
  }
}
