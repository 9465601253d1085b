// The run loop as a real child process with piped stdin/stdout (as the host runs hooks), for the
// failure paths an in-process run cannot show: a 20 MiB payload and a stdin that never closes.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnHook } from "../../src/runtime/spawn.ts";
import { fixtures } from "../../src/protocol/samples.ts";

const HOOK = ["bun", "run", join(import.meta.dir, "../fixtures/hooks/probe-hook.ts")].map((p, i) => (i === 0 ? process.execPath : p));
let state: string;
const env = () => ({ ...process.env, PROBE_STATE: state });
const logLines = () => {
  const file = join(state, "probe-hook", "errors.log");
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
};
const bash = (mode: string) => fixtures.preToolUse({ tool_input: { command: "ls", mode } });

beforeAll(() => {
  state = mkdtempSync(join(tmpdir(), "hookkit-proc-"));
});
afterAll(() => rmSync(state, { recursive: true, force: true }));

test("a deny through a real process", async () => {
  const run = await spawnHook(HOOK, bash("deny"), { env: env() });
  expect(run.exitCode).toBe(0);
  expect(run.lines).toHaveLength(1);
  expect(run.output.hookSpecificOutput.permissionDecision).toBe("deny");
});

test("a 20 MiB input: exit 0, empty stdout, one error-log line", async () => {
  rmSync(join(state, "probe-hook"), { recursive: true, force: true });
  const huge = JSON.stringify(fixtures.preToolUse({ tool_input: { command: "x".repeat(20 * 1024 * 1024) } }));
  const run = await spawnHook(HOOK, huge, { env: env() });
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toBe("");
  expect(logLines()).toHaveLength(1);
  expect(logLines()[0]).toContain("larger than the stdin cap");
});

test("stdin held open past the 2 s deadline: the hook answers from what arrived and exits", async () => {
  const run = await spawnHook(HOOK, JSON.stringify(bash("deny")), { env: env(), keepStdinOpen: true, timeoutMs: 15_000 });
  expect(run.timedOut).toBe(false);
  expect(run.exitCode).toBe(0);
  expect(run.output.hookSpecificOutput.permissionDecision).toBe("deny");
});

test("stdin held open with nothing written: exit 0, empty stdout, one log line", async () => {
  rmSync(join(state, "probe-hook"), { recursive: true, force: true });
  const run = await spawnHook(HOOK, "", { env: env(), keepStdinOpen: true, timeoutMs: 15_000 });
  expect(run.timedOut).toBe(false);
  expect([run.exitCode, run.stdout]).toEqual([0, ""]);
  expect(logLines()).toHaveLength(1);
  expect(logLines()[0]).toContain("empty input (stdin still open after the deadline");
});

test("fail-closed through a real process: exit 2 and one stderr line", async () => {
  const run = await spawnHook(HOOK, bash("throw"), { env: { ...env(), PROBE_FAIL_CLOSED: "1" } });
  expect(run.exitCode).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
});

test("console.log in a handler never reaches the real stdout", async () => {
  const run = await spawnHook(HOOK, bash("console"), { env: env() });
  expect(run.lines).toHaveLength(1);
  expect(run.stderr).toContain("stray log line");
});
