// ensure-python against scripted fake interpreters (src/testing/python-fakes.ts):
// every failure path, fast and without a network. The real venv/pip runs are in
// ensure-python.test.ts.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { FAKE_HANG, fakePython } from "hookkit/testing";
import { STDERR_SAMPLES } from "./fixtures/stderr-samples.ts";
import { ASYNC_MARKER, calls, codes, hookLog, run, setPluginVersion, world, removeWorlds } from "./fixtures/world.ts";


afterAll(removeWorlds, 60_000);
const PY313 = { "python3.13": fakePython("3.13") };
const built = (log: string[]) => log.filter((l) => l.includes(" -m venv --clear ")).length;

describe("protocol shape", () => {
  test("no stdin; async marker first, then one answer line with metrics in the seed's key order", async () => {
    const w = world(PY313);
    const o = await run(w);
    expect(o.exitCode).toBe(0);
    expect(o.lines).toHaveLength(2);
    expect(JSON.parse(o.lines[0]!)).toEqual(ASYNC_MARKER);
    expect(Object.keys(o.metrics)).toEqual(["sdk_bootstrap", "sdk_bootstrap_ms", "pv"]);
    expect(codes(o)).toEqual({ sdk_bootstrap: 2, pv: 20000 });
    expect(existsSync(w.sentinel)).toBe(false);
  });

  test("failure keys: outcome, ms, phase, err, pv", async () => {
    const w = world(PY313, { FAKE_PIP_STDERR: "ERROR: No matching distribution found for claude-agent-sdk" });
    const o = await run(w);
    expect(Object.keys(o.metrics)).toEqual(["sdk_bootstrap", "sdk_bootstrap_ms", "sdk_bootstrap_phase", "sdk_bootstrap_err", "pv"]);
    expect(codes(o)).toEqual({ sdk_bootstrap: 3, sdk_bootstrap_phase: 3, sdk_bootstrap_err: 1, pv: 20000 });
  });

  test("metric prefix is configurable; pv is omitted when the plugin version is unknown", async () => {
    const w = world(PY313, { FAKE_SYSTEM_FOUND: "1", CLAUDE_PLUGIN_ROOT: "" });
    const o = await run(w, ["--metric-prefix", "py_boot"]);
    expect(Object.keys(o.metrics)).toEqual(["py_boot", "py_boot_ms"]);
    expect(o.metrics.py_boot).toBe(0);
  });
});

describe("stderr categories from a scripted pip, in table order", () => {
  STDERR_SAMPLES.forEach(([kind, stderr], i) => {
    test(`${i + 1} ${kind}`, async () => {
      const o = await run(world(PY313, { FAKE_PIP_STDERR: stderr }));
      expect(codes(o)).toEqual({ sdk_bootstrap: 3, sdk_bootstrap_phase: 3, sdk_bootstrap_err: i + 1, pv: 20000 });
    });
  });

  test("uncategorized stderr is 99, and the tail goes to the log", async () => {
    const w = world(PY313, { FAKE_PIP_STDERR: "something odd happened\nlast words of pip" });
    expect(codes(await run(w))).toEqual({ sdk_bootstrap: 3, sdk_bootstrap_phase: 3, sdk_bootstrap_err: 99, pv: 20000 });
    expect(hookLog(w)).toContain("build failed in phase pip: other:last words of pip");
  });

  test("a venv-phase failure carries phase 2", async () => {
    const w = world(PY313, { FAKE_VENV_STDERR: "Error: No module named ensurepip" });
    expect(codes(await run(w))).toEqual({ sdk_bootstrap: 3, sdk_bootstrap_phase: 2, sdk_bootstrap_err: 6, pv: 20000 });
  });
});

