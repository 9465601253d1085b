// File primitives with the guarantees hooks need: a reader of a file we write never sees half
// of it (temp + rename), concurrent appenders never interleave (one O_APPEND write per line), and
// ids taken from the input never steer a path outside the state root.
// node:fs loads on the first write or read (base/lazy.ts): importing this module costs nothing.
import { assertConfined } from "../base/confine.ts";
import { nodeFs, nodePath } from "../base/lazy.ts";

let tempCounter = 0;

/**
 * Writes `data` to `path` atomically (temp file in the same directory, then rename). With `root`,
 * refuses (EACCES) when a symlink below the root would put the file outside it; a symlink at
 * `path` itself is harmless (the rename replaces the link, it never writes through it).
 */
export function atomicWrite(path: string, data: string | Uint8Array, mode?: number, root?: string): void {
  const { mkdirSync, renameSync, unlinkSync, writeFileSync } = nodeFs();
  const { dirname } = nodePath();
  assertConfined(root, dirname(path));
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.${tempCounter++}.tmp`;
  try {
    writeFileSync(temp, data, mode === undefined ? undefined : { mode });
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {}
    throw error;
  }
}

/**
 * Appends one line with a single O_APPEND write, creating the directory first. With `root`,
 * refuses (EACCES) when a symlink below the root (the file itself included) leads outside it.
 */
export function appendLine(path: string, line: string, root?: string): void {
  const { appendFileSync, mkdirSync } = nodeFs();
  const { dirname } = nodePath();
  assertConfined(root, path);
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, line.endsWith("\n") ? line : `${line}\n`);
}

/** Parsed JSON of a file, or undefined when it is missing, unreadable or not JSON. */
export function readJson<T = unknown>(path: string): T | undefined {
  try {
    return JSON.parse(nodeFs().readFileSync(path, "utf8")) as T;
  } catch {
    return undefined;
  }
}

// Lives in kit/paths (no node:fs), so hot paths can sanitize ids without loading the writers.
export { safeSegment } from "../base/paths.ts";

export { isInside } from "../base/confine.ts";
