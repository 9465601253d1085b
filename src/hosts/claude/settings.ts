// Merging hook entries into a Claude Code settings file and taking them out again. Our matcher groups
// carry an extra `"hookkit": "<id>"` key (Claude Code accepts unknown keys), so
// install is idempotent and uninstall removes exactly what we wrote and nothing else.
import { join } from "node:path";

export type Scope = "user" | "project" | "local";
export type MatcherGroup = { matcher?: string; hooks: unknown[]; [key: string]: unknown };
export type HookEntries = Record<string, MatcherGroup[]>;
type Json = Record<string, unknown>;

export const MARK = "hookkit";

export class SettingsError extends Error {}

const nonEmpty = (value: string | undefined) => (value ? value : undefined);

/** `~/.claude/settings.json` (or `$CLAUDE_CONFIG_DIR`), `.claude/settings.json`, `.claude/settings.local.json`. */
export function settingsPath(scope: Scope, env: Record<string, string | undefined>, cwd: string): string {
  if (scope === "project") return join(cwd, ".claude", "settings.json");
  if (scope === "local") return join(cwd, ".claude", "settings.local.json");
  const home = nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE);
  const dir = nonEmpty(env.CLAUDE_CONFIG_DIR) ?? (home ? join(home, ".claude") : undefined);
  if (!dir) throw new SettingsError("neither HOME nor CLAUDE_CONFIG_DIR is set, so the user settings file is unknown; set one of them or use --project / --local");
  return join(dir, "settings.json");
}

/** Parses settings text; a file Claude Code would ignore as a whole is an error, never "empty". */
export function parseSettings(text: string, file: string): Json {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(`${file} is not valid JSON (${(error as Error).message}); Claude Code ignores the whole file. Fix it by hand, then run this again; nothing was written`);
  }
  if (!isObject(value)) throw new SettingsError(`${file} does not hold a JSON object; fix it by hand, then run this again; nothing was written`);
  if (value.hooks !== undefined && !isObject(value.hooks))
    throw new SettingsError(`"hooks" in ${file} is not an object; fix it by hand, then run this again; nothing was written`);
  return value;
}

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const ours = (group: unknown, id: string | undefined) =>
  isObject(group) && typeof group[MARK] === "string" && (id === undefined || group[MARK] === id);

/** Settings with `entries` marked as `id`: our old groups are replaced in place, new ones appended. */
export function withEntries(settings: Json, entries: HookEntries, id: string): Json {
  const hooks: Json = { ...((settings.hooks as Json | undefined) ?? {}) };
  for (const [event, groups] of Object.entries(entries)) {
    const marked = groups.map((group) => ({ ...group, [MARK]: id }));
    if (hooks[event] !== undefined && !Array.isArray(hooks[event]))
      throw new SettingsError(`"hooks.${event}" is not an array, so Claude Code ignores it; fix it by hand, then run this again; nothing was written`);
    const current = (hooks[event] as unknown[] | undefined) ?? [];
    const at = current.findIndex((group) => ours(group, id));
    const kept = current.filter((group) => !ours(group, id));
    kept.splice(at < 0 ? kept.length : at, 0, ...marked);
    hooks[event] = kept;
  }
  // Events we covered before but no longer ship lose our groups too.
  const rest = withoutEntries({ hooks }, id, new Set(Object.keys(entries)));
  return { ...settings, hooks: rest.hooks ?? {} };
}

/** Settings with every group marked `id` (any hookkit id when undefined) removed; `keep` events are skipped. */
export function withoutEntries(settings: Json, id: string | undefined, keep = new Set<string>()): Json {
  if (!isObject(settings.hooks)) return settings;
  const hooks: Json = {};
  for (const [event, groups] of Object.entries(settings.hooks)) {
    if (keep.has(event) || !Array.isArray(groups) || !groups.some((g) => ours(g, id))) {
      hooks[event] = groups;
      continue;
    }
    const kept = groups.filter((group) => !ours(group, id));
    if (kept.length > 0) hooks[event] = kept; // an event left empty by us was created by us
  }
  if (Object.keys(hooks).length > 0) return { ...settings, hooks }; // spread keeps the key where it was
  const { hooks: _ours, ...others } = settings; // "hooks" left empty by us was created by us
  return others;
}

/** Groups marked as ours, per event. */
export function ourEntries(settings: Json, id?: string): HookEntries {
  const found: HookEntries = {};
  if (!isObject(settings.hooks)) return found;
  for (const [event, groups] of Object.entries(settings.hooks))
    if (Array.isArray(groups)) {
      const mine = groups.filter((g) => ours(g, id)) as MatcherGroup[];
      if (mine.length > 0) found[event] = mine;
    }
  return found;
}

/** Serializes like the original file: same indentation, same trailing newline. */
export function serializeLike(value: Json, original: string | undefined): string {
  const indentMatch = original ? /^[ \t]+(?=")/m.exec(original) : undefined;
  const compact = original !== undefined && original.trim() !== "" && !original.trim().includes("\n");
  const indent = compact ? "" : indentMatch ? indentMatch[0] : "  ";
  const trailing = original === undefined || original === "" || original.endsWith("\n") ? "\n" : "";
  return JSON.stringify(value, null, indent) + trailing;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}
