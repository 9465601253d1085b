// Synchronous, native file facts without node:fs. `Bun.file(p).size` and `.lastModified` stat the
// path on the spot; importing node:fs for a statSync, or awaiting Bun.file(p).stat() (Bun's thread
// pool), costs a hook's start more (docs/startup-costs.md).
// Bun reports a missing path as size 0 with lastModified 2^52 - 1; src/kit/stat.test.ts pins that, so
// a Bun upgrade that changes it fails a test rather than every cache key.
const MISSING = 2 ** 52 - 1;

export interface QuickStat {
  /** Bytes; -1 where Bun gives no size (a directory on Windows: Infinity there, 4096 on Linux). */
  size: number;
  /** Whole milliseconds (Bun truncates the sub-millisecond part). */
  mtimeMs: number;
}

/** Size and mtime of `path` (following symlinks), or undefined when nothing is there. */
export function quickStat(path: string): QuickStat | undefined {
  // Paths built from the input can hold a NUL byte or be too long for the OS: both throw here
  // (ENAMETOOLONG from the stat itself), and both mean "nothing usable there".
  try {
    const file = Bun.file(path);
    const mtimeMs = file.lastModified;
    if (mtimeMs === MISSING) return undefined;
    // Infinity would not survive a JSON round trip (it comes back as null), so a stored record of a
    // directory would never match a fresh one: ensure-python's warm path never held on Windows.
    const size = file.size;
    return { size: Number.isFinite(size) ? size : -1, mtimeMs };
  } catch {
    return undefined;
  }
}

/** Whether anything (file or directory) is at `path`, like existsSync (which is also false for an unusable path). */
export function exists(path: string): boolean {
  return quickStat(path) !== undefined;
}

const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The file as text, like readFileSync(path, "utf8") (a BOM is kept, as there: Bun.file(p).text()
 * would drop it), without node:fs; undefined when it is missing or unreadable. Checking first
 * keeps the common miss free of a rejected promise (an Error with a stack, dear at start-up).
 */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  if (!exists(path)) return undefined;
  try {
    return UTF8.decode(await Bun.file(path).bytes());
  } catch {
    return undefined;
  }
}
