// The run loop as a Windows program under Wine: the probe hook (test/fixtures/hooks/probe-hook.ts) compiled for
// windows-x64 with the shipped flags, run with piped stdin and stdout as a host runs it, over the failure
// paths test/e2e/runtime-process.test.ts covers on Linux. Its state root is a Windows path with a drive letter
// and a space (D:\Hook State\…), so every log and counter path is built by the Windows code paths.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileTarget } from "../../src/build/compile.ts";
import { parseTarget } from "../../src/build/targets.ts";
import { fixtures, spawnHook, type SpawnOptions } from "../../src/testing/index.ts";
import { REPO } from "../e2e/_binary.ts";
import { mapDrive, wine, type Wine } from "./_wine.ts";

const ready = await wine();
if (typeof ready === "string") console.warn(ready);
const w = ready as Wine;

let dir: string;
let probeExe: string;
const STATE = "D:\\Hook State";
const stateOnDisk = () => join(dir, "drive-d", "Hook State");
const logFile = () => join(stateOnDisk(), "probe-hook", "errors.log");
const logLines = () => (existsSync(logFile()) ? readFileSync(logFile(), "utf8").trim().split("\n") : []);
const bash = (mode: string) => fixtures.preToolUse({ tool_input: { command: "ls", mode }, cwd: "C:\\work\\app" });
const run = (input: string | object, options: SpawnOptions & { closed?: boolean } = {}) =>
  spawnHook([w.loader, probeExe], input, {
    timeoutMs: 60_000,
    ...options,
    env: { ...w.env, PROBE_STATE: STATE, ...(options.closed ? { PROBE_FAIL_CLOSED: "1" } : {}), ...options.env },
  });

describe.skipIf(typeof ready === "string")("the run loop under Wine (windows-x64, piped stdio)", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hookkit-wine-loop-"));
    probeExe = join(dir, "probe-hook.exe");
    await compileTarget(join(REPO, "test", "fixtures", "hooks", "probe-hook.ts"), parseTarget("windows-x64"), probeExe, REPO);
    await mapDrive(w, "d", join(dir, "drive-d"));
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fresh = () => rmSync(join(stateOnDisk(), "probe-hook"), { recursive: true, force: true });

  test("a piped event is answered: Bun's stdin stream fails on a Wine pipe and the fallback reads it", async () => {
    fresh();
    const r = await run(bash("deny"));
    expect([r.exitCode, r.lines.length]).toEqual([0, 1]);
    expect(r.output.hookSpecificOutput).toEqual({ hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "no: ls" });
    // Not one line in the log: the failed first read is not an error of the hook.
    expect(logLines()).toEqual([]);
  });

  test("empty, invalid, truncated, wrong-event and schema-invalid input: no decision, exit 0, one log line each under D:\\", async () => {
    fresh();
    const cases: Array<[string, string]> = [
      ["", "empty input"],
      ["not json\n", "invalid JSON on stdin"],
      [JSON.stringify(bash("deny")).slice(0, 60), "truncated JSON on stdin"],
      [`${JSON.stringify({ ...bash("deny"), hook_event_name: "Stop" })}\n`, "got a Stop event; this hook handles PreToolUse"],
      [`${JSON.stringify({ ...bash("deny"), tool_input: "ls" })}\n`, "invalid PreToolUse input"],
    ];
    // Five in a row and still no notice: a payload the hook cannot use is the host's fault, not the hook's streak.
    for (const [input] of cases) {
      const r = await run(input);
      expect([r.exitCode, r.stdout]).toEqual([0, ""]);
    }
    const lines = logLines();
    expect(lines).toHaveLength(cases.length);
    cases.forEach(([, message], i) => expect(lines[i]).toMatch(new RegExp(`^\\d{4}-\\S+Z probe-hook: ${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)));
  });

  test("a 20 MiB input through the pipe: over the cap, no answer, one log line", async () => {
    fresh();
    const huge = JSON.stringify(fixtures.preToolUse({ tool_input: { command: "x".repeat(20 * 1024 * 1024), mode: "deny" } }));
    const r = await run(huge);
    expect([r.exitCode, r.stdout]).toEqual([0, ""]);
    expect(logLines()).toHaveLength(1);
    expect(logLines()[0]).toContain("larger than the stdin cap");
  });

  test("stdin held open past the 2 s deadline: answered from what arrived, and the process exits", async () => {
    const r = await run(`${JSON.stringify(bash("deny"))}\n`, { keepStdinOpen: true, timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expect(r.output.hookSpecificOutput.permissionDecision).toBe("deny");
  });

  test("stdin held open with nothing written: exit 0, no answer, logged as empty input after the deadline", async () => {
    fresh();
    const r = await run("", { keepStdinOpen: true, timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expect([r.exitCode, r.stdout]).toEqual([0, ""]);
    expect(logLines()).toHaveLength(1);
    expect(logLines()[0]).toContain("empty input (stdin still open after the deadline");
  });

  test("a throwing handler fails open; from the 3rd failure in a row the answer names the Windows log path", async () => {
    fresh();
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await run(bash("throw")));
    expect(runs.map((r) => [r.exitCode, r.stdout === ""])).toEqual([[0, true], [0, true], [0, false]]);
    expect(runs[2]!.output.systemMessage).toBe(
      "hook probe-hook has failed 3 times in a row and is giving no answer; details in D:\\Hook State\\probe-hook\\errors.log",
    );
    expect(logLines()).toHaveLength(3);
    expect(logLines()[0]).toContain("handler threw: Error: boom");
    expect(readFileSync(join(stateOnDisk(), "probe-hook", "consecutive-failures"), "utf8").trim()).toBe("3");
    // A success resets the streak.
    expect((await run(bash("deny"))).output.hookSpecificOutput.permissionDecision).toBe("deny");
    expect((await run(bash("throw"))).stdout).toBe("");
  });

  test("fail-closed: exit 2, no stdout, one stderr line naming the log", async () => {
    const r = await run(bash("throw"), { closed: true });
    expect([r.exitCode, r.stdout]).toEqual([2, ""]);
    const stderr = r.stderr.trim().split(/\r?\n/);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain("blocking because this hook is fail-closed (log: D:\\Hook State\\probe-hook\\errors.log)");
  });

  test("console.log in a handler goes to stderr, never into the answer", async () => {
    const r = await run(bash("console"));
    expect(r.lines).toHaveLength(1);
    expect(r.output.hookSpecificOutput.permissionDecisionReason).toBe("after logging");
    expect(r.stderr).toContain("stray log line");
  });

  test("async: the marker line is flushed first, the answer with its metrics follows", async () => {
    const r = await run(bash("async"));
    expect(r.lines.map((l) => JSON.parse(l))).toEqual([
      { async: true, asyncTimeout: 5000 },
      { hookSpecificOutput: { hookEventName: "PreToolUse", additionalContext: "done later" }, metrics: { work_ms: 50 } },
    ]);
  });

  test("exit-2 answer: the message on one stderr line", async () => {
    const r = await run(bash("exit2"));
    expect([r.exitCode, r.stdout, r.stderr.trim()]).toEqual([2, "", "blocked by exit code"]);
  });
});
