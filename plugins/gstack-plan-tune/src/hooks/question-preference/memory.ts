/**
 * plan-tune "memory nuggets": short notes distilled from past answers
 * (`<root>/free-text-memory.json`, written by gstack-distill-apply), surfaced as
 * additionalContext for questions whose registry signal_key they apply to.
 *
 * Same files and shapes as gstack: a per-session cache `<root>/sessions/<sid>/memory-cache.json`
 * (`{"nuggets":[...],"cached_at":ISO}`, 2-space indent) is used whenever its `nuggets` is an
 * array and is written through after a miss. It is never invalidated except by deletion.
 */
import { describeError, type Portable } from "hookkit/portable";
import { join } from "./paths.ts";

export interface MemoryNugget {
  nugget: string;
  applies_to_signal_keys: string[];
  applied_at?: string;
}

/** Nuggets per signal_key, as in gstack. */
const PER_SIGNAL = 3;

function parseNuggets(text: string | undefined): unknown[] | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as { nuggets?: unknown };
    return Array.isArray(parsed?.nuggets) ? parsed.nuggets : undefined;
  } catch {
    return undefined;
  }
}

/** The write-through after a miss, never through a symlink leading outside the state root. */
async function writeCache(io: Portable, cachePath: string, nuggets: unknown[], now: Date, stateRoot: string, onError?: (msg: string) => void): Promise<void> {
  try {
    await io.writeText(cachePath, JSON.stringify({ nuggets, cached_at: now.toISOString() }, null, 2), { confineTo: stateRoot });
  } catch (e) {
    onError?.(`memory cache write failed: ${describeError(e)}`);
  }
}

/** A file's text, or undefined when it is missing or unreadable (a folder, no permission). */
async function readIfReadable(io: Portable, path: string): Promise<string | undefined> {
  try {
    return await io.readText(path);
  } catch {
    return undefined;
  }
}

/**
 * The nuggets for this call. `sessionDir` is the sanitized `<root>/sessions/<sid>` or
 * undefined when the input has no usable session id (then there is no cache).
 */
export async function loadMemoryNuggets(
  io: Portable,
  stateRoot: string,
  sessionDir: string | undefined,
  now: Date,
  onError?: (msg: string) => void,
): Promise<unknown[]> {
  const cachePath = sessionDir ? join(sessionDir, "memory-cache.json") : undefined;
  const cached = cachePath ? parseNuggets(await readIfReadable(io, cachePath)) : undefined;
  if (cached) return cached;
  // A missing or broken canonical file means no nuggets (and that is cached too, as gstack does).
  const nuggets = parseNuggets(await readIfReadable(io, join(stateRoot, "free-text-memory.json"))) ?? [];
  if (cachePath) await writeCache(io, cachePath, nuggets, now, stateRoot, onError);
  return nuggets;
}

/**
 * For a call whose questions carry no marker, where no nugget can apply (memory context is keyed
 * by marker ids): gstack still writes the per-session cache on every call, so a session without
 * one gets it here; a session that has one costs a single stat, not a read.
 */
export async function ensureSessionCache(
  io: Portable,
  stateRoot: string,
  sessionDir: string | undefined,
  now: Date,
  onError?: (msg: string) => void,
): Promise<void> {
  if (!sessionDir || (await io.exists(join(sessionDir, "memory-cache.json")))) return;
  await loadMemoryNuggets(io, stateRoot, sessionDir, now, onError);
}

function isNugget(n: unknown): n is MemoryNugget {
  const o = n as MemoryNugget | null;
  return !!o && typeof o === "object" && typeof o.nugget === "string" && Array.isArray(o.applies_to_signal_keys);
}

/** Up to 3 nuggets for `signalKey`, most recently applied first (string compare of applied_at). */
export function nuggetsForSignal(nuggets: unknown[], signalKey: string, max = PER_SIGNAL): string[] {
  const appliedAt = (n: MemoryNugget) => (typeof n.applied_at === "string" ? n.applied_at : "");
  return nuggets
    .filter(isNugget)
    .filter((n) => n.applies_to_signal_keys.includes(signalKey))
    .sort((a, b) => appliedAt(b).localeCompare(appliedAt(a)))
    .slice(0, max)
    .map((n) => n.nugget);
}

/** Nuggets for each signal key in order, deduplicated across keys, as one context line. */
export function memoryContext(nuggets: unknown[], signalKeys: string[]): string | undefined {
  const picked: string[] = [];
  for (const key of signalKeys) {
    for (const n of nuggetsForSignal(nuggets, key)) if (!picked.includes(n)) picked.push(n);
  }
  return picked.length ? `[plan-tune memory] Past answers suggest: ${picked.join(" | ")}` : undefined;
}
