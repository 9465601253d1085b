// The build lock: `<state>/<venv>.building`, beside the venv, never inside it (`venv --clear`
// wipes the folder). Created with O_EXCL so only one of several racing runs builds; removed
// only by its creator. Like the seed, a sentinel older than 5 minutes is stale. Ours also
// records `<pid> <host>`, so a run on the same host whose builder was SIGKILLed recovers at
// once instead of waiting out the 5 minutes. An empty sentinel (the Python original's) falls
// back to the age rule alone.
// node:fs and node:os load on first use (base/lazy.ts); node:os only when a sentinel exists.
import { nodeFs as fs, nodeOs } from "../../base/lazy.ts";
import { exists } from "../../base/stat.ts";

const hostname = (): string => nodeOs().hostname();

export const SENTINEL_STALE_MS = 300_000;

export type SentinelCheck =
  /** No sentinel, or a stale one that was removed: go on. */
  | "clear"
  /** Someone is building (or the stale one could not be removed): SKIP_SENTINEL. */
  | "busy";

function ownerIsDead(path: string): boolean {
  let text: string;
  try {
    text = fs().readFileSync(path, "utf8");
  } catch {
    return false;
  }
  const m = /^(\d+) (\S+)/.exec(text);
  if (!m || m[2] !== hostname()) return false;
  const pid = Number(m[1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // EPERM: alive but not ours. Only ESRCH proves the builder is gone.
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export function checkSentinel(path: string, nowMs: number, staleMs = SENTINEL_STALE_MS): SentinelCheck {
  // The common case, no build under way, is answered by a native stat without loading node:fs
  // (docs/startup-costs.md). A dangling symlink reads as absent here: the build path's
  // O_EXCL create still refuses it.
  if (!exists(path)) return "clear";
  const { lstatSync, unlinkSync } = fs();
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return "clear";
  }
  if (nowMs - st.mtimeMs < staleMs && !ownerIsDead(path)) return "busy";
  try {
    // Narrow the race with a run that replaced the stale file meanwhile: unlink only the same inode.
    if (lstatSync(path).ino !== st.ino) return "busy";
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") return "busy";
  }
  return "clear";
}

/** Create the sentinel atomically; false when another run holds it. Other errors throw. */
export function acquireSentinel(path: string): boolean {
  const { closeSync, openSync, writeSync } = fs();
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    writeSync(fd, `${process.pid} ${hostname()}\n`);
  } catch (e) {
    // A full disk fails the write after the create: an empty sentinel we do not own would read as
    // "someone is building" for 5 minutes (found by test/reliability/crash-recovery.test.ts).
    closeSync(fd);
    releaseSentinel(path);
    throw e;
  }
  closeSync(fd);
  return true;
}

export function releaseSentinel(path: string): void {
  try {
    fs().unlinkSync(path);
  } catch {
    // already gone
  }
}
