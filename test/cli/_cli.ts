// Drives the CLI as a real subprocess (`bun run src/main.ts <args>`) in a temp directory with a temp
// HOME, state dir and Claude config, so no test reads or writes the machine's real settings.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll } from "bun:test";
import { spawnHook, type SpawnRun } from "../../src/testing/index.ts";

export const REPO = resolve(import.meta.dir, "..", "..");
export const MAIN = join(REPO, "src", "main.ts");

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = "hookkit-cli-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export const FIXTURE_PROJECT = join(REPO, "test", "fixtures", "project");

/**
 * An author's project config whose hooks are the fixture project's (test/fixtures/project): what the CLI
 * lists, runs and builds in a sandbox. hookkit's own tests never depend on the example plugins.
 */
export function fixtureConfig(extra: Record<string, unknown> = {}): string {
  const hooks = { "deny-rm": join(FIXTURE_PROJECT, "src", "hooks", "deny-rm.ts"), "session-note": join(FIXTURE_PROJECT, "src", "hooks", "session-note.ts") };
  return `${JSON.stringify({ name: "fixture-plugin", version: "1.0.0", private: true, hookkit: { name: "fixture-plugin", hooks }, ...extra }, null, 2)}\n`;
}

/** A sandbox: cwd (a project with the fixture hooks), HOME and state dir, each a fresh temp dir. */
export function sandbox(options: { project?: boolean } = {}) {
  const root = tempDir();
  const cwd = join(root, "project");
  const home = join(root, "home");
  const state = join(root, "state");
  for (const dir of [cwd, home, state]) mkdirSync(dir, { recursive: true });
  if (options.project ?? true) writeFileSync(join(cwd, "package.json"), fixtureConfig());
  const env: Record<string, string | undefined> = {
    ...process.env,
    HOME: home,
    HOOKKIT_STATE_DIR: state,
    CLAUDE_CONFIG_DIR: undefined,
    HOOKKIT_RECORD: undefined,
    XDG_STATE_HOME: undefined,
    NO_COLOR: "1",
  };
  return { root, cwd, home, state, env };
}

export type Sandbox = ReturnType<typeof sandbox>;

type CliOptions = { stdin?: string; env?: Record<string, string | undefined>; timeoutMs?: number; main?: string };

/** `bun run <main> ...args` in the sandbox; `main` defaults to this repository's src/main.ts. */
export function cli(box: Pick<Sandbox, "cwd" | "env">, args: string[], options: CliOptions = {}): Promise<SpawnRun> {
  const env = { ...box.env, ...options.env };
  return spawnHook([process.execPath, "run", options.main ?? MAIN, ...args], options.stdin ?? "", { cwd: box.cwd, env, timeoutMs: options.timeoutMs ?? 60_000 });
}

export function write(file: string, text: string): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
