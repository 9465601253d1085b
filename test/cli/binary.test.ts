// The CLI inside a project's compiled multi-call binary: help (the project's hooks only), doctor and
// install work with no Bun around, and default to the plugin bundle the binary sits in.
import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { hostTarget } from "../../src/build/targets.ts";
import { buildProject, spawnHook } from "../../src/testing/index.ts";
import { FIXTURE_PROJECT, sandbox, type Sandbox } from "./_cli.ts";

const run = (box: Sandbox, argv: string[]) =>
  spawnHook(argv, "", { cwd: box.cwd, env: box.env, timeoutMs: 60_000 });

test("compiled: --help, --version, doctor and install/uninstall of its own bundle", async () => {
  const { pluginDir } = await buildProject(FIXTURE_PROJECT);
  const box = sandbox({ project: false });
  const own = join(pluginDir, "bin", readdirSync(join(pluginDir, "bin")).find((n) => n.endsWith(`-${hostTarget().name}`))!);
  const help = await run(box, [own, "--help"]);
  expect(help.exitCode).toBe(0);
  expect(help.stdout).toMatch(/deny-rm\s+PreToolUse/);
  expect(help.stdout).toMatch(/session-note\s+SessionStart/);
  expect((await run(box, [own, "--version"])).stdout.trim()).toBe("1.0.0"); // the plugin's version

  // the bundle's own copy of the binary finds its bundle without --plugin
  const doctor = await run(box, [own, "doctor", "--no-run"]);
  expect(doctor.stderr).toContain("all good");
  expect(doctor.exitCode).toBe(0);

  expect((await run(box, [own, "install"])).exitCode).toBe(0);
  const settings = JSON.parse(readFileSync(join(box.home, ".claude", "settings.json"), "utf8"));
  expect(JSON.stringify(settings.hooks.PreToolUse[0].hooks[0].command)).toContain(`${pluginDir}/bin/fixture-plugin`);
  expect((await run(box, [own, "uninstall"])).exitCode).toBe(0);
  // the file did not exist before install; what is left holds no settings at all
  expect(readFileSync(join(box.home, ".claude", "settings.json"), "utf8")).toBe("{}\n");
}, 300_000);
