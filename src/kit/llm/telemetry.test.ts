// What a real hook emits as `metrics` after calling the model, for every way a call can end:
// defineHook + invokeHook run the same loop as the binary; the API is a real HTTP server on
// loopback. The seed bug this guards against: a failed call produced no metric at all and looked
// exactly like "no review needed".
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { METRIC_KEY_PATTERN } from "../../protocol/facts.ts";
import { join } from "node:path";
import { answer, defineHook } from "../../runtime/index.ts";
import { fixtures, invokeHook } from "../../testing/index.ts";
import { apiError, closedPort, playApi, startLoopbackApi, type Handler } from "./_loopback-api.ts";
import { callModel } from "./client.ts";
import type { ModelRequest, ModelResult } from "./types.ts";

const SCHEMA = { type: "object", properties: { verdict: { type: "string" } }, required: ["verdict"] };
const TOKEN_KEYS = { api_calls: 1, tok_in: 120, tok_out: 30, tok_cache_r: 800, tok_cache_w: 40 };

interface Scenario {
  name: string;
  /** undefined: the hook makes no call. "refused": the base URL is a closed port. */
  api?: Handler | "refused";
  env?: Record<string, string>;
  request?: Partial<ModelRequest>;
  /** How many calls the hook makes (default 1 when there is an api). */
  calls?: number;
  timeout?: number;
  result: Array<Partial<{ ok: boolean; kind: string; status: number; attempts: number }>>;
  /** The exact `metrics` of the emitted line; undefined = no `metrics` key at all. */
  metrics: Record<string, number> | undefined;
}

const retryOnce: Handler = (seen, n) =>
  n === 1 ? { ...apiError(429, "rate_limit_error", "slow down"), headers: { "retry-after": "0" } } : playApi(seen);

const SCENARIOS: Scenario[] = [
  { name: "no call made: no keys", result: [], metrics: undefined },
  { name: "success", api: playApi, result: [{ ok: true, status: 200, attempts: 1 }], metrics: TOKEN_KEYS },
  {
    name: "success with a price table adds cost_usd",
    api: playApi,
    request: { prices: { "claude-haiku-4-5": { input: 1, output: 5 } } },
    result: [{ ok: true, status: 200 }],
    // 120*1 + 30*5 + 800*0.1 + 40*1.25 = 400 USD per million tokens
    metrics: { ...TOKEN_KEYS, cost_usd: 0.0004 },
  },
  {
    name: "400 deprecation (output_format): error keys without token keys",
    api: playApi,
    request: { schema: undefined, extra: { output_format: { type: "json_schema", schema: SCHEMA } } },
    result: [{ ok: false, kind: "http", status: 400, attempts: 1 }],
    metrics: { http_err_last: 400, http_err_count: 1 },
  },
  {
    name: "401",
    api: () => apiError(401, "authentication_error", "invalid x-api-key"),
    result: [{ ok: false, kind: "http", status: 401, attempts: 1 }],
    metrics: { http_err_last: 401, http_err_count: 1 },
  },
  {
    name: "429 then success: token keys and the retried error",
    api: retryOnce,
    result: [{ ok: true, status: 200, attempts: 2 }],
    metrics: { ...TOKEN_KEYS, http_err_last: 429, http_err_count: 1 },
  },
  {
    name: "500",
    api: () => apiError(500, "api_error", "Internal server error"),
    result: [{ ok: false, kind: "http", status: 500, attempts: 1 }],
    metrics: { http_err_last: 500, http_err_count: 1 },
  },
  {
    name: "connection refused: -1",
    api: "refused",
    result: [{ ok: false, kind: "network", status: -1, attempts: 1 }],
    metrics: { http_err_last: -1, http_err_count: 1 },
  },
  {
    // timeout 1 s: the default budget (deadline - 500 ms) ends the call before the runtime's own cut-off
    name: "hang past the hook's budget: -1",
    api: () => ({ hang: "headers" }),
    timeout: 1,
    result: [{ ok: false, kind: "timeout", status: -1, attempts: 1 }],
    metrics: { http_err_last: -1, http_err_count: 1 },
  },
  {
    name: "no credentials: not sent, 0",
    api: playApi,
    env: { ANTHROPIC_API_KEY: "", ANTHROPIC_AUTH_TOKEN: "" },
    result: [{ ok: false, kind: "config", status: 0, attempts: 0 }],
    metrics: { http_err_last: 0, http_err_count: 1 },
  },
  {
    name: "two calls, a success then a 500: both sides counted",
    api: (seen, n) => (n === 1 ? playApi(seen) : apiError(500, "api_error", "Internal server error")),
    calls: 2,
    result: [{ ok: true }, { ok: false, kind: "http", status: 500 }],
    metrics: { ...TOKEN_KEYS, http_err_last: 500, http_err_count: 1 },
  },
];

