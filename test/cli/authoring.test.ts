// The authoring loop in an author's project (the sandbox's, with hookkit linked in as its dependency),
// each step a real subprocess: new → its scaffolded test passes → run → build (host) → doctor green →
// install → uninstall. test/author/ runs the same loop from an npm-packed hookkit with only Node and npm.
import { expect, test } from "bun:test";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { spawnHook } from "../../src/testing/index.ts";
import { cli, REPO, sandbox, write } from "./_cli.ts";

test("new → bun test → run → build → doctor → install/uninstall", async () => {
  const box = sandbox();
  mkdirSync(join(box.cwd, "node_modules"));
  symlinkSync(REPO, join(box.cwd, "node_modules", "hookkit")); // `import … from "hookkit"` resolves here
  const configBefore = JSON.parse(readFileSync(join(box.cwd, "package.json"), "utf8"));

  const made = await cli(box, ["new", "block-rm", "--event", "PreToolUse", "--matcher", "Bash"]);
  expect(made.exitCode).toBe(0);
  const config = JSON.parse(readFileSync(join(box.cwd, "package.json"), "utf8"));
  // exactly one hook added, the rest of package.json intact
  expect(config.hookkit.hooks).toEqual({ ...configBefore.hookkit.hooks, "block-rm": "src/hooks/block-rm.ts" });
  expect({ ...config, hookkit: { ...config.hookkit, hooks: configBefore.hookkit.hooks } }).toEqual(configBefore);

  const tested = await spawnHook([process.execPath, "test", "src/hooks/block-rm.test.ts"], "", { cwd: box.cwd, env: box.env, timeoutMs: 60_000 });
  expect(tested.exitCode).toBe(0);
  expect(tested.stderr).toMatch(/2 pass/);

  const ran = await cli(box, ["run", "block-rm", "--tool", "Bash", "--set", "tool_input.command=rm -rf /"]);
  expect(ran.exitCode).toBe(0);
  expect(ran.stderr).toContain("deny: refusing to delete the filesystem root");

  const built = await cli(box, ["build", "--target", "host"], { timeoutMs: 110_000 });
  expect(built.exitCode).toBe(0);
  const hooksJson = JSON.parse(readFileSync(join(box.cwd, "dist", "plugin", "hooks", "hooks.json"), "utf8"));
  expect(JSON.stringify(hooksJson.hooks.PreToolUse)).toContain("block-rm");

  const doctor = await cli(box, ["doctor"], { timeoutMs: 110_000 });
  expect(doctor.stderr).toContain("all good");
  expect(doctor.stderr).toMatch(/ok\s+binary/);
  expect(doctor.stderr).toMatch(/ok\s+block-rm \(PreToolUse\[\d\]\) answers/);
  expect(doctor.exitCode).toBe(0);

  const settings = write(join(box.home, ".claude", "settings.json"), '{\n  "model": "opus"\n}\n');
  expect((await cli(box, ["install"])).exitCode).toBe(0);
  const installed = JSON.parse(readFileSync(settings, "utf8"));
  expect(installed.hooks.PreToolUse.map((g: { hookkit: string }) => g.hookkit)).toEqual(["fixture-plugin", "fixture-plugin"]);
  const viaSettings = await cli(box, ["doctor", "--settings", settings, "--no-run"]);
  expect(viaSettings.exitCode).toBe(0);
  expect((await cli(box, ["uninstall"])).exitCode).toBe(0);
  expect(readFileSync(settings, "utf8")).toBe('{\n  "model": "opus"\n}\n');
}, 300_000);
