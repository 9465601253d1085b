// The shipped ensure-python as a Windows program under Wine, as far as it goes without a Windows Python: with
// none on PATH (the coded failure, its log under the Windows default root), then with a stand-in interpreter
// (fake-python/python.c, compiled with mingw-w64) that lets the Windows layout be walked end to end: discovery
// through PATH + PATHEXT (python3.exe, and `py -3` when the launcher is all there is), `-m venv` into
// <state>\agent-sdk-venv, pip through Scripts\python.exe, the import check there, and the warm path that starts
// no Python. What a real CPython (and the real `py` launcher) would do differently is not tested here.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeErr, encodePhase, OUTCOME } from "../../src/hooks/ensure-python/codes.ts";
import { mapDrive, mingwBuild, runExe, wine, type Wine } from "./_wine.ts";

const ready = await wine();
if (typeof ready === "string") console.warn(ready);
const w = ready as Wine;

const ASYNC_MARKER = { async: true, asyncTimeout: 180000 };
const STATE = "D:\\Security State";
const PYTHON_DIR = "E:\\Python 3.12";
let dir: string;
let fake: string;
const onDisk = () => ({ state: join(dir, "drive-d", "Security State"), python: join(dir, "drive-e", "Python 3.12"), calls: join(dir, "drive-d", "calls.log") });
const calls = () => (existsSync(onDisk().calls) ? readFileSync(onDisk().calls, "utf8").trim().split(/\r?\n/) : []);
const sessionStart = { session_id: "s1", transcript_path: "C:\\t.jsonl", cwd: "C:\\work\\app", hook_event_name: "SessionStart", source: "startup" };
const run = (env: Record<string, string | undefined> = {}) =>
  runExe(w, ["ensure-python"], sessionStart, {
    env: { SECURITY_WARNINGS_STATE_DIR: STATE, FAKE_LOG: "D:\\calls.log", CLAUDE_PLUGIN_ROOT: "D:\\plugin", ...env },
    timeoutMs: 120_000,
  });
/** The lines of an answer: the async marker first, then the answer whose metrics carry the outcome. */
function answerOf(r: { exitCode: number; lines: string[] }) {
  expect(r.exitCode).toBe(0);
  const [marker, ...rest] = r.lines.map((l) => JSON.parse(l));
  expect(marker).toEqual(ASYNC_MARKER);
  expect(rest).toHaveLength(1);
  return rest[0];
}
const install = (name: string) => {
  mkdirSync(onDisk().python, { recursive: true });
  copyFileSync(fake, join(onDisk().python, name));
};

