// ensure-python end to end with a real `python -m venv` and real pip installing a wheel built
// here from a local folder (--no-index --find-links); nothing touches the network. Also the
// compiled binary as Claude Code runs it: warm path, a build, 10 concurrent runs, SIGKILL.
// Scripted failure paths (each stderr category, timeouts, cooldown, outcome 6) are in
// ensure-python-scripted.test.ts.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { killProcessGroup } from "hookkit/kit";
import { findDistInfo, sitePackagesDirs } from "hookkit/kit";
import { fakePython, realPython, recordingWrapper, recordVenvPython } from "hookkit/testing";
import { calls, codes, run, setPluginVersion, spawn, world, removeWorlds, type World } from "./fixtures/world.ts";
import { hostBinary } from "./fixtures/binary.ts";


afterAll(removeWorlds, 60_000);
const FIXTURES = join(import.meta.dir, "fixtures");


const REAL = realPython();
let wheels = "";
const BUILT = { sdk_bootstrap: 2, pv: 20000 };
const NOOP_VENV = { sdk_bootstrap: 1, pv: 20000 };

/** A world whose only interpreter is a recorder around the real one. */
function realWorld(env: Record<string, string> = {}): World {
  return world({ python3: recordingWrapper(REAL!) }, { PIP_NO_INDEX: "1", PIP_FIND_LINKS: wheels, ...env });
}

const starts = (w: World) => calls(w).length;

/** A real world whose system interpreter already imports the module (through PYTHONPATH): outcome 0. */
function systemModuleWorld(): { w: World; lib: string } {
  const w = realWorld();
  const lib = join(w.dir, "syslib", "claude_agent_sdk");
  mkdirSync(lib, { recursive: true });
  writeFileSync(join(lib, "__init__.py"), "");
  w.env.PYTHONPATH = join(w.dir, "syslib");
  return { w, lib };
}

