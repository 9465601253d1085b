// The launcher (src/build/launcher/launcher.sh) as Claude Code runs it: through `sh -c` with piped stdin.
// Part 1 checks how it picks a binary, with stub "binaries" that report their own name, on every OSTYPE/HOSTTYPE
// bash reports (Linux, macOS, Git Bash/MSYS, Cygwin) and on dash (no OSTYPE: the first-run link).
// Part 2 runs each shipped hook on realistic inputs through the real binary directly and through the launcher
// of the built plugin bundle, and requires identical answers.
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, lstatSync, mkdtempSync, readlinkSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnHook } from "../../src/testing/index.ts";
import { makeScenarios } from "../fixtures/scenarios.ts";
import { hostBuild, REPO } from "./_binary.ts";

const LAUNCHER = join(REPO, "src", "build", "launcher", "launcher.sh");
const STUB = `#!/bin/sh\nprintf '%s\\n' "\${0##*/}" "$@"\nexec /bin/cat\n`;

/** A bin/ folder with the launcher and stub binaries under the given names. */
function stubBin(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "launcher-"));
  copyFileSync(LAUNCHER, join(dir, "hookkit"));
  chmodSync(join(dir, "hookkit"), 0o755);
  for (const name of names) {
    writeFileSync(join(dir, name), STUB);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

/** Runs `<shell> -c '"$DIR/hookkit" args'` with stdin; PATH is empty unless given, so any external command fails. */
function run(shell: string, dir: string, env: Record<string, string> = {}, args = "hook-a 'two words'", stdin = '{"x":1}\n') {
  const p = Bun.spawnSync([`/bin/${shell}`, "-c", `"$DIR/hookkit" ${args}`], {
    env: { DIR: dir, PATH: "", ...env },
    stdin: new TextEncoder().encode(stdin),
  });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
}

const ALL = [
  "hookkit-linux-x64",
  "hookkit-linux-arm64",
  "hookkit-linux-x64-musl",
  "hookkit-darwin-x64",
  "hookkit-darwin-arm64",
  "hookkit-windows-x64.exe",
];

describe("launcher: picks the binary with builtins only", () => {
  const dirs: string[] = [];
  const bin = (names: string[]) => {
    const dir = stubBin(names);
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  // bash keeps OSTYPE/HOSTTYPE from the environment when set, so each platform's values can be replayed here.
  const cases: [string, string, string][] = [
    ["linux-gnu", "x86_64", "hookkit-linux-x64"],
    ["linux-gnu", "aarch64", "hookkit-linux-arm64"],
    ["linux-musl", "x86_64", "hookkit-linux-x64-musl"],
    ["darwin23", "arm64", "hookkit-darwin-arm64"],
    ["darwin22.1.0", "x86_64", "hookkit-darwin-x64"],
    ["msys", "x86_64", "hookkit-windows-x64.exe"],
    ["cygwin", "x86_64", "hookkit-windows-x64.exe"],
  ];
  for (const [ostype, hosttype, expected] of cases) {
    test(`bash OSTYPE=${ostype} HOSTTYPE=${hosttype} -> ${expected}, args and stdin intact, no external command`, () => {
      const r = run("bash", bin(ALL), { OSTYPE: ostype, HOSTTYPE: hosttype });
      expect(r).toEqual({ code: 0, out: `${expected}\nhook-a\ntwo words\n{"x":1}\n`, err: "" });
    });
  }

  test("x64 falls back to the baseline build when it is the only x64 one", () => {
    const r = run("bash", bin(["hookkit-linux-x64-baseline"]), { OSTYPE: "linux-gnu", HOSTTYPE: "x86_64" });
    expect(r.out.split("\n")[0]).toBe("hookkit-linux-x64-baseline");
  });

  test("dash (no OSTYPE): first run asks uname and leaves a link; later runs need no external command", () => {
    const dir = bin(ALL);
    const first = run("dash", dir, { PATH: process.env.PATH ?? "/usr/bin:/bin" });
    const host = `hookkit-linux-${process.arch === "arm64" ? "arm64" : "x64"}`;
    expect(first).toEqual({ code: 0, out: `${host}\nhook-a\ntwo words\n{"x":1}\n`, err: "" });
    expect(lstatSync(join(dir, ".hookkit-current")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, ".hookkit-current"))).toBe(host); // relative: survives moving the plugin dir
    const again = run("dash", dir); // PATH empty: uname, ln and mv would all fail
    // The stub names itself by argv[0], which is now the link.
    expect(again).toEqual({ ...first, out: first.out.replace(host, ".hookkit-current") });
  });

  test("bash: the first run leaves the link for hooks.json, and a link to another platform's binary is corrected", () => {
    const dir = bin(ALL);
    const env = { OSTYPE: "linux-gnu", HOSTTYPE: "aarch64", PATH: process.env.PATH ?? "/usr/bin:/bin" };
    expect(run("bash", dir, env).out.split("\n")[0]).toBe("hookkit-linux-arm64");
    expect(readlinkSync(join(dir, ".hookkit-current"))).toBe("hookkit-linux-arm64");
    const moved = run("bash", dir, { ...env, HOSTTYPE: "x86_64" }); // e.g. a home folder shared with an x64 machine
    expect(moved.out.split("\n")[0]).toBe("hookkit-linux-x64");
    expect(readlinkSync(join(dir, ".hookkit-current"))).toBe("hookkit-linux-x64");
  });

  test("Git Bash/MSYS never gets the link (a symlink there is a 100 MB copy)", () => {
    const dir = bin(ALL);
    run("bash", dir, { OSTYPE: "msys", HOSTTYPE: "x86_64", PATH: process.env.PATH ?? "/usr/bin:/bin" });
    expect(() => lstatSync(join(dir, ".hookkit-current"))).toThrow();
  });

  test("no binary for this platform: one line on stderr naming it, nothing on stdout, exit 0", () => {
    const r = run("bash", bin(["hookkit-darwin-arm64"]), { OSTYPE: "freebsd14.1", HOSTTYPE: "amd64" }, "question-preference");
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    expect(r.err).toContain("hookkit: no prebuilt binary for freebsd14.1-x64 in ");
    expect(r.err).toContain("shipped: darwin-arm64");
    expect(r.err).toContain("hook 'question-preference' skipped");
  });

  test("a binary that lost its mode bits is named with the fix, not reported missing", () => {
    const dir = bin(["hookkit-linux-x64"]);
    chmodSync(join(dir, "hookkit-linux-x64"), 0o644);
    const r = run("bash", dir, { OSTYPE: "linux-gnu", HOSTTYPE: "x86_64" }, "question-preference");
    expect(r).toMatchObject({ code: 0, out: "" });
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    expect(r.err).toContain(`hookkit-linux-x64 is not executable`);
    expect(r.err).toContain(`chmod +x "${dir}/hookkit-linux-x64"`);
  });

  test("a known platform whose binary is missing is named too (Linux arm64 with only x64 shipped)", () => {
    const r = run("bash", bin(["hookkit-linux-x64"]), { OSTYPE: "linux-gnu", HOSTTYPE: "aarch64" }, "ensure-python");
    expect(r).toMatchObject({ code: 0, out: "" });
    expect(r.err).toStartWith("hookkit: no prebuilt binary for linux-arm64 in ");
  });
});

describe("each shipped hook: compiled binary and launcher give the same answers", () => {
  // Built here (not in beforeAll) because bun's default 5 s hook timeout is too short for a cold compile.
  const { scenarios, cleanup } = makeScenarios();
  afterAll(() => cleanup());
  const E2E_TIMEOUT = 120_000;

  test("every registered hook has at least one scenario", async () => {
    const { loadProject } = await import("../../src/project/config.ts");
    expect(new Set(scenarios.map((s) => s.hook))).toEqual(new Set(Object.keys(loadProject(REPO).hooks)));
  });

  /** The command the generated hooks.json registers for `hook`, as the host would hand it to the shell. */
  async function hooksJsonCommand(pluginDir: string, hook: string): Promise<string> {
    const json = await Bun.file(join(pluginDir, "hooks", "hooks.json")).json();
    const commands = Object.values(json.hooks as Record<string, { hooks: { command: string }[] }[]>).flatMap((groups) =>
      groups.flatMap((g) => g.hooks.map((h) => h.command)),
    );
    return commands.find((c) => c.endsWith(` ${hook}`))!;
  }

  for (const s of scenarios) {
    test(
      `${s.id}: direct, via sh -c and via bash -c the hooks.json command`,
      async () => {
        const { binary, pluginDir } = await hostBuild();
        const env = { ...s.env, CLAUDE_PLUGIN_ROOT: pluginDir };
        const norm = s.normalize ?? ((x: string) => x);
        const direct = await spawnHook([binary, s.hook], s.input, { env, cwd: s.cwd });
        expect(direct.exitCode).toBe(s.expect.exitCode);
        expect(direct.stdout).toMatch(s.expect.stdout);
        const command = await hooksJsonCommand(pluginDir, s.hook);
        // First without the link (the launcher runs and makes it), then through the link, then under bash.
        rmSync(join(pluginDir, "bin", ".hookkit-current"), { force: true });
        for (const [shell, route] of [["/bin/sh", "launcher"], ["/bin/sh", "link"], ["/bin/bash", "link"]]) {
          const launched = await spawnHook([shell!, "-c", command], s.input, { env, cwd: s.cwd });
          expect({ shell, route, code: launched.exitCode, stdout: norm(launched.stdout) }).toEqual({
            shell,
            route,
            code: direct.exitCode,
            stdout: norm(direct.stdout),
          });
          expect(lstatSync(join(pluginDir, "bin", ".hookkit-current")).isSymbolicLink()).toBe(true);
        }
      },
      E2E_TIMEOUT,
    );
  }
});
