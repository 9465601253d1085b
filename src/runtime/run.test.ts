import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { invokeHook } from "../testing/invoke.ts";
import { fixtures } from "../protocol/samples.ts";
import { probe, probeClosed } from "../../test/fixtures/hooks/probe-hook.ts";

let state: string;
let env: Record<string, string>;
const logFile = () => join(state, "probe-hook", "errors.log");
const logLines = () => (existsSync(logFile()) ? readFileSync(logFile(), "utf8").trim().split("\n") : []);
const bash = (mode: string, extra: Record<string, unknown> = {}) =>
  fixtures.preToolUse({ tool_input: { command: "ls", mode, ...extra } });

beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), "hookkit-run-"));
  env = { PROBE_STATE: state, HOME: state };
});
afterEach(() => rmSync(state, { recursive: true, force: true }));

describe("answers", () => {
  test("a deny is one single-line JSON object inside hookSpecificOutput", async () => {
    const run = await invokeHook(probe, bash("deny"), { env });
    expect(run.exitCode).toBe(0);
    expect(run.lines).toHaveLength(1);
    expect(run.stdout.endsWith("\n")).toBe(true);
    expect(run.output).toEqual({
      hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "no: ls" },
    });
    expect(logLines()).toEqual([]);
  });

  test("no opinion is empty stdout, never defer", async () => {
    const run = await invokeHook(probe, bash(""), { env });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("");
  });

  test("console.log/info/debug in a handler go to stderr, never stdout", async () => {
    const run = await invokeHook(probe, bash("console"), { env });
    expect(run.lines).toHaveLength(1);
    expect(run.output.hookSpecificOutput.permissionDecisionReason).toBe("after logging");
    expect(run.stderr).toContain("stray log line");
    expect(run.stderr).toContain("stray info");
    expect(run.stderr).toContain("stray debug");
    expect(run.stdout).not.toContain("stray");
  });

  test.each(["flat-decision", "top-level-context"])("an answer outside hookSpecificOutput (%s) is refused and logged", async (mode) => {
    const run = await invokeHook(probe, bash(mode), { env });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("");
    expect(logLines()).toHaveLength(1);
    expect(logLines()[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z probe-hook: answer refused/);
  });

  test("metric violations are dropped and logged; valid keys keep their order", async () => {
    const run = await invokeHook(probe, bash("metrics"), { env });
    expect(run.output).toEqual({
      hookSpecificOutput: { hookEventName: "PreToolUse", additionalContext: "ctx" },
      metrics: { good_key: 1, flag: true },
    });
    expect(Object.keys(run.output.metrics)).toEqual(["good_key", "flag"]);
    const lines = logLines();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('"Bad-Key" does not match');
    expect(lines[1]).toContain("text_value");
    expect(lines[2]).toContain("nan_value");
  });

  test("async: the marker comes first, the answer is one later line", async () => {
    const run = await invokeHook(probe, bash("async"), { env });
    expect(run.lines).toHaveLength(2);
    expect(JSON.parse(run.lines[0]!)).toEqual({ async: true, asyncTimeout: 5000 });
    expect(JSON.parse(run.lines[1]!)).toEqual({
      hookSpecificOutput: { hookEventName: "PreToolUse", additionalContext: "done later" },
      metrics: { work_ms: 50 },
    });
  });

  test("blockByExit exits 2 with a one-line stderr message", async () => {
    const run = await invokeHook(probe, bash("exit2"), { env });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("blocked by exit code");
  });
});

