import { describe, expect, test } from "bun:test";
import type { RunResult } from "hookkit/kit";
import { excName, pathsFor, stepFailure, stepTimeout } from "./bootstrap.ts";
import { loadConfig } from "./config.ts";

const result = (over: Partial<RunResult>): RunResult => ({
  ok: false,
  exitCode: 1,
  signal: null,
  timedOut: false,
  stdout: "",
  stderr: "",
  ms: 1,
  ...over,
});

describe("build step failures", () => {
  test("timeout, spawn failure, non-zero exit", () => {
    expect(stepFailure(result({ ok: true, exitCode: 0 }))).toBeUndefined();
    expect(stepFailure(result({ timedOut: true, exitCode: null, stderr: "connection refused" }))).toBe("subprocess_timeout");
    expect(stepFailure(result({ spawnError: "ENOENT", exitCode: null }))).toBe("exc:FileNotFoundError");
    expect(stepFailure(result({ stderr: "ERROR: No matching distribution found" }))).toBe("pip_no_match");
    expect(stepFailure(result({ exitCode: null, signal: "SIGKILL" }))).toBe("other");
  });

  test("Node errno codes read like Python's exception names", () => {
    expect(excName({ code: "EEXIST" })).toBe("exc:FileExistsError");
    expect(excName({ code: "EACCES" })).toBe("exc:PermissionError");
    expect(excName({ code: "EROFS" })).toBe("exc:OSError");
    expect(excName(new TypeError("x"))).toBe("exc:TypeError");
  });
});

describe("paths", () => {
  test("sentinel and cooldown sit beside the venv, never inside it; Windows interpreter path", () => {
    const posix = pathsFor(loadConfig([], { SECURITY_WARNINGS_STATE_DIR: "/s" }, "linux"));
    expect(posix).toMatchObject({
      venv: "/s/agent-sdk-venv",
      venvPython: "/s/agent-sdk-venv/bin/python",
      sentinel: "/s/agent-sdk-venv.building",
      cooldown: "/s/agent-sdk-venv.cooldown",
    });
    const win = pathsFor(loadConfig([], { SECURITY_WARNINGS_STATE_DIR: "/s" }, "win32"));
    expect(win.venvPython.endsWith("agent-sdk-venv\\Scripts\\python.exe")).toBe(true);
  });
});

describe("step timeouts", () => {
  test("a step never runs past the hook's deadline", () => {
    const config = loadConfig([], {}, "linux");
    expect(stepTimeout(config, 120_000, 0)).toBe(120_000);
    // pip starting 100 s into a 178 s budget gets the 78 s that are left, not 120 s.
    expect(stepTimeout({ ...config, deadline: 178_000 }, 120_000, 100_000)).toBe(78_000);
    expect(stepTimeout({ ...config, deadline: 178_000 }, 60_000, 0)).toBe(60_000);
    expect(stepTimeout({ ...config, deadline: 178_000 }, 60_000, 200_000)).toBe(1);
  });
});
