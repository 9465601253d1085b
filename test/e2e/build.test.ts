// The whole build: all five shipped targets (cross-compiled; ~110 MB each), their headers, the manifest, the
// plugin bundle, and the linux-arm64 binary answering a real event under qemu-user. Slow, so it is the only
// test file that builds more than the host target.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, checkMachOSignature, readBinaryInfo, readMachOSignature, sha256File, shellCommand, type BuildResult } from "../../src/build/index.ts";
import { spawnHook } from "../../src/testing/index.ts";
import { ask, askEvent, makeWorld } from "../fixtures/question-preference/world.ts";
import { REPO } from "./_binary.ts";

const warnings: string[] = [];
const quiet = { start() {}, success() {}, info() {}, log() {}, table() {}, warn: (m: string) => void warnings.push(m) };
const SLOW = 600_000;
let out: string;
let result: BuildResult;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "hookkit-build-"));
  result = await build({ root: REPO, outDir: out, writeRepoHooks: false, logger: quiet });
}, SLOW);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("build: the five shipped targets", () => {
  const expected = [
    ["linux-x64", "bin/hookkit-linux-x64", "elf", "x64"],
    ["linux-arm64", "bin/hookkit-linux-arm64", "elf", "arm64"],
    ["darwin-x64", "bin/hookkit-darwin-x64", "macho", "x64"],
    ["darwin-arm64", "bin/hookkit-darwin-arm64", "macho", "arm64"],
    ["windows-x64", "bin/hookkit-windows-x64.exe", "pe", "x64"],
  ];

  test("each output has the right file name, format and CPU (read back from its header)", async () => {
    expect(result.binaries.map((b) => [b.target, b.file, b.format, b.cpu])).toEqual(expected);
    for (const [, file, format, cpu] of expected) {
      expect(await readBinaryInfo(join(out, file!))).toMatchObject({ format, cpu });
    }
  });

  test("darwin outputs: code signatures checked page by page; a mismatch is flagged with the re-sign command", async () => {
    for (const target of ["darwin-x64", "darwin-arm64"]) {
      const built = result.binaries.find((b) => b.target === target)!;
      const check = await readMachOSignature(join(out, built.file));
      expect(built.signature).toBe(check.status);
      const warned = warnings.filter((w) => w.startsWith(`${target}:`));
      expect(warned).toHaveLength(check.status === "valid" ? 0 : 1);
      if (check.status !== "valid") expect(warned[0]).toContain(`codesign --force -s - ${built.file}`);
    }
    // The check must be able to fail: one flipped byte in a signed page of a valid output.
    const valid = result.binaries.find((b) => b.signature === "valid");
    expect(valid).toBeDefined();
    const bytes = new Uint8Array(await Bun.file(join(out, valid!.file)).arrayBuffer());
    expect(checkMachOSignature(bytes)).toMatchObject({ status: "valid", badPages: 0 });
    bytes[5000] = bytes[5000]! ^ 0xff;
    expect(checkMachOSignature(bytes)).toMatchObject({ status: "invalid", badPages: 1 });
  });

  test("manifest.json: version, Bun version, and size + sha256 that match the files", async () => {
    const manifest = await Bun.file(result.manifestPath).json();
    expect(manifest).toMatchObject({ name: "hookkit", version: expect.any(String), bun: Bun.version, entry: "src/main.ts" });
    expect(manifest.hooks.sort()).toEqual(["ensure-python", "question-preference"]);
    expect(Date.parse(manifest.builtAt)).toBeGreaterThan(Date.now() - SLOW);
    for (const t of manifest.targets) {
      expect(t.size).toBe(statSync(join(out, t.file)).size);
      expect(t.sha256).toBe(await sha256File(join(out, t.file)));
    }
  });

  test("plugin bundle: plugin.json, the repository's hooks.json, launchers and every binary", async () => {
    const plugin = join(out, "plugin");
    expect(await Bun.file(join(plugin, ".claude-plugin", "plugin.json")).json()).toMatchObject({ name: "hookkit" });
    expect(await Bun.file(join(plugin, "hooks", "hooks.json")).text()).toBe(await Bun.file(join(REPO, "hooks", "hooks.json")).text());
    expect(statSync(join(plugin, "bin", "hookkit")).mode & 0o111).toBeTruthy();
    expect(existsSync(join(plugin, "bin", "hookkit.ps1"))).toBe(true);
    for (const [, file] of expected) {
      const inPlugin = join(plugin, file!);
      expect(statSync(inPlugin).size).toBe(statSync(join(out, file!)).size);
      expect(statSync(inPlugin).mode & 0o111).toBeTruthy();
    }
  });

  const qemu = Bun.which("qemu-aarch64-static");
  const sysroot = "/usr/aarch64-linux-gnu";
  test("the linux-arm64 binary answers a smoke event under qemu-user", async () => {
    if (!qemu || !existsSync(sysroot)) {
      // CI installs them (.ci/run); elsewhere say what is missing instead of passing silently.
      if (process.env.CI) throw new Error("qemu-aarch64-static or libc6-arm64-cross missing on CI");
      console.warn("skipped: apt-get install qemu-user-static libc6-arm64-cross");
      return;
    }
    const world = makeWorld();
    try {
      world.setProjectPrefs("app", { "ship-pre-landing-review-fix": "never-ask" });
      const event = askEvent(world, [
        ask("ship-pre-landing-review-fix", "Pre-landing review flagged an issue — fix now or skip?", ["A) Fix now (recommended)", "B) Skip"]),
      ]);
      const run = await spawnHook([qemu, "-L", sysroot, join(out, "bin", "hookkit-linux-arm64"), "question-preference"], event, {
        env: { ...world.env, GSTACK_PROJECT_SLUG: "app" },
        cwd: world.project,
        timeoutMs: 60_000,
      });
      expect(run.exitCode).toBe(0);
      expect(run.output?.hookSpecificOutput).toMatchObject({ permissionDecision: "deny" });
      expect(run.output?.hookSpecificOutput?.permissionDecisionReason).toContain("ship-pre-landing-review-fix → A) Fix now");
    } finally {
      world.cleanup();
    }
  }, 120_000);
});

