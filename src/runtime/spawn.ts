// End-to-end runs: a real child process with piped stdin and stdout, as Claude Code runs hooks.
import { parseLines, type HookRun } from "./invoke.ts";
import { childEnv, killProcessGroup } from "../base/process.ts";
import type { Env } from "./types.ts";

export interface SpawnOptions {
  env?: Env;
  cwd?: string;
  /** Kill the child after this long (default 30 s); `timedOut` tells whether that happened. */
  timeoutMs?: number;
  /** Leave stdin open after writing the input (to exercise the stdin deadline). */
  keepStdinOpen?: boolean;
}

export interface SpawnRun extends HookRun {
  ms: number;
  timedOut: boolean;
  signal: string | null;
}

export async function spawnHook(command: readonly string[], input: string | Uint8Array | object = "", options: SpawnOptions = {}): Promise<SpawnRun> {
  const data = typeof input === "string" || input instanceof Uint8Array ? input : `${JSON.stringify(input)}\n`;
  const started = performance.now();
  const child = Bun.spawn([...command], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
    // Unset (undefined) entries are dropped, so callers can pass `{ ...env, X: undefined }`.
    env: childEnv(options.env),
    cwd: options.cwd,
    // Its own process group, so a timeout also kills grandchildren (a hook's `sh -c …`), which
    // would otherwise hold the pipes open and keep this call waiting.
    detached: process.platform !== "win32",
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killProcessGroup(child.pid, () => child.kill("SIGKILL"));
  }, options.timeoutMs ?? 30_000);
  const stdoutP = new Response(child.stdout).text();
  const stderrP = new Response(child.stderr).text();
  try {
    if (data.length > 0) child.stdin.write(data);
    await child.stdin.flush();
    if (!options.keepStdinOpen) await child.stdin.end();
  } catch {
    // The child may exit (or close stdin) before reading everything: that is its answer.
  }
  const exitCode = await child.exited;
  clearTimeout(timer);
  if (options.keepStdinOpen) {
    try {
      await child.stdin.end();
    } catch {}
  }
  const [stdout, stderr] = await Promise.all([stdoutP, stderrP]);
  return { exitCode, stdout, stderr, ...parseLines(stdout), ms: performance.now() - started, timedOut, signal: child.signalCode === null ? null : String(child.signalCode) };
}
