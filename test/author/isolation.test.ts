// hookkit's own tests do not depend on which hooks exist anywhere: an author's project inside the
// repository tree gains three hooks, and the toolkit's tests that list, run, build and bundle hooks still
// pass, unchanged, in a separate `bun test` run.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnHook } from "../../src/testing/index.ts";

const REPO = resolve(import.meta.dir, "..", "..");
mkdirSync(join(REPO, ".tmp"), { recursive: true });
const project = mkdtempSync(join(REPO, ".tmp", "author-project-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const AFFECTED = ["test/cli/commands.test.ts", "test/cli/binary.test.ts", "src/hosts/claude/hooks-json.test.ts", "test/e2e/build.test.ts"];

test("an author project adding hooks leaves hookkit's own tests passing", async () => {
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "extra-hooks", private: true, hookkit: { hooks: {} } }));
  const env = { ...process.env, NO_COLOR: "1", HOOKKIT_STATE_DIR: join(project, ".state") };
  for (const [name, event] of [["one", "PreToolUse"], ["two", "Stop"], ["three", "SessionStart"]] as const) {
    const made = await spawnHook([process.execPath, join(REPO, "src", "main.ts"), "new", name, "--event", event], "", { cwd: project, env, timeoutMs: 60_000 });
    expect(made.exitCode).toBe(0);
  }
  const suite = await spawnHook([process.execPath, "test", "--timeout", "60000", ...AFFECTED], "", { cwd: REPO, env, timeoutMs: 600_000 });
  const summary = suite.stderr.match(/^\s*(\d+) pass\s*$[\s\S]*?^\s*(\d+) fail\s*$/m);
  expect(suite.stderr).not.toMatch(/^\(fail\)/m);
  expect(Number(summary?.[1])).toBeGreaterThan(10);
  expect(Number(summary?.[2])).toBe(0);
  expect(suite.exitCode).toBe(0);
}, 620_000);
