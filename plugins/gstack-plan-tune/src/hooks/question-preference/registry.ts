/**
 * gstack's question registry (`<gstack root>/scripts/question-registry.ts`), read as text.
 *
 * Importing the TypeScript file would need a TS loader at hook time and would run code from
 * the gstack checkout; like the original hook we only scan it. It is read and scanned on each
 * call that needs it (a marked question with an enforcing preference, or memory nuggets to
 * match): one read of a ~30 KB file and one linear pass, which the Claude Code mod can do too
 * (it has no sqlite for a parse cache). A missing or unreadable registry is an empty one: every id
 * is then screened by keywords.
 */
import { describeError, type Portable } from "hookkit/portable";

export type DoorType = "one-way" | "two-way";

export interface RegistryEntry {
  id: string;
  door_type: DoorType;
  signal_key?: string;
}

export type Registry = Record<string, RegistryEntry>;

// The original hook reads entries with
//   /'([a-z0-9-]+)':\s*\{[^}]*?door_type:\s*'(one-way|two-way)'[^}]*?\}/g
// (53 entries, 12 one-way, 21 with a signal_key in gstack's registry). Run as a regex it retries
// every `'id': {` up to the next `}`: quadratic, 7 s for a 320 KB file of open blocks, past the
// hook's deadline with no way for its timer to fire. parseRegistry finds the same matches in one
// pass (plugins/test/reliability/registry-parse.test.ts checks it against the regex on random sources).
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

/**
 * Load and parse the registry at `path`. `onError` hears about unreadable files (missing is normal and
 * silent, and so is a folder at the path: that is no registry either).
 */
export async function loadRegistry(io: Portable, path: string, onError?: (msg: string) => void): Promise<Registry> {
  let source: string | undefined;
  try {
    source = await io.readText(path);
  } catch (e) {
    if ((e as { code?: unknown }).code !== "EISDIR") onError?.(`registry load failed: ${describeError(e)}`);
    return {};
  }
  return source === undefined ? {} : parseRegistry(source);
}