let stateDir: string;
beforeAll(() => {
  stateDir = mkdtempSync(join(tmpdir(), "hookkit-llm-"));
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/** Runs a security-review-like PostToolUse hook that calls the model as the scenario says. */
async function run(s: Scenario) {
  const server = s.api && s.api !== "refused" ? startLoopbackApi(s.api) : undefined;
  const base = server?.url ?? `http://127.0.0.1:${closedPort()}`;
  const results: ModelResult[] = [];
  const hook = defineHook({
    name: "llm-review",
    event: "PostToolUse",
    timeout: s.timeout ?? 10,
    async run(input, ctx) {
      const calls = s.api === undefined ? 0 : (s.calls ?? 1);
      for (let i = 0; i < calls; i++) {
        const command = String((input.tool_input as { command?: unknown }).command);
        results.push(await callModel(ctx, { model: "claude-haiku-4-5", prompt: `Review: ${command}`, schema: SCHEMA, ...s.request }));
      }
      const verdicts = results.map((r) => (r.ok ? "reviewed" : `review failed (${r.kind} ${r.status})`));
      return verdicts.length ? answer.context(verdicts.join("; ")) : answer.none();
    },
  });
  try {
    const env = { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: base, HOOKKIT_STATE_DIR: stateDir, ...s.env };
    const out = await invokeHook(hook, fixtures.postToolUse({ tool_input: { command: "git commit -m wip" } }), { env });
    return { out, results };
  } finally {
    server?.stop();
  }
}

describe("metrics emitted by a hook that calls the model", () => {
  for (const s of SCENARIOS) {
    test(s.name, async () => {
      const { out, results } = await run(s);
      expect(out.exitCode).toBe(0);
      expect(out.lines.length).toBeLessThanOrEqual(1);
      expect(results).toHaveLength(s.result.length);
      s.result.forEach((want, i) => expect(results[i]).toMatchObject(want));
      if (s.metrics === undefined) {
        expect(out.stdout).toBe("");
        return;
      }
      const metrics = out.output?.metrics as Record<string, number>;
      expect(metrics).toEqual(s.metrics);
      if (!("cost_usd" in s.metrics)) expect(metrics).not.toHaveProperty("cost_usd");
      if (!("api_calls" in s.metrics)) expect(Object.keys(metrics).filter((k) => k.startsWith("tok_") || k === "api_calls")).toEqual([]);
      if (!("http_err_count" in s.metrics)) expect(Object.keys(metrics).filter((k) => k.startsWith("http_err"))).toEqual([]);
    });
  }
});

describe("contract", () => {
  test("across all runs, every emitted metric is a valid key with a bool or finite-number value", async () => {
    let checked = 0;
    for (const s of SCENARIOS) {
      const { out } = await run(s);
      for (const line of out.lines) {
        const metrics = (JSON.parse(line) as { metrics?: Record<string, unknown> }).metrics ?? {};
        expect(Object.keys(metrics).length).toBeLessThanOrEqual(20);
        for (const [key, value] of Object.entries(metrics)) {
          expect(key).toMatch(new RegExp(METRIC_KEY_PATTERN));
          const ok = typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
          if (!ok) throw new Error(`${s.name}: metric ${key} = ${JSON.stringify(value)} is not a bool or finite number`);
          checked++;
        }
      }
    }
    // Guard against a vacuous pass: the scenarios above emit this many values in total.
    expect(checked).toBe(SCENARIOS.reduce((n, s) => n + Object.keys(s.metrics ?? {}).length, 0));
  });
});

describe("usage survives the unhappy paths of the run loop", () => {
  const env = () => ({ ANTHROPIC_API_KEY: "sk-test", HOOKKIT_STATE_DIR: stateDir });

  test("a handler that throws after a failed call still emits the error keys (fail-open answer)", async () => {
    const hook = defineHook({
      name: "llm-throws",
      event: "PostToolUse",
      async run(_input, ctx) {
        const r = await callModel(ctx, { model: "m", prompt: "x" });
        throw new Error(`after the call: ${r.ok ? "ok" : r.kind}`);
      },
    });
    const out = await invokeHook(hook, fixtures.postToolUse(), { env: { ...env(), ANTHROPIC_BASE_URL: `http://127.0.0.1:${closedPort()}` } });
    expect(out.exitCode).toBe(0);
    expect(out.output).toEqual({ metrics: { http_err_last: -1, http_err_count: 1 } });
  });

  test("a handler that outlives its timeout after a call still emits the call's keys", async () => {
    const api = startLoopbackApi();
    try {
      const hook = defineHook({
        name: "llm-slow",
        event: "PostToolUse",
        timeout: 1,
        async run(_input, ctx) {
          await callModel(ctx, { model: "m", prompt: "x" });
          await Bun.sleep(3_000);
        },
      });
      const out = await invokeHook(hook, fixtures.postToolUse(), { env: { ...env(), ANTHROPIC_BASE_URL: api.url } });
      expect(out.exitCode).toBe(0);
      expect(out.output).toEqual({ metrics: TOKEN_KEYS });
    } finally {
      api.stop();
    }
  });

  test("ctx.usage.recordHttpError ignores values that are not integers", async () => {
    const hook = defineHook({
      name: "llm-bad-status",
      event: "PostToolUse",
      run(_input, ctx) {
        for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, "500", null, undefined]) ctx.usage.recordHttpError(bad as number);
      },
    });
    const out = await invokeHook(hook, fixtures.postToolUse(), { env: env() });
    expect([out.exitCode, out.stdout]).toEqual([0, ""]);
  });
});

