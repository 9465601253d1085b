// callModel against a real HTTP server on loopback: the returned value and what reached the usage
// sink, for every way a call can end. (What a hook emits as metrics is in telemetry.test.ts.)
import { afterEach, describe, expect, test } from "bun:test";
import { apiError, closedPort, message, playApi, startLoopbackApi, TOKENS, type LoopbackApi } from "./_loopback-api.ts";
import { callModel } from "./client.ts";
import type { ModelContext, ModelUsage, UsageSink } from "./types.ts";

const SCHEMA = { type: "object", properties: { verdict: { type: "string" } }, required: ["verdict"] };

/** Records exactly what the client reports, in order. */
function recorder() {
  const events: Array<["call", ModelUsage] | ["error", number]> = [];
  const sink: UsageSink = {
    recordCall: (u, cost) => events.push(["call", cost === undefined ? u : { ...u, cost_usd: cost }]),
    recordHttpError: (s) => events.push(["error", s]),
  };
  return { sink, events };
}

let api: LoopbackApi | undefined;
afterEach(() => api?.stop());

function ctxFor(base: string, extraEnv: Record<string, string> = {}) {
  const rec = recorder();
  const ctx: ModelContext = { env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: base, ...extraEnv }, usage: rec.sink };
  return { ctx, events: rec.events };
}

describe("success", () => {
  test("returns text, usage, status and request id; sends the current request shape", async () => {
    api = startLoopbackApi();
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "claude-haiku-4-5", prompt: "review this", system: "be brief", maxTokens: 64 });
    expect(r).toEqual({
      ok: true,
      status: 200,
      text: "No issues found.",
      usage: TOKENS,
      stopReason: "end_turn",
      model: "claude-haiku-4-5-20251001",
      attempts: 1,
      requestId: "req_ok",
    });
    expect(events).toEqual([["call", TOKENS]]);
    const [seen] = api.seen;
    expect(seen?.method).toBe("POST");
    expect(seen?.path).toBe("/v1/messages");
    expect(seen?.headers["x-api-key"]).toBe("sk-test");
    expect(seen?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(seen?.headers.authorization).toBeUndefined();
    expect(seen?.body).toEqual({
      model: "claude-haiku-4-5",
      max_tokens: 64,
      system: "be brief",
      messages: [{ role: "user", content: "review this" }],
    });
  });

  test("structured output goes in output_config.format and comes back parsed", async () => {
    api = startLoopbackApi();
    const { ctx } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "claude-haiku-4-5", prompt: "x", schema: SCHEMA });
    expect(r.ok && r.json).toEqual({ verdict: "safe", findings: [] });
    const body = api.seen[0]?.body ?? {};
    expect(body.output_config).toEqual({ format: { type: "json_schema", schema: SCHEMA } });
    expect(JSON.stringify(body)).not.toContain("output_format");
  });

  test("an auth token is sent as a Bearer header; an API key wins over it; empty counts as unset", async () => {
    api = startLoopbackApi();
    const token = ctxFor(api.url, { ANTHROPIC_API_KEY: "", ANTHROPIC_AUTH_TOKEN: "tok" });
    expect((await callModel(token.ctx, { model: "m", prompt: "x" })).ok).toBe(true);
    expect(api.seen[0]?.headers.authorization).toBe("Bearer tok");
    expect(api.seen[0]?.headers["x-api-key"]).toBeUndefined();
    const both = ctxFor(api.url, { ANTHROPIC_AUTH_TOKEN: "tok" });
    await callModel(both.ctx, { model: "m", prompt: "x" });
    expect(api.seen[1]?.headers["x-api-key"]).toBe("sk-test");
    expect(api.seen[1]?.headers.authorization).toBeUndefined();
  });

  test("a base URL with a path (a gateway) keeps its path", async () => {
    api = startLoopbackApi();
    const { ctx } = ctxFor(`${api.url}/anthropic/`);
    expect((await callModel(ctx, { model: "m", prompt: "x", betas: ["a-1", "b-2"] })).ok).toBe(true);
    expect(api.seen[0]?.path).toBe("/anthropic/v1/messages");
    expect(api.seen[0]?.headers["anthropic-beta"]).toBe("a-1,b-2");
  });

  test("a price table adds cost_usd, matched by the longest model-id prefix", async () => {
    api = startLoopbackApi();
    const { ctx, events } = ctxFor(api.url);
    const prices = { claude: { input: 100, output: 100 }, "claude-haiku-4-5": { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 } };
    const r = await callModel(ctx, { model: "claude-haiku-4-5", prompt: "x", prices });
    // 120*1 + 30*5 + 800*0.1 + 40*1.25 = 400 per million tokens
    expect(r.ok && r.usage.cost_usd).toBeCloseTo(0.0004, 10);
    expect(events[0]?.[1]).toMatchObject({ cost_usd: r.ok ? r.usage.cost_usd : -1 });
  });
});

