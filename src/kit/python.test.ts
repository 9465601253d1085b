import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FAKE_HANG, FAKE_PYTHON2, FAKE_STORE_STUB, fakeBin, fakePyLauncher, fakePython, toolsBin } from "../../test/fixtures/ensure-python/fakes.ts";
import { atLeast, candidateCommands, describeDiscovery, discoverPython, parseProbeOutput } from "./python.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "hookkit-python-"));
const tools = toolsBin(join(tmp(), "tools"));
// Fakes first, then only the few tools they use: no real Python is reachable.
const pathWith = (dir: string) => `${dir}:${tools}`;

describe("candidate order", () => {
  test("POSIX: python3.20 down to python3.10, then python3, python", () => {
    const c = candidateCommands("linux").map((x) => x.join(" "));
    expect(c[0]).toBe("python3.20");
    expect(c).toContain("python3.14");
    expect(c.slice(-4)).toEqual(["python3.11", "python3.10", "python3", "python"]);
    expect(c).toHaveLength(13);
    expect(c).not.toContain("py -3");
    expect(candidateCommands("darwin")).toEqual(candidateCommands("linux"));
  });

  test("Windows adds `py -3` last", () => {
    const c = candidateCommands("win32");
    expect(c.at(-1)).toEqual(["py", "-3"]);
    expect(c.slice(0, -1)).toEqual(candidateCommands("linux"));
  });
});

describe("probe output", () => {
  test("accepts M.m plus the executable, rejects anything else", () => {
    expect(parseProbeOutput("3.14\n/usr/bin/python3.14\n")).toEqual({ version: { major: 3, minor: 14 }, executable: "/usr/bin/python3.14" });
    expect(parseProbeOutput("3.12\r\nC:\\Python312\\python.exe\r\n")?.executable).toBe("C:\\Python312\\python.exe");
    expect(parseProbeOutput("")).toBeUndefined();
    expect(parseProbeOutput("Python was not found\n")).toBeUndefined();
    expect(parseProbeOutput("{major}.{minor}\n")).toBeUndefined();
  });

  test("version comparison", () => {
    expect(atLeast({ major: 3, minor: 10 }, { major: 3, minor: 10 })).toBe(true);
    expect(atLeast({ major: 3, minor: 9 }, { major: 3, minor: 10 })).toBe(false);
    expect(atLeast({ major: 4, minor: 0 }, { major: 3, minor: 10 })).toBe(true);
  });
});

describe("discoverPython with fake interpreters", () => {
  test("the first interpreter >= 3.10 wins; python3.14 is found (sg-python.sh never looked for it)", async () => {
    const bin = fakeBin(join(tmp(), "bin"), { "python3.14": fakePython("3.14"), "python3.11": fakePython("3.11"), python3: fakePython("3.9") });
    const d = await discoverPython({ platform: "linux", env: { PATH: pathWith(bin) } });
    expect(d.chosen?.command).toEqual(["python3.14"]);
    expect(d.chosen?.executable).toBe(join(bin, "python3.14"));
    expect(d.chosen?.resolved).toBe(join(bin, "python3.14"));
    // Nothing after the winner is started.
    expect(d.tried.map((p) => p.command[0])).not.toContain("python3.11");
  });

  test("Python 2, the Store stub and a hanging probe fail; the next candidate wins", async () => {
    const dir = tmp();
    const log = join(dir, "calls.log");
    const bin = fakeBin(join(dir, "bin"), { "python3.13": FAKE_HANG, python3: FAKE_STORE_STUB, python: FAKE_PYTHON2, py: fakePyLauncher("3.12") });
    const started = Date.now();
    const d = await discoverPython({ platform: "win32", env: { PATH: pathWith(bin), FAKE_LOG: log }, timeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(10_000);
    const byName = Object.fromEntries(d.tried.map((p) => [p.command.join(" "), p]));
    expect(byName["python3.13"]!.reason).toBe("timeout after 1500 ms");
    expect(byName["python3"]!.reason).toBe("exit 49");
    expect(byName["python"]!.reason).toBe("exit 1");
    expect(d.chosen?.command).toEqual(["py", "-3"]);
    expect(d.chosen?.version).toEqual({ major: 3, minor: 12 });
    expect(readFileSync(log, "utf8")).toContain("/py -3 -c");
    expect(describeDiscovery(d)).toContain("chose py -3 (3.12");
  });

  test("the same PATH on Linux never tries `py -3`", async () => {
    const bin = fakeBin(join(tmp(), "bin"), { py: fakePyLauncher("3.12") });
    const d = await discoverPython({ platform: "linux", env: { PATH: pathWith(bin) } });
    expect(d.chosen).toBeUndefined();
    expect(d.fallback).toBeUndefined();
  });

  test("only < 3.10: no choice, and the fallback is the first generic interpreter", async () => {
    const bin = fakeBin(join(tmp(), "bin"), { python3: fakePython("3.9"), python: fakePython("3.8") });
    const d = await discoverPython({ platform: "linux", env: { PATH: pathWith(bin) } });
    expect(d.chosen).toBeUndefined();
    expect(d.fallback?.command).toEqual(["python3"]);
    expect(d.fallback?.version).toEqual({ major: 3, minor: 9 });
    expect(describeDiscovery(d)).toContain("none >=3.10; fallback python3 (3.9)");
  });

  test.skipIf(!Bun.which("python3"))("a real interpreter runs the caller's extra code in the same probe", async () => {
    const real = Bun.spawnSync(["python3", "-c", "import os, sys; print(os.path.realpath(sys.executable))"]).stdout.toString().trim();
    const bin = join(tmp(), "bin");
    mkdirSync(bin);
    symlinkSync(real, join(bin, "python3"));
    const d = await discoverPython({ platform: "linux", env: { PATH: bin }, extra: { code: "print(sys.argv[1] * 2)", args: ["ab"] } });
    expect(d.chosen?.command).toEqual(["python3"]);
    expect(d.chosen?.extra).toBe("abab");
  });

  test("a configurable minimum", async () => {
    const bin = fakeBin(join(tmp(), "bin"), { "python3.11": fakePython("3.11"), python3: fakePython("3.12") });
    const d = await discoverPython({ platform: "linux", env: { PATH: pathWith(bin) }, minimum: { major: 3, minor: 12 } });
    expect(d.chosen?.command).toEqual(["python3"]);
  });
});