test("near the key cap, the error keys are kept ahead of the token keys", async () => {
  // Older hosts keep 10 keys. A hook with 5 keys of its own plus a 429-then-success run has 12:
  // what gets cut must be token detail, never the only trace of the failure (http_err_*).
  const api = startLoopbackApi(retryOnce);
  try {
    const hook = defineHook({
      name: "llm-cap",
      event: "PostToolUse",
      maxMetrics: 10,
      async run(_input, ctx) {
        for (const key of ["own_a", "own_b", "own_c", "own_d", "own_e"]) ctx.metrics.set(key, 1);
        await callModel(ctx, { model: "m", prompt: "x" });
      },
    });
    const env = { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: api.url, HOOKKIT_STATE_DIR: stateDir };
    const out = await invokeHook(hook, fixtures.postToolUse(), { env });
    expect(Object.keys(out.output.metrics)).toEqual(["own_a", "own_b", "own_c", "own_d", "own_e", "http_err_last", "http_err_count", "api_calls", "tok_in", "tok_out"]);
    expect(out.output.metrics).toMatchObject({ http_err_last: 429, http_err_count: 1, api_calls: 1 });
  } finally {
    api.stop();
  }
});

test("the budget is measured on the hook's clock: a test clock set in the past still gets its full budget", async () => {
  const api = startLoopbackApi();
  try {
    const hook = defineHook({
      name: "llm-clock",
      event: "PostToolUse",
      timeout: 10,
      async run(_input, ctx) {
        const r = await callModel(ctx, { model: "m", prompt: "x" });
        return answer.context(r.ok ? "reviewed" : r.message);
      },
    });
    const env = { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: api.url, HOOKKIT_STATE_DIR: stateDir };
    const out = await invokeHook(hook, fixtures.postToolUse(), { env, now: () => new Date("2020-01-01T00:00:00Z") });
    expect(out.output.hookSpecificOutput.additionalContext).toBe("reviewed");
    expect(out.output.metrics).toEqual(TOKEN_KEYS);
  } finally {
    api.stop();
  }
});