describe.skipIf(!REAL)("real venv + pip", () => {
  beforeAll(() => {
    wheels = join(world().dir, "wheels");
    const r = Bun.spawnSync([REAL!, join(FIXTURES, "make_wheel.py"), wheels, "claude-agent-sdk", "0.0.1", "claude_agent_sdk"]);
    expect(r.exitCode).toBe(0);
  });

  describe("build, then NOOP_VENV, then the warm path", () => {
    let w: World;
    test("a build (2): the module imports from the venv; the user's pip config (env) is inherited", async () => {
      w = realWorld();
      expect(codes(await run(w))).toEqual(BUILT);
      expect(existsSync(w.sentinel)).toBe(false);
      const sites = sitePackagesDirs(w.venv);
      expect(sites).toHaveLength(1);
      expect(findDistInfo(sites, "claude-agent-sdk")).toHaveLength(1);
      const r = Bun.spawnSync([join(w.venv, "bin", "python"), "-c", "import claude_agent_sdk as m; print(m.VERSION)"]);
      expect(r.stdout.toString().trim()).toBe("0.0.1");
    }, 120_000);

    test("venv already good (1); the next run starts no Python process at all", async () => {
      recordVenvPython(w.venv, REAL!);
      const before = starts(w);
      expect(codes(await run(w))).toEqual(NOOP_VENV);
      const cold = calls(w).slice(before);
      expect(cold.some((l) => l.includes("/bin/python3 ") && l.includes("version_info"))).toBe(true);
      expect(cold.some((l) => l.includes("agent-sdk-venv/bin/python -c"))).toBe(true);

      const warm = starts(w);
      expect(codes(await run(w))).toEqual(NOOP_VENV);
      expect(codes(await run(w))).toEqual(NOOP_VENV);
      expect(starts(w)).toBe(warm);
    }, 60_000);

    test("any doubt means probing again: touched package metadata, a fresh sentinel, --force", async () => {
      const [dist] = findDistInfo(sitePackagesDirs(w.venv), "claude-agent-sdk");
      const t = Date.now() / 1000 + 5;
      utimesSync(dist!, t, t);
      let before = starts(w);
      expect(codes(await run(w))).toEqual(NOOP_VENV);
      expect(starts(w)).toBeGreaterThan(before);

      // The seed checks the sentinel before the venv: a cached verdict must too.
      writeFileSync(w.sentinel, "");
      expect(codes(await run(w))).toEqual({ sdk_bootstrap: 5, pv: 20000 });
      Bun.spawnSync(["rm", "-f", w.sentinel]);

      before = starts(w);
      expect(codes(await run(w, ["--force"]))).toEqual(NOOP_VENV);
      expect(starts(w)).toBeGreaterThan(before);
    }, 60_000);

    test("a later `pip install --user` of the module turns a remembered 1 into the seed's 0", async () => {
      expect(codes(await run(w))).toEqual(NOOP_VENV); // warm
      const site = Bun.spawnSync([REAL!, "-c", "import site; print(site.getusersitepackages())"], { env: { HOME: w.env.HOME! } });
      const userSite = site.stdout.toString().trim();
      expect(userSite.startsWith(w.env.HOME!)).toBe(true);
      mkdirSync(join(userSite, "claude_agent_sdk"), { recursive: true });
      writeFileSync(join(userSite, "claude_agent_sdk", "__init__.py"), "");
      expect(codes(await run(w))).toEqual({ sdk_bootstrap: 0, pv: 20000 });
    }, 60_000);
  });

  test("module importable by the system interpreter (0), warm on the second run", async () => {
    const { w, lib } = systemModuleWorld();
    expect(codes(await run(w))).toEqual({ sdk_bootstrap: 0, pv: 20000 });
    expect(existsSync(w.venv)).toBe(false);
    const before = starts(w);
    expect(codes(await run(w))).toEqual({ sdk_bootstrap: 0, pv: 20000 });
    expect(starts(w)).toBe(before);
    // Removing it from the system path is noticed.
    Bun.spawnSync(["rm", "-rf", lib]);
    const gone = await run(w, ["--pip-timeout", "1"]);
    expect(gone.metrics.sdk_bootstrap).toBe(3);
  }, 60_000);

  test("a warm run reports the plugin version its verdict was made under; a changed plugin.json is a miss", async () => {
    const { w } = systemModuleWorld();
    expect(codes(await run(w))).toEqual({ sdk_bootstrap: 0, pv: 20000 });
    const cold = starts(w);
    expect(codes(await run(w))).toEqual({ sdk_bootstrap: 0, pv: 20000 });
    expect(starts(w)).toBe(cold);
    // A plugin update: plugin.json is one of the verdict's files, so the next run probes again.
    setPluginVersion(w.plugin, "2.1.0");
    expect(codes(await run(w))).toEqual({ sdk_bootstrap: 0, pv: 20100 });
    expect(starts(w)).toBeGreaterThan(cold);
    const again = starts(w);
    expect(codes(await run(w))).toEqual({ sdk_bootstrap: 0, pv: 20100 });
    expect(starts(w)).toBe(again);
  }, 60_000);

  test("pip at a closed loopback port, and a package that does not exist: 3, phase pip, pip_no_match", async () => {
    const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const port = server.port;
    server.stop(true);
    const closed = realWorld({ PIP_NO_INDEX: "", PIP_FIND_LINKS: "", PIP_INDEX_URL: `http://127.0.0.1:${port}/simple/`, PIP_RETRIES: "0", PIP_TIMEOUT: "2", no_proxy: "*" });
    const missing = realWorld();
    const [a, b] = await Promise.all([run(closed), run(missing, ["--package", "hookkit-no-such-package"])]);
    // pip logs the refused connection, then gives up with "could not find a version": the seed's order says 1.
    for (const o of [a, b]) expect(codes(o)).toEqual({ sdk_bootstrap: 3, sdk_bootstrap_phase: 3, sdk_bootstrap_err: 1, pv: 20000 });
    expect(readFileSync(join(closed.state, "ensure-python.log"), "utf8")).toContain("build failed in phase pip: pip_no_match");
    for (const w of [closed, missing]) expect(existsSync(w.sentinel)).toBe(false);
  }, 120_000);

  describe("the compiled binary", () => {
    let binary = "";
    beforeAll(async () => {
      binary = await hostBinary();
    }, 300_000);

    test("10 concurrent runs: exactly one build, the rest 5, no sentinel left; then NOOP_VENV warm", async () => {
      const w = realWorld();
      const runs = await Promise.all(Array.from({ length: 10 }, () => spawn(binary, w)));
      const outcomes = runs.map((r) => r.metrics.sdk_bootstrap).sort();
      expect(outcomes).toEqual([2, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
      for (const r of runs) expect(JSON.parse(r.lines[0]!)).toEqual({ async: true, asyncTimeout: 180000 });
      expect(calls(w).filter((l) => l.includes(" -m venv --clear ")).length).toBe(1);
      expect(existsSync(w.sentinel)).toBe(false);

      recordVenvPython(w.venv, REAL!);
      expect(codes(await spawn(binary, w))).toEqual(NOOP_VENV);
      const before = starts(w);
      const warm = await spawn(binary, w);
      expect(codes(warm)).toEqual(NOOP_VENV);
      expect(starts(w)).toBe(before);
    }, 180_000);

    test("stdout discarded and no stdin (the detached PostToolUse re-run): it still does its work", async () => {
      const w = world({ "python3.13": fakePython("3.13") });
      const child = Bun.spawn([binary, "ensure-python"], { env: w.env, stdin: "ignore", stdout: "ignore", stderr: "ignore" });
      expect(await child.exited).toBe(0);
      expect(existsSync(join(w.venv, "bin", "python"))).toBe(true);
      expect(existsSync(w.sentinel)).toBe(false);
    }, 30_000);

    test("SIGKILL during a build: the sentinel stays, a later run recovers and builds", async () => {
      const w = world({ "python3.13": fakePython("3.13") });
      const pidfile = join(w.dir, "venv.pid");
      const child = Bun.spawn([binary, "ensure-python"], {
        env: { ...w.env, FAKE_VENV_SLEEP: "60", FAKE_PIDFILE: pidfile },
        stdin: "ignore",
        stdout: "pipe",
        stderr: "pipe",
      });
      for (let i = 0; i < 600 && !(existsSync(w.sentinel) && existsSync(pidfile)); i++) await Bun.sleep(50);
      expect(existsSync(w.sentinel)).toBe(true);
      child.kill("SIGKILL");
      await child.exited;
      // The orphaned `venv` step leads its own process group: end it like a reboot would.
      killProcessGroup(Number(readFileSync(pidfile, "utf8").trim()));
      expect(existsSync(w.sentinel)).toBe(true);

      const later = await spawn(binary, w);
      expect(codes(later)).toEqual(BUILT);
      expect(existsSync(w.sentinel)).toBe(false);
      expect(readdirSync(w.state)).toContain("agent-sdk-venv");
    }, 60_000);
  });
});
