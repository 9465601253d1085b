// The authoring loop on a temp copy of the project, each step a real subprocess:
// new → its scaffolded test passes → build (host) → doctor green → install → uninstall.
import { expect, test } from "bun:test";
import { cpSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { spawnHook } from "../../src/testing/index.ts";
import { cli, REPO, sandbox, tempDir, write } from "./_cli.ts";

test("new → bun test → build → doctor → install/uninstall", async () => {
  const box = sandbox();
  for (const entry of ["package.json", "tsconfig.json", "bunfig.toml", "build.ts", "src", "hooks"])
    cpSync(join(REPO, entry), join(box.cwd, entry), { recursive: true });
  symlinkSync(join(REPO, "node_modules"), join(box.cwd, "node_modules"));
  // every command runs the copy's own entry, so it sees the hook `new` registers there
  const main = join(box.cwd, "src", "main.ts");
  const hookkit = (args: string[], options: Parameters<typeof cli>[2] = {}) => cli(box, args, { ...options, main });
  const registryBefore = readFileSync(join(box.cwd, "src", "hooks", "index.ts"), "utf8");

  const made = await hookkit(["new", "block-rm", "--event", "PreToolUse", "--matcher", "Bash"]);
  expect(made.exitCode).toBe(0);
  const registry = readFileSync(join(box.cwd, "src", "hooks", "index.ts"), "utf8");
  // exactly one line added, the rest of the file intact
  expect(registry.split("\n").filter((l) => !registryBefore.split("\n").includes(l))).toEqual([`  "block-rm": () => import("./block-rm.ts"),`]);

  const tested = await spawnHook([process.execPath, "test", "src/hooks/block-rm.test.ts"], "", { cwd: box.cwd, env: box.env, timeoutMs: 60_000 });
  expect(tested.exitCode).toBe(0);
  expect(tested.stderr).toMatch(/2 pass/);

  const ran = await hookkit(["run", "block-rm", "--tool", "Bash", "--set", "tool_input.command=rm -rf /"]);
  expect(ran.exitCode).toBe(0);
  expect(ran.stderr).toContain("deny: refusing to delete the filesystem root");

  const built = await hookkit(["build", "--target", "host"], { timeoutMs: 110_000 });
  expect(built.exitCode).toBe(0);
  const hooksJson = JSON.parse(readFileSync(join(box.cwd, "dist", "plugin", "hooks", "hooks.json"), "utf8"));
  expect(JSON.stringify(hooksJson.hooks.PreToolUse)).toContain("block-rm");

  // ensure-python builds a real venv on its sample event; an empty local index keeps pip off the network.
  const index = tempDir();
  const doctor = await hookkit(["doctor", "--plugin", "dist/plugin"], {
    env: { ENSURE_PYTHON_PIP_ARGS: `--no-index --find-links=${index}` },
    timeoutMs: 110_000,
  });
  expect(doctor.stderr).toContain("all good");
  expect(doctor.stderr).toMatch(/ok\s+binary/);
  expect(doctor.exitCode).toBe(0);

  const settings = write(join(box.home, ".claude", "settings.json"), '{\n  "model": "opus"\n}\n');
  expect((await hookkit(["install", "--plugin", "dist/plugin"])).exitCode).toBe(0);
  const installed = JSON.parse(readFileSync(settings, "utf8"));
  expect(installed.hooks.PreToolUse.map((g: { hookkit: string }) => g.hookkit)).toEqual(["hookkit", "hookkit"]);
  const viaSettings = await hookkit(["doctor", "--settings", settings, "--no-run"]);
  expect(viaSettings.exitCode).toBe(0);
  expect((await hookkit(["uninstall"])).exitCode).toBe(0);
  expect(readFileSync(settings, "utf8")).toBe('{\n  "model": "opus"\n}\n');
}, 300_000);
