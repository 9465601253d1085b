// Warm path: remember a successful NOOP verdict so the common SessionStart starts no Python at
// all. The verdict is stored under a key made of everything that decides discovery (config,
// PATH and Python env vars, where each candidate name resolves) and is valid only while every
// file it depended on still has the same mtime and size: the chosen interpreter, the system
// interpreter's sys.path folders (a new install there would make the seed say NOOP_SYSTEM), and
// for NOOP_VENV the venv interpreter, its site-packages folders and the package's .dist-info.
// Any difference, a missing file or an unreadable cache means probing again.
// The verdict also carries the plugin version (`pv`) read from plugin.json, which is one of its
// files: a warm run then reads no file at all (a process's first read starts Bun's thread pool).
// Start-up cost (the warm path is the common SessionStart): bun:sqlite loads on first use, and
// files are stat'ed natively (kit/stat: whole-ms mtimes plus size) so the warm path needs no node:fs.
import { peekCache, type Cache } from "../../kit/cache.ts";
import type { Config } from "./config.ts";
import { quickStat } from "../../base/stat.ts";

type Env = Record<string, string | undefined>;

/** Env vars that change which interpreter runs or what it can import. */
const KEY_ENV = ["PATH", "Path", "PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONNOUSERSITE", "PYTHONSAFEPATH", "PYENV_VERSION"];

/** [path, mtimeMs (whole ms), size]; mtime -1 when the path does not exist. */
export type StatRecord = [string, number, number];

export interface Verdict {
  outcome: 0 | 1;
  stats: StatRecord[];
  /** The plugin version the verdict was made under (plugin.json is among `stats`). */
  pv: number;
}

export function verdictKey(config: Config, env: Env, cwd: string, resolved: (string | undefined)[]): string {
  // Plain loops, not some()/map(): this runs at every SessionStart, and each of those builtins is
  // compiled on its first call in a process (base/paths.ts).
  let shims = false;
  for (const r of resolved) if (r && /[\\/]shims[\\/]/.test(r)) shims = true;
  const parts = [
    // v2: verdicts carry `pv`; the plugin.json it came from is part of the key.
    "v2",
    config.platform,
    config.package,
    config.module,
    config.stateDir,
    config.venvName,
    config.pluginJson ?? "",
    `${config.minPython.major}.${config.minPython.minor}`,
    // Version-manager shims (pyenv, asdf, mise) pick the interpreter from the working directory
    // (.python-version); only then does the project folder belong in the key.
    shims ? cwd : "",
  ];
  for (const k of KEY_ENV) parts.push(`${k}=${env[k] ?? ""}`);
  for (const r of resolved) parts.push(r ?? "-");
  return Bun.hash(parts.join("\0")).toString(36);
}

export function statRecord(path: string): StatRecord {
  const st = quickStat(path);
  return st ? [path, st.mtimeMs, st.size] : [path, -1, 0];
}

export function statsUnchanged(stats: StatRecord[]): boolean {
  for (const [path, mtimeMs, size] of stats) {
    const [, m, s] = statRecord(path);
    if (m !== mtimeMs || s !== size) return false;
  }
  return true;
}

export function loadVerdict(cache: Cache, key: string): Verdict | undefined {
  return validVerdict(cache.get(key));
}

function validVerdict(raw: string | undefined): Verdict | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Verdict;
    if ((v.outcome !== 0 && v.outcome !== 1) || !Array.isArray(v.stats) || v.stats.length === 0 || !Number.isSafeInteger(v.pv) || v.pv < 0) return undefined;
    return statsUnchanged(v.stats) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function storeVerdict(cache: Cache, key: string, outcome: 0 | 1, paths: string[], pv: number): void {
  const stats = [...new Set(paths)].map(statRecord);
  cache.set(key, JSON.stringify({ outcome, stats, pv } satisfies Verdict));
}

export function forgetVerdict(cache: Cache, key: string): void {
  cache.delete(key);
}

/**
 * The warm path's read: the verdict stored under `key` in the cache file at `path`, if it still
 * holds, through kit/cache's peekCache (one open, one SELECT, no node:fs; a symlink at the
 * database or its journal names is refused). Undefined for a miss and for anything unusual: then
 * the caller takes the full path (openCache, loadVerdict), which decides exactly as before.
 */
export function peekVerdict(path: string, key: string): Verdict | undefined {
  return validVerdict(peekCache(path, key));
}