describe("failure paths: exit 0, empty stdout, one error-log line", () => {
  const cases: [string, string, RegExp][] = [
    ["empty input", "", /empty input/],
    ["whitespace only", "  \n", /empty input/],
    ["invalid JSON", "not json at all\n", /invalid JSON/],
    ["truncated JSON", JSON.stringify(fixtures.preToolUse()).slice(0, 60), /truncated JSON/],
    ["a JSON array", "[1,2]\n", /not a JSON object/],
    ["a string tool_input", JSON.stringify({ ...fixtures.preToolUse(), tool_input: "rm -rf /", session_id: 7 }), /cannot run without: tool_input/],
    ["another event", JSON.stringify(fixtures.sessionStart()), /got a SessionStart event; this hook handles PreToolUse/],
  ];
  test.each(cases)("%s", async (_name, stdin, message) => {
    const run = await invokeHook(probe, undefined, { env, stdin });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("");
    expect(logLines()).toHaveLength(1);
    expect(logLines()[0]).toMatch(message);
  });

  test("a handler that throws fails open", async () => {
    const run = await invokeHook(probe, bash("throw"), { env });
    expect([run.exitCode, run.stdout]).toEqual([0, ""]);
    expect(logLines()[0]).toContain("handler threw: Error: boom");
  });

  test("input over the size cap is not parsed", async () => {
    const big = JSON.stringify(fixtures.preToolUse({ tool_input: { command: "x".repeat(4096) } }));
    const run = await invokeHook(probe, undefined, { env, stdin: big, stdinLimits: { maxBytes: 1024 } });
    expect([run.exitCode, run.stdout]).toEqual([0, ""]);
    expect(logLines()[0]).toContain("larger than the stdin cap");
  });

  test("stdin held open: what arrived by the deadline is the input", async () => {
    const text = JSON.stringify(bash("deny"));
    const open = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode(text)) });
    const run = await invokeHook(probe, undefined, { env, stdin: open, stdinLimits: { deadlineMs: 100 } });
    expect(run.output.hookSpecificOutput.permissionDecision).toBe("deny");
  });
});

describe("fail policy", () => {
  test("a fail-closed hook that throws exits 2 with a one-line message", async () => {
    const run = await invokeHook(probeClosed, bash("throw"), { env });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("probe-closed: handler threw: Error: boom");
    expect(run.stderr).toContain("fail-closed");
  });

  test("a handler past its timeout is answered by policy", async () => {
    const quick = { ...probeClosed, timeout: 0.5 };
    const started = Date.now();
    const run = await invokeHook(quick, bash("slow"), { env });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("did not finish within its 0.5 s timeout");
  });

  test("consecutive failures surface from the 3rd and a success resets the count", async () => {
    const outputs = [];
    for (let i = 0; i < 4; i++) outputs.push((await invokeHook(probe, bash("throw"), { env })).output);
    expect(outputs[0]).toBeUndefined();
    expect(outputs[1]).toBeUndefined();
    expect(outputs[2].systemMessage).toMatch(/^hook probe-hook has failed 3 times in a row .*probe-hook\/errors\.log$/);
    expect(outputs[3].systemMessage).toContain("4 times");
    expect((await invokeHook(probe, bash("deny"), { env })).output.systemMessage).toBeUndefined();
    expect((await invokeHook(probe, bash("throw"), { env })).output).toBeUndefined();
  });

  test("an unwritable state dir still gives the answer", async () => {
    const file = join(state, "not-a-dir");
    writeFileSync(file, "");
    const run = await invokeHook(probe, bash("throw"), { env: { PROBE_STATE: file } });
    expect([run.exitCode, run.stdout]).toEqual([0, ""]);
    const ok = await invokeHook(probe, bash("deny"), { env: { PROBE_STATE: file } });
    expect(ok.output.hookSpecificOutput.permissionDecision).toBe("deny");
  });

  test("the error log rotates past 1 MiB", async () => {
    mkdirSync(join(state, "probe-hook"), { recursive: true });
    writeFileSync(logFile(), "x".repeat(1024 * 1024 + 10));
    await invokeHook(probe, "garbage", { env });
    expect(statSync(`${logFile()}.1`).size).toBeGreaterThan(1024 * 1024);
    expect(logLines()).toHaveLength(1);
  });
});

describe("a closed stdout (found by test/reliability/pipes.test.ts)", () => {
  test("EPIPE on the answer: exit 0, no throw, the dropped line is logged", async () => {
    const { runHook } = await import("./run.ts");
    const epipe = Object.assign(new Error("broken pipe, write"), { code: "EPIPE" });
    const event = JSON.stringify(bash("deny"));
    const { claude } = await import("../hosts/claude/adapter.ts");
    const result = await runHook(probe, {
      env,
      host: claude,
      argv: [],
      cwd: state,
      now: () => new Date(),
      readStdin: async () => ({ text: event, timedOut: false, overflow: false, bytes: event.length }),
      write: async () => {
        throw epipe;
      },
      writeErr: () => {},
    });
    expect(result.exitCode).toBe(0);
    expect(logLines().join("\n")).toContain("stdout is closed");
  });
});
