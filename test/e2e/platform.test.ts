// The platform detection of the shipped scripts (the bundle's launcher, the thin plugin's launcher and fetcher,
// and their PowerShell twins) is written once, in src/build/launcher/platform.sh and platform.ps1, and spliced into
// each script by the build. Part 1 holds every script to exactly one copy of it (and every template to none).
// Part 2 runs the scripts as the build writes them under dash (which asks `uname`, here a stand-in reporting the
// machine) and bash (which answers from $OSTYPE/$HOSTTYPE without a fork), for linux-x64 and linux-arm64.
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchers } from "../../src/build/launcher/index.ts";
import { FRAGMENTS, splice } from "../../src/build/launcher/splice.ts";
import { manifestText, type ReleaseManifest } from "../../src/build/release/manifest.ts";
import { releaseLaunchers } from "../../src/build/release/launchers.ts";

const REPO = join(import.meta.dir, "..", "..");
const template = (path: string) => readFileSync(join(REPO, "src", "build", path), "utf8");

/** Each shipped script: its template in src/build/, what the build writes, and the fragment it must carry. */
const SCRIPTS = [
  { id: "bundle launcher", template: "launcher/launcher.sh", shipped: launchers.posix, fragment: "platform.sh" },
  { id: "release launcher", template: "release/launcher.sh", shipped: releaseLaunchers.posix, fragment: "platform.sh" },
  { id: "release fetcher", template: "release/fetch.sh", shipped: releaseLaunchers.fetch, fragment: "platform.sh" },
  { id: "bundle PowerShell launcher", template: "launcher/launcher.ps1", shipped: launchers.powershell, fragment: "platform.ps1" },
  { id: "release PowerShell launcher", template: "release/launcher.ps1", shipped: releaseLaunchers.powershell, fragment: "platform.ps1" },
] as const;

/** What only platform detection does: a second copy, even a reworded one, still hits these. */
const SIGNS: Record<string, RegExp[]> = {
  "platform.sh": [/case \$\{OSTYPE-?\} in/g, /case \$\{HOSTTYPE-?\} in/g, /uname -s/g, /uname -m/g, /ld-musl-/g, /-baseline/g, /windows-arm64/g],
  "platform.ps1": [/PROCESSOR_ARCHITECTURE/g, /PROCESSOR_ARCHITEW6432/g, /windows-arm64/g],
};

