// The CLI inside the compiled multi-call binary: help, doctor and install work with no Bun around,
// and default to the plugin bundle the binary sits in.
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnHook } from "../../src/testing/index.ts";
import { hostBuild } from "../e2e/_binary.ts";
import { sandbox, type Sandbox } from "./_cli.ts";

const run = (box: Sandbox, argv: string[]) =>
  spawnHook(argv, "", { cwd: box.cwd, env: box.env, timeoutMs: 60_000 });

test("compiled: --help, doctor and install/uninstall of its own bundle", async () => {
  const { binary, pluginDir } = await hostBuild();
  const box = sandbox();
  const help = await run(box, [binary, "--help"]);
  expect(help.exitCode).toBe(0);
  expect(help.stdout).toMatch(/question-preference\s+PreToolUse/);

  // the bundle's own copy of the binary finds its bundle without --plugin
  const own = join(pluginDir, "bin", binary.split("/").at(-1)!);
  const doctor = await run(box, [own, "doctor", "--no-run"]);
  expect(doctor.stderr).toContain("all good");
  expect(doctor.exitCode).toBe(0);

  expect((await run(box, [own, "install"])).exitCode).toBe(0);
  const settings = JSON.parse(readFileSync(join(box.home, ".claude", "settings.json"), "utf8"));
  expect(JSON.stringify(settings.hooks.PreToolUse[0].hooks[0].command)).toContain(`${pluginDir}/bin/hookkit`);
  expect((await run(box, [own, "uninstall"])).exitCode).toBe(0);
  // the file did not exist before install; what is left holds no settings at all
  expect(readFileSync(join(box.home, ".claude", "settings.json"), "utf8")).toBe("{}\n");
}, 300_000);