describe("HTTP failures", () => {
  test("400 deprecation: the retired output_format is rejected, and the failure is typed and counted", async () => {
    api = startLoopbackApi();
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x", extra: { output_format: { type: "json_schema", schema: SCHEMA } } });
    expect(r).toEqual({
      ok: false,
      kind: "http",
      status: 400,
      errorType: "invalid_request_error",
      message:
        "Messages API answered HTTP 400 (the request shape was rejected; the hook may need an update): invalid_request_error: output_format: Extra inputs are not permitted. Structured outputs moved to output_config.format.",
      attempts: 1,
      requestId: "req_400",
    });
    expect(events).toEqual([["error", 400]]);
  });

  test("401 says to check the credentials and is not retried", async () => {
    api = startLoopbackApi(() => apiError(401, "authentication_error", "invalid x-api-key"));
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.kind, r.status, r.errorType, r.attempts]).toEqual(["http", 401, "authentication_error", 1]);
    expect(r.message).toContain("check ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN");
    expect(r.message).not.toContain("sk-test");
    expect(events).toEqual([["error", 401]]);
  });

  test("429 then success: one retry after retry-after, both attempts counted", async () => {
    api = startLoopbackApi((seen, n) =>
      n === 1 ? { ...apiError(429, "rate_limit_error", "slow down"), headers: { "retry-after": "0" } } : playApi(seen),
    );
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x" });
    expect(r.ok && [r.text, r.attempts]).toEqual(["No issues found.", 2]);
    expect(events).toEqual([["error", 429], ["call", TOKENS]]);
  });

  test("529 without retry-after backs off and retries once; a second 529 is returned", async () => {
    api = startLoopbackApi(() => apiError(529, "overloaded_error", "Overloaded"));
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x", backoffMs: 10 });
    expect(!r.ok && [r.kind, r.status, r.errorType, r.attempts]).toEqual(["http", 529, "overloaded_error", 2]);
    expect(events).toEqual([["error", 529], ["error", 529]]);
    expect(api.seen).toHaveLength(2);
  });

  test("no retry when the server asks for a long wait, says x-should-retry: false, or retries is 0", async () => {
    const cases: Array<[Record<string, string>, number]> = [[{ "retry-after": "30" }, 1], [{ "x-should-retry": "false" }, 1], [{}, 0]];
    for (const [headers, retries] of cases) {
      api = startLoopbackApi(() => ({ ...apiError(429, "rate_limit_error", "slow down"), headers }));
      const { ctx, events } = ctxFor(api.url);
      const r = await callModel(ctx, { model: "m", prompt: "x", retries, backoffMs: 10 });
      expect(!r.ok && [r.status, r.attempts]).toEqual([429, 1]);
      expect(events).toEqual([["error", 429]]);
      api.stop();
    }
  });

  test("no retry when the wait would not leave room in the budget", async () => {
    api = startLoopbackApi(() => ({ ...apiError(429, "rate_limit_error", "slow down"), headers: { "retry-after": "1" } }));
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x", timeoutMs: 1500 });
    expect(!r.ok && [r.status, r.attempts]).toEqual([429, 1]);
    expect(events).toEqual([["error", 429]]);
  });

  test("500 is returned with the body's message and not retried", async () => {
    api = startLoopbackApi(() => apiError(500, "api_error", "Internal server error"));
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x" });
    expect(!r.ok && [r.kind, r.status, r.errorType, r.attempts, r.message]).toEqual([
      "http",
      500,
      "api_error",
      1,
      "Messages API answered HTTP 500: api_error: Internal server error",
    ]);
    expect(events).toEqual([["error", 500]]);
  });

  test("a non-JSON error body (an HTML proxy page) still yields a readable message", async () => {
    api = startLoopbackApi(() => ({ status: 502, text: "<html>\n<h1>Bad gateway</h1>\n</html>" }));
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x" });
    expect(!r.ok && [r.kind, r.status, r.errorType, r.message]).toEqual([
      "http",
      502,
      undefined,
      "Messages API answered HTTP 502: <html> <h1>Bad gateway</h1> </html>",
    ]);
    expect(events).toEqual([["error", 502]]);
  });
});

