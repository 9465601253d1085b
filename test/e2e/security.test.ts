// A hook runs with cwd = the user's project. A compiled Bun binary by default loads that project's .env into
// process.env and runs its bunfig.toml preload; ours is built with
// --no-compile-autoload-dotenv --no-compile-autoload-bunfig. This test plants both in the hook's cwd.
// The control build (default flags) proves the planted files would take effect, so the test can fail.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProject, fixtures, spawnHook } from "../../src/testing/index.ts";

// An author's project (test/fixtures/project); its session-note hook reports FIXTURE_NOTE from its env.
const PROJECT = join(import.meta.dir, "..", "fixtures", "project");
let dir: string;
let project: string;
let marker: string;
let binary: string;

beforeAll(async () => {
  binary = (await buildProject(PROJECT)).binary;
  dir = mkdtempSync(join(tmpdir(), "hookkit-security-"));
  project = join(dir, "user-project");
  mkdirSync(project);
  marker = join(dir, "preload-ran");
  writeFileSync(join(project, ".env"), "FIXTURE_NOTE=leaked\nHOOKKIT_PLANTED=leaked\n");
  writeFileSync(join(project, "evil.ts"), `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\n`);
  writeFileSync(join(project, "bunfig.toml"), `preload = ["./evil.ts"]\n[run]\npreload = ["./evil.ts"]\n`);
}, 300_000); // a cold build of the host binary
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({ PATH: process.env.PATH ?? "", HOME: dir, HOOKKIT_STATE_DIR: join(dir, "state") });
const context = (stdout: string) => JSON.parse(stdout).hookSpecificOutput.additionalContext;

describe("a compiled hook ignores the project's .env and bunfig.toml", () => {
  test("a hook run in the project: nothing from the planted .env, no preload", async () => {
    const run = await spawnHook([binary, "session-note"], fixtures.sessionStart({ cwd: project }), { env: env(), cwd: project });
    expect(run.exitCode).toBe(0);
    expect(context(run.stdout)).toBe("fixture note");
    expect(existsSync(marker)).toBe(false);
  });

  test("control: the same variable from the real environment does change the answer", async () => {
    const run = await spawnHook([binary, "session-note"], fixtures.sessionStart({ cwd: project }), { env: { ...env(), FIXTURE_NOTE: "leaked" }, cwd: project });
    expect(context(run.stdout)).toBe("fixture note: leaked");
  });

  test("control: a binary built without the two flags does load the .env and run the preload", async () => {
    const dir = mkdtempSync(join(tmpdir(), "autoload-"));
    try {
      writeFileSync(join(dir, "probe.ts"), `console.log(process.env.HOOKKIT_PLANTED ?? "clean");\n`);
      const out = join(dir, "probe");
      const built = Bun.spawnSync([process.execPath, "build", "--compile", join(dir, "probe.ts"), "--outfile", out], { cwd: dir });
      expect(built.exitCode).toBe(0);
      const run = await spawnHook([out], "", { env: { PATH: process.env.PATH ?? "" }, cwd: project });
      expect(run.stdout.trim()).toBe("leaked");
      expect(existsSync(marker)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(marker, { force: true });
    }
  }, 60_000);
});