describe("timeouts (short test timeouts)", () => {
  test("pip past its timeout is killed: subprocess_timeout (10) in phase pip", async () => {
    const o = await run(world(PY313, { FAKE_PIP_SLEEP: "20" }), ["--pip-timeout", "300"]);
    expect(codes(o)).toEqual({ sdk_bootstrap: 3, sdk_bootstrap_phase: 3, sdk_bootstrap_err: 10, pv: 20000 });
    expect(o.metrics.sdk_bootstrap_ms).toBeLessThan(10_000);
  });

  test("venv past its timeout: subprocess_timeout in phase venv", async () => {
    const o = await run(world(PY313, { FAKE_VENV_SLEEP: "20", ENSURE_PYTHON_VENV_TIMEOUT_MS: "300" }));
    expect(codes(o)).toEqual({ sdk_bootstrap: 3, sdk_bootstrap_phase: 2, sdk_bootstrap_err: 10, pv: 20000 });
  });

  test("a hanging interpreter probe is killed and the next candidate is used", async () => {
    const w = world({ "python3.14": FAKE_HANG, python3: fakePython("3.12") });
    const o = await run(w, ["--probe-timeout", "1500"]);
    expect(codes(o)).toEqual({ sdk_bootstrap: 2, pv: 20000 });
    expect(hookLog(w)).toMatch(/python3\.14=timeout after 1500 ms, python3=3\.12; chose python3 \(3\.12/);
  });
});

describe("state dir and sentinel", () => {
  test("an unusable state dir: 3, phase pre (1), err 99", async () => {
    const w = world(PY313);
    writeFileSync(w.state, "a file where the state dir should be");
    const o = await run(w);
    expect(codes(o)).toEqual({ sdk_bootstrap: 3, sdk_bootstrap_phase: 1, sdk_bootstrap_err: 99, pv: 20000 });
    expect(built(calls(w))).toBe(0);
  });

  test("a fresh sentinel: 5, nothing built, the sentinel left alone", async () => {
    const w = world(PY313);
    await run(w, ["--pip-timeout", "1"]).catch(() => {}); // creates the state dir
    writeFileSync(w.sentinel, "");
    const before = built(calls(w));
    expect(codes(await run(w))).toEqual({ sdk_bootstrap: 5, pv: 20000 });
    expect(built(calls(w))).toBe(before);
    expect(existsSync(w.sentinel)).toBe(true);
  });

  test("a stale sentinel (10 min old) is removed and the build goes ahead", async () => {
    const w = world(PY313);
    // The state dir is made by hand: a first hook run to create it would leave a timing-dependent
    // outcome (and a cooldown) behind.
    mkdirSync(dirname(w.sentinel), { recursive: true });
    writeFileSync(w.sentinel, "");
    const old = Date.now() / 1000 - 600;
    utimesSync(w.sentinel, old, old);
    expect(codes(await run(w))).toEqual({ sdk_bootstrap: 2, pv: 20000 });
    expect(existsSync(w.sentinel)).toBe(false);
  });
});

describe("only Python < 3.10 on PATH", () => {
  test("outcome 6 (phase 0, err 99 as the seed), a notice once per plugin version", async () => {
    const w = world({ python3: fakePython("3.9"), python: fakePython("3.8") });
    const first = await run(w);
    expect(codes(first)).toEqual({ sdk_bootstrap: 6, sdk_bootstrap_phase: 0, sdk_bootstrap_err: 99, pv: 20000 });
    const notice = first.output.systemMessage as string;
    expect(first.output.hookSpecificOutput).toEqual({ hookEventName: "SessionStart", additionalContext: notice });
    expect(notice).toContain("python3 3.9");
    expect(notice).toContain("python 3.8");
    expect(notice).toContain("3.10 or newer");
    expect(built(calls(w))).toBe(0);

    const second = await run(w);
    expect(codes(second)).toEqual(codes(first));
    expect(second.output.systemMessage).toBeUndefined();
    expect(second.output.hookSpecificOutput).toBeUndefined();

    setPluginVersion(w.plugin, "2.0.1");
    const updated = await run(w);
    expect(updated.metrics.pv).toBe(20001);
    expect(updated.output.systemMessage).toBe(notice);
  });

  test("no interpreter at all: 3, phase pre, 99, no notice", async () => {
    const o = await run(world({}));
    expect(codes(o)).toEqual({ sdk_bootstrap: 3, sdk_bootstrap_phase: 1, sdk_bootstrap_err: 99, pv: 20000 });
    expect(o.output.systemMessage).toBeUndefined();
  });
});

describe("cooldown after BUILD_FAILED", () => {
  test("later runs report the remembered failure without building; --force and a new plugin version rebuild", async () => {
    const w = world(PY313, { FAKE_PIP_STDERR: "Connection refused" });
    const failed = { sdk_bootstrap: 3, sdk_bootstrap_phase: 3, sdk_bootstrap_err: 3, pv: 20000 };
    expect(codes(await run(w))).toEqual(failed);
    expect(built(calls(w))).toBe(1);

    expect(codes(await run(w))).toEqual(failed);
    expect(built(calls(w))).toBe(1);
    expect(hookLog(w)).toContain("cooling down, not rebuilding");

    expect(codes(await run(w, ["--force"]))).toEqual(failed);
    expect(built(calls(w))).toBe(2);

    setPluginVersion(w.plugin, "2.0.1");
    expect(codes(await run(w))).toEqual({ ...failed, pv: 20001 });
    expect(built(calls(w))).toBe(3);

    // Fixed upstream: the next forced run builds and the cooldown is gone.
    expect(codes(await run(w, ["--force"], { FAKE_PIP_STDERR: "" }))).toEqual({ sdk_bootstrap: 2, pv: 20001 });
    expect(existsSync(`${w.venv}.cooldown`)).toBe(false);
  });

  test("--cooldown 0 turns it off", async () => {
    const w = world(PY313, { FAKE_PIP_STDERR: "Connection refused" });
    await run(w, ["--cooldown", "0"]);
    await run(w, ["--cooldown", "0"]);
    expect(built(calls(w))).toBe(2);
  });
});

test("the system interpreter already has the module: 0, no state touched", async () => {
  const w = world(PY313, { FAKE_SYSTEM_FOUND: "1" });
  expect(codes(await run(w))).toEqual({ sdk_bootstrap: 0, pv: 20000 });
  expect(existsSync(w.venv)).toBe(false);
  expect(statSync(w.bin).isDirectory()).toBe(true);
  expect(readFileSync(w.log, "utf8")).toContain("find_spec");
});