describe("build: a plugin author's own hooks and plugin name", () => {
  test("generated entry, bin/<plugin> launcher, hooks.json from their definitions, and the hook answers", async () => {
    const dir = mkdtempSync(join(REPO, "dist", "author-"));
    try {
      mkdirSync(join(dir, "hooks"), { recursive: true });
      const runtime = JSON.stringify(join(REPO, "src", "runtime", "index.ts"));
      writeFileSync(
        join(dir, "hooks", "no-rm.ts"),
        `import { answer, defineHook } from ${runtime};
export default defineHook({
  name: "no-rm", event: "PreToolUse", matcher: "Bash", timeout: 3,
  run: (input) => (String((input.tool_input as { command?: unknown }).command).includes("rm -rf") ? answer.deny("no rm -rf here") : undefined),
});\n`,
      );
      writeFileSync(join(dir, "hooks", "index.ts"), `export const hooks = { "no-rm": () => import("./no-rm.ts") };\n`);
      const built = await build({
        root: dir,
        hooks: "hooks/index.ts",
        pluginName: "Acme Guard",
        targets: ["host"],
        logger: quiet,
        writeRepoHooks: false,
      });
      const plugin = built.pluginDir;
      expect(await Bun.file(join(plugin, ".claude-plugin", "plugin.json")).json()).toMatchObject({ name: "Acme Guard" });
      const hooksJson = await Bun.file(join(plugin, "hooks", "hooks.json")).json();
      expect(hooksJson.hooks.PreToolUse).toEqual([
        { matcher: "Bash", hooks: [{ type: "command", command: shellCommand("acme-guard", "no-rm"), timeout: 3 }] },
      ]);
      const event = { session_id: "s", transcript_path: "/t", cwd: dir, hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "rm -rf /" }, tool_use_id: "t1" };
      const run = await spawnHook(["/bin/sh", "-c", hooksJson.hooks.PreToolUse[0].hooks[0].command], event, {
        env: { PATH: process.env.PATH ?? "", HOME: dir, CLAUDE_PLUGIN_ROOT: plugin },
        cwd: dir,
      });
      expect(run.output?.hookSpecificOutput).toMatchObject({ permissionDecision: "deny", permissionDecisionReason: "no rm -rf here" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
