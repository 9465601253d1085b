// Run-loop behaviours that each failed before the host seam: the deadline of a hook without a
// timeout is the host's default for its event (not 600 s on every event), and model-call usage
// joins the metrics exactly once.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { claude } from "../hosts/claude/adapter.ts";
import { fixtures } from "../protocol/samples.ts";
import { invokeHook } from "../testing/invoke.ts";
import { answer } from "./answer.ts";
import { defineHook } from "./define.ts";
import { effectiveTimeout } from "./run.ts";

let state: string;
beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), "hookkit-loop-"));
});
afterEach(() => rmSync(state, { recursive: true, force: true }));
const logLines = (name: string) => {
  const file = join(state, name, "errors.log");
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
};

test("a UserPromptSubmit hook without a timeout is answered by policy before Claude Code's 30 s", async () => {
  let deadline = 0;
  const slow = defineHook({
    name: "slow-prompt",
    event: "UserPromptSubmit",
    failClosed: true,
    async run(_input, ctx) {
      deadline = ctx.deadline;
      await Bun.sleep(120_000);
      return answer.none();
    },
  });
  // The clock jumps 29 s after the start: a 30 s deadline leaves ~0.75 s, a 600 s one ~10 minutes.
  const t0 = Date.parse("2026-12-07T12:00:00Z");
  let calls = 0;
  const now = () => new Date(calls++ === 0 ? t0 : t0 + 29_000);
  const started = performance.now();
  const run = await invokeHook(slow, fixtures.userPromptSubmit({ prompt: "hi" }), { env: { HOOKKIT_STATE_DIR: state }, now });
  expect(performance.now() - started).toBeLessThan(10_000);
  expect(deadline).toBe(t0 + 30_000);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain("did not finish within its 30 s timeout");
  expect(effectiveTimeout(slow, claude)).toBe(30);
  expect(effectiveTimeout({ ...slow, event: "PreToolUse" }, claude)).toBe(600);
  expect(effectiveTimeout({ ...slow, timeout: 5 }, claude)).toBe(5);
});

test("usage is merged into the metrics once: a key dropped at the cap is logged once", async () => {
  const capped = defineHook({
    name: "capped",
    event: "PreToolUse",
    maxMetrics: 10,
    run(_input, ctx) {
      for (let i = 0; i < 10; i++) ctx.metrics.set(`k${i}`, i);
      ctx.usage.recordCall({ input_tokens: 5, output_tokens: 2 });
      return answer.deny("no");
    },
  });
  const run = await invokeHook(capped, fixtures.preToolUse(), { env: { HOOKKIT_STATE_DIR: state } });
  expect(run.output?.hookSpecificOutput?.permissionDecision).toBe("deny");
  expect(Object.keys(run.output.metrics)).toHaveLength(10);
  const drops = logLines("capped").filter((line) => line.includes("api_calls"));
  expect(drops).toHaveLength(1);
});

test("the context tells the handler its host and its state folder", async () => {
  let seen: { host: string; stateDir: string } | undefined;
  const probe = defineHook({
    name: "where",
    event: "SessionStart",
    run(_input, ctx) {
      seen = { host: ctx.host, stateDir: ctx.stateDir };
    },
  });
  await invokeHook(probe, fixtures.sessionStart(), { env: { HOOKKIT_STATE_DIR: state } });
  expect(seen).toEqual({ host: "claude", stateDir: join(state, "where") });
});