describe.skipIf(typeof ready === "string")("ensure-python under Wine (windows-x64, piped stdio)", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hookkit-wine-ep-"));
    fake = join(dir, "python.exe");
    await mingwBuild(w.mingw, ["-Wall", "-o", fake, join(import.meta.dir, "fake-python", "python.c")]);
    await mapDrive(w, "d", join(dir, "drive-d"));
    await mapDrive(w, "e", join(dir, "drive-e"));
    mkdirSync(join(dir, "drive-d", "plugin", ".claude-plugin"), { recursive: true });
    writeFileSync(join(dir, "drive-d", "plugin", ".claude-plugin", "plugin.json"), JSON.stringify({ name: "security-guidance", version: "2.0.0" }));
  });
  beforeEach(() => {
    for (const path of [onDisk().state, onDisk().python, onDisk().calls]) rmSync(path, { recursive: true, force: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("no Python on the Windows PATH: coded failure (pre, no_python), logged in D:\\Security State", async () => {
    const answer = answerOf(await run());
    expect(answer.metrics).toMatchObject({
      sdk_bootstrap: OUTCOME.BUILD_FAILED,
      sdk_bootstrap_phase: encodePhase("pre"),
      sdk_bootstrap_err: encodeErr("no_python"),
      pv: 20000,
    });
    expect(answer.hookSpecificOutput).toBeUndefined();
    const log = readFileSync(join(onDisk().state, "ensure-python.log"), "utf8");
    expect(log).toMatch(/^\d{4}-\S+Z ensure-python: python discovery: nothing on PATH; no working interpreter$/m);
  });

  test("default state root: %USERPROFILE%\\.claude\\security (C:\\users\\Hook User\\…) when none is set", async () => {
    const security = join(w.localAppData, "..", "..", ".claude", "security");
    rmSync(security, { recursive: true, force: true });
    try {
      expect(answerOf(await run({ SECURITY_WARNINGS_STATE_DIR: undefined })).metrics.sdk_bootstrap).toBe(OUTCOME.BUILD_FAILED);
      expect(readFileSync(join(security, "ensure-python.log"), "utf8")).toContain("no working interpreter");
    } finally {
      rmSync(security, { recursive: true, force: true });
    }
  });

  test("python3.exe found through PATH + PATHEXT: venv built with Scripts\\python.exe (2), then kept (1), then the warm path starts no Python", async () => {
    install("python3.exe");
    const env = { WINEPATH: PYTHON_DIR };
    const venv = `${STATE}\\agent-sdk-venv`;
    const built = answerOf(await run(env));
    expect(built.metrics).toMatchObject({ sdk_bootstrap: OUTCOME.BUILT, pv: 20000 });
    expect(built.metrics.sdk_bootstrap_err).toBeUndefined();
    expect(existsSync(join(onDisk().state, "agent-sdk-venv", "Scripts", "python.exe"))).toBe(true);
    const steps = calls().map((line) => line.replace(" <code>", " …"));
    expect(steps).toEqual([
      `${PYTHON_DIR}\\python3.exe -c … claude_agent_sdk`, // discovery and the system probe in one start
      `${PYTHON_DIR}\\python3.exe -m venv --clear ${venv}`,
      `${venv}\\Scripts\\python.exe -m pip install --quiet --disable-pip-version-check --prefer-binary claude-agent-sdk`,
    ]);
    rmSync(onDisk().calls, { force: true });

    expect(answerOf(await run(env)).metrics).toMatchObject({ sdk_bootstrap: OUTCOME.NOOP_VENV, pv: 20000 });
    expect(calls().map((line) => line.replace(" <code>", " …"))).toEqual([`${PYTHON_DIR}\\python3.exe -c … claude_agent_sdk`, `${venv}\\Scripts\\python.exe -c … claude_agent_sdk`]);
    rmSync(onDisk().calls, { force: true });

    expect(answerOf(await run(env)).metrics).toMatchObject({ sdk_bootstrap: OUTCOME.NOOP_VENV, pv: 20000 });
    expect(calls()).toEqual([]);
  });

  test("only the py launcher on PATH: discovery falls through to `py -3` and builds from the interpreter it reports", async () => {
    install("py.exe");
    const real = join(dir, "drive-e", "Python312");
    mkdirSync(real, { recursive: true });
    copyFileSync(fake, join(real, "python.exe"));
    const answer = answerOf(await run({ WINEPATH: PYTHON_DIR, FAKE_EXECUTABLE: "E:\\Python312\\python.exe" }));
    expect(answer.metrics).toMatchObject({ sdk_bootstrap: OUTCOME.BUILT });
    expect(calls().slice(0, 2).map((line) => line.replace(" <code>", " …"))).toEqual([
      `${PYTHON_DIR}\\py.exe -3 -c … claude_agent_sdk`,
      `E:\\Python312\\python.exe -m venv --clear ${STATE}\\agent-sdk-venv`,
    ]);
    expect(readFileSync(join(onDisk().state, "ensure-python.log"), "utf8")).toContain("chose py -3 (3.12, E:\\Python312\\python.exe)");
  });

  test("only Python 3.9: the one-time notice names the Windows installer, shown once", async () => {
    install("python3.exe");
    const env = { WINEPATH: PYTHON_DIR, FAKE_VERSION: "3.9" };
    const first = answerOf(await run(env));
    expect(first.metrics.sdk_bootstrap).toBe(OUTCOME.HOOK_PY_INCOMPATIBLE);
    expect(first.systemMessage).toContain("the python.org installer (not the Microsoft Store stub)");
    expect(first.hookSpecificOutput.additionalContext).toBe(first.systemMessage);
    const second = answerOf(await run(env));
    expect(second.metrics.sdk_bootstrap).toBe(OUTCOME.HOOK_PY_INCOMPATIBLE);
    expect(second.systemMessage).toBeUndefined();
  });
});
