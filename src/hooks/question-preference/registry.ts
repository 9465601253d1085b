/**
 * gstack's question registry (`<gstack root>/scripts/question-registry.ts`), read as text.
 *
 * Importing the TypeScript file would need a TS loader at hook time and would run code from
 * the gstack checkout; like the original hook we only scan it. The scan's result is cached in
 * sqlite keyed by the file's path, mtime (whole ms) and size, so an unchanged registry costs a
 * native stat and one SELECT (kit/cache's peekCache): no node:fs unless the registry changed.
 * A missing or unreadable registry is an empty one: every id is then screened by keywords.
 */
import { nodeFs as fs } from "../../base/lazy.ts";
import { quickStat } from "../../base/stat.ts";
import { describeError } from "../../base/errors.ts";

export type DoorType = "one-way" | "two-way";

export interface RegistryEntry {
  id: string;
  door_type: DoorType;
  signal_key?: string;
}

export type Registry = Record<string, RegistryEntry>;

/** The subset of the kit cache the registry needs. */
export interface KeyValueCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  close(): void;
}

/** Where the parse is cached: a cheap read for the common hit, the full cache for a miss. */
export interface RegistryCache {
  /** The stored value, read without opening the cache for writing (kit/cache peekCache); undefined when unsure. */
  peek(key: string): string | undefined;
  open(): KeyValueCache;
}

// The original hook reads entries with
//   /'([a-z0-9-]+)':\s*\{[^}]*?door_type:\s*'(one-way|two-way)'[^}]*?\}/g
// (53 entries, 12 one-way, 21 with a signal_key in gstack's registry). Run as a regex it retries
// every `'id': {` up to the next `}`: quadratic, 7 s for a 320 KB file of open blocks, past the
// hook's deadline with no way for its timer to fire. parseRegistry finds the same matches in one
// pass (test/reliability/registry-parse.test.ts checks it against the regex on random sources).
const START_RE = /'([a-z0-9-]+)':\s*\{/g;
const DOOR_RE = /door_type:\s*'(one-way|two-way)'/g;
const SIGNAL_KEY_RE = /signal_key:\s*'([a-z0-9-]+)'/;

export function parseRegistry(source: string): Registry {
  const registry: Registry = {};
  const doors = [...source.matchAll(DOOR_RE)].map((m) => ({ at: m.index!, type: m[1] as DoorType }));
  let door = 0;
  let close = -1;
  const start = new RegExp(START_RE);
  for (let m = start.exec(source); m; m = start.exec(source)) {
    const open = m.index + m[0].length;
    // A block ends at the first `}` after its `{` (no match spans a `}`); none left: no later start can match.
    if (close < open) close = source.indexOf("}", open);
    if (close < 0) break;
    while (door < doors.length && doors[door]!.at < open) door++;
    const d = doors[door];
    if (!d || d.at > close) {
      start.lastIndex = m.index + 1;
      continue;
    }
    const id = m[1]!;
    const signal_key = source.slice(m.index, close + 1).match(SIGNAL_KEY_RE)?.[1];
    registry[id] = signal_key ? { id, door_type: d.type, signal_key } : { id, door_type: d.type };
    start.lastIndex = close + 1;
  }
  return registry;
}

interface CachedParse {
  mtimeMs: number;
  size: number;
  registry: Registry;
}

/**
 * Load and parse the registry at `path`, using the cache when its stamp (mtime, size) matches:
 * first a peek, then, on a miss, the opened cache (which also stores the new parse). The cache is
 * used only when the registry exists. `onError` hears about unreadable files (missing is normal
 * and silent). A stamp is whole-ms mtime plus size: a same-millisecond, same-size rewrite would
 * be missed, the trade-off ensure-python's verdicts make too.
 */
export function loadRegistry(path: string, cache?: RegistryCache, onError?: (msg: string) => void): Registry {
  const stamp = quickStat(path);
  if (!stamp) return {};
  const key = `question-registry:${path}`;
  const peeked = cachedRegistry(cache?.peek(key), stamp);
  if (peeked) return peeked;
  let source: string;
  try {
    source = fs().readFileSync(path, "utf8");
  } catch (e) {
    // A folder at the path is not a registry either; only a real read failure is news.
    if ((e as NodeJS.ErrnoException).code !== "EISDIR") onError?.(`registry load failed: ${describeError(e)}`);
    return {};
  }
  const registry = parseRegistry(source);
  const opened = cache?.open();
  try {
    opened?.set(key, JSON.stringify({ ...stamp, registry } satisfies CachedParse));
  } finally {
    opened?.close();
  }
  return registry;
}

function cachedRegistry(raw: string | undefined, stamp: { mtimeMs: number; size: number }): Registry | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as CachedParse;
    if (parsed.mtimeMs === stamp.mtimeMs && parsed.size === stamp.size && parsed.registry && typeof parsed.registry === "object") return parsed.registry;
  } catch {
    // A damaged entry is rebuilt by the caller.
  }
  return undefined;
}
