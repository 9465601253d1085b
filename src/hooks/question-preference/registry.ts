/**
 * gstack's question registry (`<gstack root>/scripts/question-registry.ts`), read as text.
 *
 * Importing the TypeScript file would need a TS loader at hook time and would run code from
 * the gstack checkout; like the original hook we only scan it. The scan's result is cached in
 * sqlite keyed by the file's path, mtime and size, so an unchanged registry costs one stat.
 * A missing or unreadable registry is an empty one: every id is then screened by keywords.
 */
import { readFileSync, statSync } from "node:fs";

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

// The original hook's regexes, kept verbatim so both agree on every entry
// (53 entries, 12 one-way, 21 with a signal_key in gstack's registry).
const BLOCK_RE = /'([a-z0-9-]+)':\s*\{[^}]*?door_type:\s*'(one-way|two-way)'[^}]*?\}/g;
const SIGNAL_KEY_RE = /signal_key:\s*'([a-z0-9-]+)'/;

export function parseRegistry(source: string): Registry {
  const registry: Registry = {};
  for (const m of source.matchAll(BLOCK_RE)) {
    const [block, id, door_type] = m as unknown as [string, string, DoorType];
    const signal_key = block.match(SIGNAL_KEY_RE)?.[1];
    registry[id] = signal_key ? { id, door_type, signal_key } : { id, door_type };
  }
  return registry;
}

interface CachedParse {
  mtimeMs: number;
  size: number;
  registry: Registry;
}

/**
 * Load and parse the registry at `path`, using the cache when its stamp (mtime, size) matches.
 * The cache is opened only when the registry exists. `onError` hears about unreadable files
 * (missing is normal and silent).
 */
export function loadRegistry(path: string, openCache?: () => KeyValueCache, onError?: (msg: string) => void): Registry {
  let mtimeMs: number;
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return {};
    ({ mtimeMs, size } = st);
  } catch {
    return {};
  }
  const cache = openCache?.();
  try {
    return cachedParse(path, { mtimeMs, size }, cache, onError);
  } finally {
    cache?.close();
  }
}

function cachedParse(
  path: string,
  stamp: { mtimeMs: number; size: number },
  cache: KeyValueCache | undefined,
  onError?: (msg: string) => void,
): Registry {
  const { mtimeMs, size } = stamp;
  const key = `question-registry:${path}`;
  const hit = cache?.get(key);
  if (hit) {
    try {
      const parsed = JSON.parse(hit) as CachedParse;
      if (parsed.mtimeMs === mtimeMs && parsed.size === size) return parsed.registry;
    } catch {
      // A damaged entry is rebuilt below.
    }
  }
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (e) {
    onError?.(`registry load failed: ${(e as Error).message}`);
    return {};
  }
  const registry = parseRegistry(source);
  cache?.set(key, JSON.stringify({ mtimeMs, size, registry } satisfies CachedParse));
  return registry;
}
