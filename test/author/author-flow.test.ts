// An author's first hour, on a machine with only Node.js and npm: hookkit comes from `npm pack` of this
// repository (standing in for the registry), and every step runs as the author types it, with no Bun on
// PATH. npm's install scripts are off (npm_config_ignore_scripts), as an install-script policy may set
// them: the bun package's postinstall never runs, and hookkit's launcher must set Bun up itself.
// Dependencies come from the npm cache the repository's own install filled (--prefer-offline).
import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { spawnHook, type SpawnRun } from "../../src/testing/index.ts";
import { offline } from "../hosts/_offline.ts";
import { claudeBinary } from "../hosts/claude/_session.ts";

const REPO = resolve(import.meta.dir, "..", "..");
const work = mkdtempSync(join(tmpdir(), "hookkit-author-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** PATH without any directory that holds a `bun`: only node and npm (and the system's tools) remain. */
function pathWithoutBun(): string {
  return (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir && !existsSync(join(dir, "bun")) && !existsSync(join(dir, "bun.exe")))
    .join(delimiter);
}

function authorEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  // Nothing of the test runner's own npm or Bun context leaks in (npm_*, BUN_*).
  for (const [key, value] of Object.entries(process.env)) if (!/^(npm_|BUN_|HOOKKIT_)/i.test(key)) env[key] = value;
  return {
    ...env,
    PATH: pathWithoutBun(),
    NO_COLOR: "1",
    npm_config_prefer_offline: "true",
    npm_config_ignore_scripts: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    HOOKKIT_STATE_DIR: join(work, "state"),
  };
}

const times: [string, number][] = [];

async function step(label: string, argv: string[], cwd: string, stdin = ""): Promise<SpawnRun> {
  const run = await spawnHook(argv, stdin, { cwd, env: authorEnv(), timeoutMs: 240_000 });
  times.push([label, run.ms]);
  if (run.exitCode !== 0) throw new Error(`${label} failed (exit ${run.exitCode}${run.timedOut ? ", timed out" : ""}):\n${run.stdout}\n${run.stderr}`);
  return run;
}

test("npm pack → npx <tarball> init → npm test → new → npm test → build → doctor → a hook from source, no Bun on PATH", async () => {
  const which = Bun.spawnSync(["sh", "-c", "command -v bun || echo none"], { env: { PATH: pathWithoutBun() } });
  expect(which.stdout.toString().trim()).toBe("none");

  const packed = await step("npm pack", ["npm", "pack", "--pack-destination", work], REPO);
  const tarball = join(work, packed.stdout.trim().split("\n").at(-1)!);
  const packedFiles = Bun.spawnSync(["tar", "-tzf", tarball]).stdout.toString().split("\n").filter(Boolean);
  expect(packedFiles.filter((f) => /\.test\.ts$|^package\/(test|bench|plugins)\//.test(f))).toEqual([]); // no tests, no bench, no examples
  expect(packedFiles).toContain("package/bin/hookkit.mjs");

  const empty = join(work, "empty");
  mkdirSync(empty);
  await step("npx <tarball> init app", ["npx", "--yes", `file:${tarball}`, "init", "app"], empty);
  const app = join(empty, "app");
  expect(JSON.parse(readFileSync(join(app, "package.json"), "utf8")).dependencies.hookkit).toBe(`file:${tarball}`);
  // npm skipped bun's postinstall: its bun.exe is still the placeholder until hookkit's launcher runs
  expect(statSync(join(app, "node_modules", "bun", "bin", "bun.exe")).size).toBeLessThan(100_000);
  const first = await step("npm test", ["npm", "test"], app);
  expect(first.stdout + first.stderr).toMatch(/4 pass/);
  expect(statSync(join(app, "node_modules", "bun", "bin", "bun.exe")).size).toBeGreaterThan(1_000_000);

  await step("npx hookkit new guard", ["npx", "hookkit", "new", "guard", "--event", "PreToolUse", "--matcher", "Bash"], app);
  const second = await step("npm test (2 hooks)", ["npm", "test"], app);
  expect(second.stdout + second.stderr).toMatch(/6 pass/);

  // One target: every other platform's Bun would come from the network.
  await step("npx hookkit build --target host", ["npx", "hookkit", "build", "--target", "host"], app);
  const plugin = join(app, "dist", "plugin");
  const hooksJson = readFileSync(join(plugin, "hooks", "hooks.json"), "utf8");
  const commands = Object.values(JSON.parse(hooksJson).hooks as Record<string, { hooks: { command: string }[] }[]>).flatMap((g) => g.flatMap((x) => x.hooks.map((h) => h.command.split(" ").at(-1))));
  expect(commands.sort()).toEqual(["guard", "no-force-push"]); // only the project's hooks
  expect(JSON.parse(readFileSync(join(app, "dist", "manifest.json"), "utf8")).hooks.sort()).toEqual(["guard", "no-force-push"]);
  expect(JSON.parse(readFileSync(join(plugin, ".claude-plugin", "plugin.json"), "utf8")).name).toBe("app");
  expect(readdirSync(join(plugin, "bin")).filter((f) => !f.startsWith("app"))).toEqual([]);

  const doctor = await step("npx hookkit doctor", ["npx", "hookkit", "doctor"], app);
  expect(doctor.stderr).toContain("all good");
  expect(doctor.stderr).toMatch(/ok\s+guard \(PreToolUse\[\d\]\) answers/);
  expect(doctor.stderr).not.toMatch(/question-preference|ensure-python/);
  const help = await step("npx hookkit --help", ["npx", "hookkit", "--help"], app);
  expect(help.stdout).toMatch(/HOOKS of app v0\.1\.0/);
  expect(help.stdout).not.toMatch(/question-preference|ensure-python/);

  // A release from the project's own config (no --hooks): the thin plugin lists the project's hooks only.
  await step("npx hookkit release --from-build dist", ["npx", "hookkit", "release", "--from-build", "dist", "--base-url", "http://127.0.0.1:9/assets", "--level", "1"], app);
  const thin = JSON.parse(readFileSync(join(app, "release", "manifest.json"), "utf8"));
  expect(JSON.stringify(thin)).toContain("no-force-push");
  expect(JSON.stringify(thin)).not.toMatch(/question-preference|ensure-python/);

  const event = await step("npx hookkit run --sample", ["npx", "hookkit", "run", "--sample", "PreToolUse", "--tool", "Bash", "--set", "tool_input.command=rm -rf /"], app);
  writeFileSync(join(app, "event.json"), event.stdout);
  const fromSource = await step("npx bun run src/hooks/guard.ts < event.json", ["npx", "bun", "run", "src/hooks/guard.ts"], app, event.stdout);
  expect(JSON.parse(fromSource.stdout).hookSpecificOutput).toMatchObject({ hookEventName: "PreToolUse", permissionDecision: "deny" });

  // A demanding author makes both hooks mod-capable: the same source still imports "hookkit" by name, but
  // not the process run loop, and has no `import.meta.main` line. The build then writes the mod, whose copy
  // imports hookkit's mod-safe entry from the project's own node_modules by a relative path.
  const before = await step("npx hookkit build --target host (the scaffolded hooks)", ["npx", "hookkit", "build", "--target", "host"], app);
  expect(before.stderr).toMatch(/mod: guard: not mod-capable: src\/hooks\/guard\.ts:2 imports runHookMain from "hookkit", which a mod does not have/);
  expect(existsSync(join(app, "dist", "mod"))).toBe(false);
  for (const hook of ["guard", "no-force-push"]) {
    const file = join(app, "src", "hooks", `${hook}.ts`);
    const text = readFileSync(file, "utf8");
    const capable = text.replace(", runHookMain", "").replace(/\n\/\/ [^\n]*\nif \(import\.meta\.main\)[^\n]*\n/, "\n");
    expect(capable).not.toContain("import.meta");
    writeFileSync(file, capable);
  }
  const modBuild = await step("npx hookkit build --target host (mod-capable hooks)", ["npx", "hookkit", "build", "--target", "host"], app);
  expect(modBuild.stderr).toMatch(/mod: guard: mod-capable, on classic\.PreToolUse/);
  expect(modBuild.stderr).toMatch(/mod: no-force-push: mod-capable/);
  const copied = join(app, "dist", "mod", "hooks", "lib", "src", "hooks", "guard.ts");
  const specifier = /from "([^"]+)"/.exec(readFileSync(copied, "utf8"))?.[1];
  expect(specifier).toBe("../../node_modules/hookkit/src/runtime/authoring.ts");
  expect(existsSync(join(copied, "..", specifier!))).toBe(true);
  const claude = claudeBinary();
  if (claude) {
    // Claude Code's own check of the mod, offline: the relative import into node_modules is accepted.
    const validate = Bun.spawnSync(offline([claude, "plugin", "validate", join(app, "dist", "mod")]).argv, { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: join(work, "claude-home"), DISABLE_TELEMETRY: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_AUTOUPDATER: "1" }, timeout: 120_000 });
    const said = `${validate.stdout.toString()}${validate.stderr.toString()}`;
    expect({ code: validate.exitCode, passed: said.includes("Validation passed") }).toEqual({ code: 0, passed: true });
  }

  console.log(`author flow on Node ${Bun.spawnSync(["node", "--version"]).stdout.toString().trim()} + npm, no Bun on PATH:`);
  for (const [label, ms] of times) console.log(`  ${label.padEnd(48)} ${(ms / 1000).toFixed(1)} s`);
}, 900_000);
