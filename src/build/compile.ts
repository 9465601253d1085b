// One `bun build --compile` per target. Each flag is here for a measured reason (docs/design.md, "Compile flags"):
// - --minify --bytecode: no parse cost at startup; --bytecode needs --format=esm (CJS breaks top-level await).
// - --splitting: every lazily imported hook is its own embedded chunk, so a multi-call binary starts like a
//   single-hook one.
// - --no-compile-autoload-dotenv / --no-compile-autoload-bunfig: a hook runs with cwd = the user's project and
//   must not load its .env or run its bunfig.toml preload (security, tested in test/e2e/security.test.ts).
import { rename, rm } from "node:fs/promises";
import type { Target } from "./targets.ts";

export const COMPILE_FLAGS = [
  "--compile",
  "--minify",
  "--bytecode",
  "--format=esm",
  "--splitting",
  "--no-compile-autoload-dotenv",
  "--no-compile-autoload-bunfig",
] as const;

/** The Bun that builds: this process when it is `bun`; a compiled hookkit acts as `bun` with BUN_BE_BUN=1. */
export function bunCommand(): { cmd: string; env: Record<string, string | undefined> } {
  return {
    cmd: process.execPath,
    env: Bun.isStandaloneExecutable ? { ...process.env, BUN_BE_BUN: "1" } : { ...process.env },
  };
}

export interface CompileResult {
  ms: number;
}

/** Compiles `entry` for `target` to `outfile` (built under a temp name, then renamed, so a reader never sees half a file). */
export async function compileTarget(entry: string, target: Target, outfile: string, cwd: string): Promise<CompileResult> {
  const started = performance.now();
  // Bun appends .exe for Windows targets by itself; build to a name that already ends in it.
  const temp = `${outfile}.tmp-${process.pid}${target.os === "windows" ? ".exe" : ""}`;
  const { cmd, env } = bunCommand();
  const child = Bun.spawn([cmd, "build", ...COMPILE_FLAGS, `--target=${target.bunTarget}`, entry, "--outfile", temp], {
    cwd,
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0) {
    await rm(temp, { force: true });
    const detail = `${err}\n${out}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`bun build for ${target.name} failed (exit ${code}):\n${detail}`);
  }
  await rename(temp, outfile);
  return { ms: performance.now() - started };
}
