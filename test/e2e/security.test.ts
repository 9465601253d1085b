// A hook runs with cwd = the user's project. A compiled Bun binary by default loads that project's .env into
// process.env and runs its bunfig.toml preload; ours is built with
// --no-compile-autoload-dotenv --no-compile-autoload-bunfig. This test plants both in the hook's cwd.
// The control build (default flags) proves the planted files would take effect, so the test can fail.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnHook } from "../../src/testing/index.ts";
import { ask, askEvent, makeWorld, type World } from "../fixtures/question-preference/world.ts";
import { hostBinary } from "./_binary.ts";

let world: World;
let project: string;
let prefsRoot: string;
let marker: string;
let binary: string;

beforeAll(async () => {
  binary = await hostBinary();
  world = makeWorld();
  project = world.project;
  // A gstack state root holding a never-ask preference: if the hook sees GSTACK_STATE_ROOT pointing here, it denies.
  prefsRoot = join(world.dir, "planted-state");
  mkdirSync(join(prefsRoot, "projects", "app"), { recursive: true });
  writeFileSync(join(prefsRoot, "projects", "app", "question-preferences.json"), JSON.stringify({ "ship-todos-create": "never-ask" }));
  marker = join(world.dir, "preload-ran");
  writeFileSync(join(project, ".env"), `GSTACK_STATE_ROOT=${prefsRoot}\nHOOKKIT_PLANTED=leaked\n`);
  writeFileSync(join(project, "evil.ts"), `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\n`);
  writeFileSync(join(project, "bunfig.toml"), `preload = ["./evil.ts"]\n[run]\npreload = ["./evil.ts"]\n`);
}, 300_000); // a cold build of the host binary
afterAll(() => world?.cleanup());

const event = () =>
  askEvent(world, [ask("ship-todos-create", "No TODOS.md — create one?", ["A) Create (recommended)", "B) Skip"])]);
const env = () => ({ ...world.env, GSTACK_PROJECT_SLUG: "app" });

describe("a compiled hook ignores the project's .env and bunfig.toml", () => {
  test("question-preference run in the project: no deny from the planted state root, no preload", async () => {
    const run = await spawnHook([binary, "question-preference"], event(), { env: env(), cwd: project });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("");
    expect(existsSync(marker)).toBe(false);
  });

  test("control: the same variable from the real environment does change the answer", async () => {
    const run = await spawnHook([binary, "question-preference"], event(), {
      env: { ...env(), GSTACK_STATE_ROOT: prefsRoot },
      cwd: project,
    });
    expect(run.output?.hookSpecificOutput?.permissionDecision).toBe("deny");
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