describe("network and time", () => {
  test("connection refused is a network failure, counted as -1", async () => {
    const { ctx, events } = ctxFor(`http://127.0.0.1:${closedPort()}`);
    const r = await callModel(ctx, { model: "m", prompt: "x" });
    expect(!r.ok && [r.kind, r.status, r.attempts]).toEqual(["network", -1, 1]);
    expect(!r.ok && r.message).toStartWith("could not reach the Messages API at http://127.0.0.1:");
    expect(events).toEqual([["error", -1]]);
  });

  test("a server that never answers is abandoned at the timeout, counted as -1", async () => {
    api = startLoopbackApi(() => ({ hang: "headers" }));
    const { ctx, events } = ctxFor(api.url);
    const t0 = Date.now();
    const r = await callModel(ctx, { model: "m", prompt: "x", timeoutMs: 300 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(!r.ok && [r.kind, r.status, r.attempts]).toEqual(["timeout", -1, 1]);
    expect(events).toEqual([["error", -1]]);
  });

  test("a body that stalls after the headers is a timeout too", async () => {
    api = startLoopbackApi(() => ({ hang: "body" }));
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x", timeoutMs: 300 });
    expect(!r.ok && [r.kind, r.status]).toEqual(["timeout", -1]);
    expect(events).toEqual([["error", -1]]);
  });

  test("the default budget ends reserveMs before the hook's deadline", async () => {
    api = startLoopbackApi(() => ({ hang: "headers" }));
    const { ctx, events } = ctxFor(api.url);
    const t0 = Date.now();
    const r = await callModel({ ...ctx, deadline: t0 + 700 }, { model: "m", prompt: "x", reserveMs: 400 });
    const spent = Date.now() - t0;
    expect(!r.ok && r.kind).toBe("timeout");
    expect(spent).toBeGreaterThanOrEqual(290);
    expect(spent).toBeLessThan(700);
    expect(events).toEqual([["error", -1]]);
  });

  test("no budget left: nothing is sent, and the skipped call is still counted", async () => {
    api = startLoopbackApi();
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel({ ...ctx, deadline: Date.now() + 100 }, { model: "m", prompt: "x" });
    expect(!r.ok && [r.kind, r.status, r.attempts]).toEqual(["timeout", -1, 0]);
    expect(api.seen).toHaveLength(0);
    expect(events).toEqual([["error", -1]]);
  });

  test("an aborted caller signal ends the call as a timeout", async () => {
    api = startLoopbackApi(() => ({ hang: "headers" }));
    const { ctx } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x", signal: AbortSignal.timeout(100) });
    expect(!r.ok && [r.kind, r.status]).toEqual(["timeout", -1]);
  });
});

describe("configuration and parsing", () => {
  test.each([
    [{ ANTHROPIC_API_KEY: "" }, { model: "m", prompt: "x" }, "no API credentials"],
    [{ ANTHROPIC_BASE_URL: "file:///etc/passwd" }, { model: "m", prompt: "x" }, "ANTHROPIC_BASE_URL is not an http(s) URL"],
    [{}, { model: "", prompt: "x" }, "no model given"],
    [{}, { model: "m" }, "no prompt given"],
  ])("not sent: %j %j", async (env, req, text) => {
    api = startLoopbackApi();
    const { ctx, events } = ctxFor(api.url, env as Record<string, string>);
    const r = await callModel(ctx, req);
    expect(!r.ok && [r.kind, r.status, r.attempts]).toEqual(["config", 0, 0]);
    expect(!r.ok && r.message).toContain(text);
    expect(api.seen).toHaveLength(0);
    expect(events).toEqual([["error", 0]]);
  });

  test("a 2xx body that is not a message is a parse failure, counted with its status", async () => {
    api = startLoopbackApi(() => ({ status: 200, text: "<html>captive portal</html>" }));
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x" });
    expect(!r.ok && [r.kind, r.status, r.usage]).toEqual(["parse", 200, undefined]);
    expect(events).toEqual([["error", 200]]);
  });

  test("structured output cut off at max_tokens: parse failure that keeps the text and the spent tokens", async () => {
    api = startLoopbackApi(() => message('{"verdict": "sa', TOKENS, { stop_reason: "max_tokens" }));
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x", schema: SCHEMA });
    expect(r).toMatchObject({ ok: false, kind: "parse", status: 200, text: '{"verdict": "sa', usage: TOKENS, stopReason: "max_tokens" });
    expect(!r.ok && r.message).toContain("raise maxTokens");
    expect(events).toEqual([["call", TOKENS]]);
  });

  test("missing or malformed usage fields count as 0, never NaN", async () => {
    api = startLoopbackApi(() => message("hi", { input_tokens: 7, output_tokens: Number.NaN, cache_read_input_tokens: -3 } as never));
    const { ctx, events } = ctxFor(api.url);
    const r = await callModel(ctx, { model: "m", prompt: "x" });
    const zeroed = { input_tokens: 7, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    expect(r.ok && r.usage).toEqual(zeroed);
    expect(events).toEqual([["call", zeroed]]);
  });
});

test("a caller abort during a retry's wait returns the HTTP failure, counted once", async () => {
  api = startLoopbackApi(() => ({ ...apiError(429, "rate_limit_error", "slow down"), headers: { "retry-after": "2" } }));
  const { ctx, events } = ctxFor(api.url);
  const r = await callModel(ctx, { model: "m", prompt: "x", signal: AbortSignal.timeout(200), timeoutMs: 10_000 });
  expect(!r.ok && [r.kind, r.status, r.attempts]).toEqual(["http", 429, 1]);
  expect(events).toEqual([["error", 429]]);
  expect(api.seen).toHaveLength(1);
});