const dedent = (text: string) => text.replace(/^[ \t]+/gm, "");
const code = (text: string) => text.replace(/^[ \t]*#.*\n/gm, ""); // comment lines may name uname or $OSTYPE
const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/** Why a shipped script does not carry its fragment exactly once (empty when it does). */
function detectionFaults(shipped: string, fragment: string): string[] {
  const faults: string[] = [];
  const copies = dedent(shipped).split(dedent(FRAGMENTS[fragment]!)).length - 1;
  if (copies !== 1) faults.push(`${copies} copies of ${fragment}`);
  for (const sign of SIGNS[fragment]!) {
    const n = count(code(shipped), sign);
    if (n !== 1) faults.push(`${sign.source} ${n} times`);
  }
  return faults;
}

describe("the platform detection exists once", () => {
  for (const s of SCRIPTS) {
    test(`${s.id}: carries ${s.fragment} once, its template has only the marker`, () => {
      expect(detectionFaults(s.shipped, s.fragment)).toEqual([]);
      const raw = template(s.template);
      expect(count(raw, new RegExp(`^[ \\t]*# @include ${s.fragment.replace(".", "\\.")}$`, "gm"))).toBe(1);
      expect(SIGNS[s.fragment]!.map((sign) => count(code(raw), sign))).toEqual(SIGNS[s.fragment]!.map(() => 0));
      expect(s.shipped).not.toContain("# @include");
    });
  }

  test("the check catches a script without the detection and one with a second copy", () => {
    const sh = template("release/launcher.sh");
    expect(detectionFaults(splice(sh.replace("# @include platform.sh\n", "")), "platform.sh")).toContain("0 copies of platform.sh");
    const twice = splice(`${sh}# @include platform.sh\n`);
    expect(detectionFaults(twice, "platform.sh")).toContain("2 copies of platform.sh");
    // A hand-edited second copy is not the fragment's text, but still does what only the detection does.
    const reworded = splice(`${sh}case $(uname -m) in aarch64) cpu=arm64 ;; esac\n`);
    expect(detectionFaults(reworded, "platform.sh")).toEqual(["uname -m 2 times"]);
  });

  test("a fragment is indented as its marker, and an unknown one is refused", () => {
    expect(splice("if x; then\n  # @include a\nfi\n", { a: "one\n\ntwo\n" })).toBe("if x; then\n  one\n\n  two\nfi\n");
    expect(() => splice("# @include nowhere.sh\n")).toThrow("nowhere.sh");
  });
});

describe("the shipped scripts pick this machine's binary under dash and bash", () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A folder with `uname` (on PATH alone) that reports Linux on `machine` and logs each call. */
  function machineDir(machine: string) {
    const root = mkdtempSync(join(tmpdir(), "platform-"));
    roots.push(root);
    const log = join(root, "uname.log");
    mkdirSync(join(root, "path"));
    writeFileSync(join(root, "path", "uname"), `#!/bin/sh\necho "$*" >>'${log}'\ncase $1 in -s) echo Linux ;; -m) echo ${machine} ;; esac\n`);
    chmodSync(join(root, "path", "uname"), 0o755);
    return { root, log, PATH: join(root, "path"), unameCalls: () => { try { return readFileSync(log, "utf8"); } catch { return ""; } } };
  }

  const exe = (dir: string, name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o755);
  };
  const STUB = `#!/bin/sh\necho "\${0##*/}"\n`;
  const TARGETS = ["linux-x64", "linux-arm64", "linux-x64-musl", "windows-x64"];
  const file = (t: string) => (t.startsWith("windows") ? `guarded-${t}.exe` : `guarded-${t}`);

  /** Runs the three POSIX scripts in `root` and returns which target each chose. */
  function choices(shell: string, root: string, env: Record<string, string>) {
    const spawn = (argv: string[]) => {
      const p = Bun.spawnSync(argv, { env, stdin: new TextEncoder().encode("{}\n") });
      return { code: p.exitCode, out: p.stdout.toString().trim(), err: p.stderr.toString().trim() };
    };
    // The bundle: the launcher beside one stub binary per target.
    const bundle = join(root, "bundle");
    mkdirSync(bundle);
    exe(bundle, "guarded", launchers.posix);
    for (const t of TARGETS) exe(bundle, file(t), STUB);
    // The thin plugin: its launcher with vendored stubs; its fetcher with every target already in the store.
    const thin = join(root, "thin");
    mkdirSync(thin);
    exe(thin, "guarded", releaseLaunchers.posix);
    for (const t of TARGETS) exe(thin, file(t), STUB);
    const fetcher = join(root, "fetcher");
    const store = join(root, "store");
    mkdirSync(fetcher);
    exe(fetcher, "guarded-fetch", releaseLaunchers.fetch);
    const targets: ReleaseManifest["targets"] = {};
    for (const [i, t] of TARGETS.entries()) {
      const sha = String(i).repeat(64);
      targets[t] = { file: file(t), size: 1, sha256: sha, asset: `${file(t)}.gz`, assetSize: 1, assetSha256: sha, urls: ["http://127.0.0.1:9/x.gz"] };
      mkdirSync(join(store, sha), { recursive: true });
      exe(join(store, sha), file(t), STUB);
    }
    const manifest: ReleaseManifest = { schema: 1, name: "guarded", version: "1.0.0", bin: "guarded", release: "r1", bun: "1", targets, hooks: [] };
    writeFileSync(join(fetcher, "guarded.manifest"), manifestText(manifest));

    const b = spawn([`/bin/${shell}`, "-c", `"${bundle}/guarded" hook-a`]);
    const r = spawn([`/bin/${shell}`, "-c", `"${thin}/guarded" hook-a`]);
    const f = spawn([`/bin/${shell}`, join(fetcher, "guarded-fetch"), "--store", store]);
    const fetched = /^guarded-fetch: (\S+) binary already installed: /.exec(f.err)?.[1];
    return {
      bundle: `${b.code} ${b.out || b.err}`,
      release: `${r.code} ${r.out || r.err}`,
      fetch: `${f.code} ${fetched ?? f.err}`,
    };
  }

  const expected = (t: string) => ({ bundle: `0 ${file(t)}`, release: `0 ${file(t)}`, fetch: `0 ${t}` });

  for (const [machine, target] of [["x86_64", "linux-x64"], ["aarch64", "linux-arm64"]]) {
    test(`dash on ${target}: asks uname, picks ${target}`, () => {
      const m = machineDir(machine!);
      expect(choices("dash", m.root, { PATH: m.PATH })).toEqual(expected(target!));
      // Launcher, launcher, fetcher: each asks for the system and the machine once.
      expect(m.unameCalls()).toBe("-s\n-m\n".repeat(3));
    });

    test(`bash on ${target}: answers from $OSTYPE/$HOSTTYPE without uname, picks ${target}`, () => {
      const m = machineDir(machine!);
      expect(choices("bash", m.root, { PATH: m.PATH, OSTYPE: "linux-gnu", HOSTTYPE: machine! })).toEqual(expected(target!));
      expect(m.unameCalls()).toBe("");
    });
  }

  test("bash on musl Linux picks the musl build; on Windows on ARM, x64 under emulation", () => {
    const musl = machineDir("x86_64");
    expect(choices("bash", musl.root, { PATH: musl.PATH, OSTYPE: "linux-musl", HOSTTYPE: "x86_64" })).toEqual(expected("linux-x64-musl"));
    const arm = machineDir("aarch64");
    // The bundle launcher never leaves a link on Windows, so the only difference from Linux is the .exe.
    expect(choices("bash", arm.root, { PATH: arm.PATH, OSTYPE: "msys", HOSTTYPE: "aarch64" })).toEqual(expected("windows-x64"));
  });
});
