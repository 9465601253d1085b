// Run a child process with a hard timeout and captured output. Never throws: a command that
// cannot start (ENOENT, EACCES) comes back as a result with `spawnError`, because hooks must
// report what went wrong rather than crash (security-guidance's interpreter probe had no timeout
// and hung SessionStart; one user found 46 orphaned shells).

import { childEnv, killProcessGroup } from "../base/process.ts";

export { childEnv, killProcessGroup };

export interface RunOptions {
  /** Kill the child (and, on POSIX, its whole process group) after this many ms. */
  timeoutMs: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface RunResult {
  /** True when the child started, exited on its own with code 0, and did not time out. */
  ok: boolean;
  /** Exit code, or null when killed by a signal or never started. */
  exitCode: number | null;
  /** Signal that ended the child (e.g. "SIGKILL"), if any. */
  signal: string | null;
  timedOut: boolean;
  /** Set when the command could not be started at all. */
  spawnError?: string;
  stdout: string;
  stderr: string;
  ms: number;
}

// After a kill, a grandchild that escaped the process group can hold the pipes open forever;
// stop waiting for output after this long.
const DRAIN_AFTER_KILL_MS = 300;

async function readAll(stream: ReadableStream<Uint8Array> | null | undefined): Promise<string> {
  if (!stream) return "";
  try {
    return await new Response(stream).text();
  } catch {
    return "";
  }
}

export async function runProcess(cmd: string[], opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const windows = process.platform === "win32";
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = Bun.spawn(cmd, {
      cwd: opts.cwd,
      env: childEnv(opts.env),
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
      detached: !windows,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return {
      ok: false,
      exitCode: null,
      signal: null,
      timedOut: false,
      spawnError: err?.code ?? err?.name ?? String(e),
      stdout: "",
      stderr: String(err?.message ?? e),
      ms: performance.now() - started,
    };
  }

  let timedOut = false;
  let exited = false;
  let fired: () => void = () => {};
  const deadline = new Promise<void>((resolve) => (fired = resolve));
  // The timer stays armed until the output is read: a background grandchild that keeps the
  // pipes open after the child exits is killed at the same deadline.
  const timer = setTimeout(() => {
    if (!exited) timedOut = true;
    killProcessGroup(proc.pid, () => proc.kill("SIGKILL"), windows);
    fired();
  }, Math.max(1, opts.timeoutMs));

  const drain = (p: Promise<string>) =>
    Promise.race([p, deadline.then(() => Bun.sleep(DRAIN_AFTER_KILL_MS)).then(() => "")]);
  const stdoutP = drain(readAll(proc.stdout as ReadableStream<Uint8Array>));
  const stderrP = drain(readAll(proc.stderr as ReadableStream<Uint8Array>));
  await proc.exited;
  exited = true;
  const [stdout, stderr] = await Promise.all([stdoutP, stderrP]);
  clearTimeout(timer);

  const exitCode = proc.exitCode;
  const signal = proc.signalCode ?? null;
  return {
    ok: !timedOut && exitCode === 0,
    exitCode: timedOut ? null : exitCode,
    signal: signal ? String(signal) : null,
    timedOut,
    stdout,
    stderr,
    ms: performance.now() - started,
  };
}
