// The example hook as a real child process (piped stdin/stdout, as Claude Code runs it) against
// the loopback API: the metrics line survives the real stdout path, and the process exits on its
// own after answering (an open keep-alive socket must not hold it until the host kills it).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtures, spawnHook } from "../../testing/index.ts";
import { apiError, closedPort, message, startLoopbackApi, type Handler } from "./_loopback-api.ts";

const HOOK = join(import.meta.dir, "../../../test/fixtures/hooks/commit-review.ts");
let stateDir: string;
beforeAll(() => {
  stateDir = mkdtempSync(join(tmpdir(), "hookkit-llm-proc-"));
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function spawnReview(base: string, command = "git commit -m 'add login'") {
  // A minimal env: nothing from the developer's shell (no real key, no real base URL) reaches the child.
  const env = { PATH: process.env.PATH ?? "", HOME: stateDir, HOOKKIT_STATE_DIR: stateDir, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: base };
  return spawnHook([process.execPath, "run", HOOK], fixtures.postToolUse({ tool_input: { command } }), { env, timeoutMs: 15_000 });
}

async function withApi(handler: Handler | undefined, fn: (base: string) => Promise<void>) {
  const api = handler ? startLoopbackApi(handler) : undefined;
  try {
    await fn(api?.url ?? `http://127.0.0.1:${closedPort()}`);
  } finally {
    api?.stop();
  }
}

test("success: a risky verdict as context, token metrics, clean exit", async () => {
  const risky = JSON.stringify({ verdict: "risky", findings: ["hard-coded password"] });
  await withApi(() => message(risky), async (base) => {
    const run = await spawnReview(base);
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(0);
    expect(run.lines).toHaveLength(1);
    expect(run.output).toEqual({
      hookSpecificOutput: { hookEventName: "PostToolUse", additionalContext: "Security review found issues: hard-coded password" },
      metrics: { api_calls: 1, tok_in: 120, tok_out: 30, tok_cache_r: 800, tok_cache_w: 40 },
    });
  });
});

test("HTTP 500: the failure reaches Claude and the metrics", async () => {
  await withApi(() => apiError(500, "api_error", "Internal server error"), async (base) => {
    const run = await spawnReview(base);
    expect([run.timedOut, run.exitCode]).toEqual([false, 0]);
    expect(run.output.metrics).toEqual({ http_err_last: 500, http_err_count: 1 });
    expect(run.output.hookSpecificOutput.additionalContext).toStartWith("Security review did not run: Messages API answered HTTP 500");
  });
});

test("connection refused: -1 in the metrics", async () => {
  await withApi(undefined, async (base) => {
    const run = await spawnReview(base);
    expect([run.timedOut, run.exitCode]).toEqual([false, 0]);
    expect(run.output.metrics).toEqual({ http_err_last: -1, http_err_count: 1 });
  });
});

test("a command that needs no review: no call, empty stdout", async () => {
  await withApi(() => apiError(500, "api_error", "must not be called"), async (base) => {
    const run = await spawnReview(base, "ls -la");
    expect([run.exitCode, run.stdout]).toEqual([0, ""]);
  });
});
