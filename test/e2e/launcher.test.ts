// The launcher (src/build/launcher/launcher.sh, as the build writes it) as Claude Code runs it: through `sh -c` with piped stdin.
// Part 1 checks how it picks a binary, with stub "binaries" that report their own name, on every OSTYPE/HOSTTYPE
// bash reports (Linux, macOS, Git Bash/MSYS, Cygwin) and on dash (no OSTYPE: the first-run link).
// Part 2 runs the hooks of an author's project (test/fixtures/project) through the real binary directly and
// through the launcher of the built plugin bundle, and requires identical answers.
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, lstatSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProject, fixtures, hooksJsonHandler, spawnHook } from "../../src/testing/index.ts";
import { loadProject } from "../../src/project/config.ts";
import { launchers } from "../../src/build/launcher/index.ts";

const REPO = join(import.meta.dir, "..", "..");
const PROJECT = join(REPO, "test", "fixtures", "project");

const STUB = `#!/bin/sh\nprintf '%s\\n' "\${0##*/}" "$@"\nexec /bin/cat\n`;

/** A bin/ folder with the launcher and stub binaries under the given names. */
function stubBin(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "launcher-"));
  writeFileSync(join(dir, "hookkit"), launchers.posix);
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
    const r = run("bash", bin(["hookkit-darwin-arm64"]), { OSTYPE: "freebsd14.1", HOSTTYPE: "amd64" }, "deny-rm");
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    expect(r.err).toContain("hookkit: no prebuilt binary for freebsd14.1-x64 in ");
    expect(r.err).toContain("shipped: darwin-arm64");
    expect(r.err).toContain("hook 'deny-rm' skipped");
  });

  test("a binary that lost its mode bits is named with the fix, not reported missing", () => {
    const dir = bin(["hookkit-linux-x64"]);
    chmodSync(join(dir, "hookkit-linux-x64"), 0o644);
    const r = run("bash", dir, { OSTYPE: "linux-gnu", HOSTTYPE: "x86_64" }, "deny-rm");
    expect(r).toMatchObject({ code: 0, out: "" });
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    expect(r.err).toContain(`hookkit-linux-x64 is not executable`);
    expect(r.err).toContain(`chmod +x "${dir}/hookkit-linux-x64"`);
  });

  test("a known platform whose binary is missing is named too (Linux arm64 with only x64 shipped)", () => {
    const r = run("bash", bin(["hookkit-linux-x64"]), { OSTYPE: "linux-gnu", HOSTTYPE: "aarch64" }, "session-note");
    expect(r).toMatchObject({ code: 0, out: "" });
    expect(r.err).toStartWith("hookkit: no prebuilt binary for linux-arm64 in ");
  });
});

describe("each hook of a project: compiled binary and launcher give the same answers", () => {
  const E2E_TIMEOUT = 120_000;
  const state = mkdtempSync(join(tmpdir(), "hookkit-launcher-state-"));
  afterAll(() => rmSync(state, { recursive: true, force: true }));
  const env = { PATH: process.env.PATH ?? "", HOME: state, HOOKKIT_STATE_DIR: state };
  const bash = (command: string) => fixtures.preToolUse({ tool_name: "Bash", tool_input: { command } });
  const scenarios = [
    { id: "deny-rm denies", hook: "deny-rm", input: bash("rm -rf build"), stdout: /"permissionDecision":"deny"/ },
    { id: "deny-rm passes", hook: "deny-rm", input: bash("ls"), stdout: /^$/ },
    { id: "deny-rm on broken input", hook: "deny-rm", input: "{not json", stdout: /^$/ },
    { id: "session-note adds context", hook: "session-note", input: fixtures.sessionStart(), stdout: /"additionalContext":"fixture note"/ },
  ];

  test("every hook of the project has a scenario", () => {
    expect(new Set(scenarios.map((s) => s.hook))).toEqual(new Set(Object.keys(loadProject(PROJECT).hooks)));
  });

  for (const s of scenarios) {
    test(
      `${s.id}: direct, via sh -c and via bash -c the hooks.json command`,
      async () => {
        const build = await buildProject(PROJECT);
        const runEnv = { ...env, CLAUDE_PLUGIN_ROOT: build.pluginDir };
        const direct = await spawnHook([build.binary, s.hook], s.input, { env: runEnv });
        expect(direct.exitCode).toBe(0);
        expect(direct.stdout.trim()).toMatch(s.stdout);
        const { command } = hooksJsonHandler(build, s.hook);
        const link = join(build.pluginDir, "bin", ".fixture-plugin-current");
        // First without the link (the launcher runs and makes it), then through the link, then under bash.
        rmSync(link, { force: true });
        for (const [shell, route] of [["/bin/sh", "launcher"], ["/bin/sh", "link"], ["/bin/bash", "link"]]) {
          const launched = await spawnHook([shell!, "-c", command], s.input, { env: runEnv });
          expect({ shell, route, code: launched.exitCode, stdout: launched.stdout }).toEqual({ shell, route, code: direct.exitCode, stdout: direct.stdout });
          expect(lstatSync(link).isSymbolicLink()).toBe(true);
        }
      },
      E2E_TIMEOUT,
    );
  }
});
