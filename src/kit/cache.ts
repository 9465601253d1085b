// A small key/value cache on bun:sqlite (WAL + busy timeout: parallel hooks share it safely).
// A cache is an optimisation, never a source of truth: a corrupt, locked, read-only or missing
// database degrades to "no cache" (every get misses, every set is dropped), never to a wrong
// answer or a crash (DESIGN decision 8).
// bun:sqlite, node:fs and the symlink check are loaded when a cache is opened, not when this
// module is imported: a hook that never reaches its cache pays nothing (bench/STARTUP-COSTS.md).
import type { Database } from "bun:sqlite";
import type * as Confine from "./confine.ts";
import { parentDir } from "./paths.ts";
import { nodeFs } from "./lazy.ts";

export interface Cache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  close(): void;
  /** False when the cache degraded to a no-op (the reason went to onError). */
  readonly usable: boolean;
}

const NO_CACHE: Cache = { get: () => undefined, set() {}, delete() {}, close() {}, usable: false };

/**
 * Opens (creating) the cache at `path`. With `root`, a database (or its -wal/-shm/-journal file)
 * reached through a symlink leading outside the root is not opened: no cache instead.
 */
export function openCache(path: string, onError: (message: string) => void = () => {}, root?: string): Cache {
  const { symlinkEscape } = require("./confine.ts") as typeof Confine;
  if (root !== undefined) {
    for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
      const why = symlinkEscape(root, file);
      if (why) {
        onError(`cache ${path} not opened (${why}); continuing without it`);
        return NO_CACHE;
      }
    }
  }
  let db: Database;
  try {
    nodeFs().mkdirSync(parentDir(path), { recursive: true });
    const { Database: SqliteDatabase } = require("bun:sqlite") as typeof import("bun:sqlite");
    db = new SqliteDatabase(path, { create: true });
    db.exec("PRAGMA busy_timeout = 2000");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL)");
  } catch (error) {
    onError(`cache ${path} unusable (${message(error)}); continuing without it`);
    return NO_CACHE;
  }
  let usable = true;
  const guard = <T>(what: string, fn: () => T, fallback: T): T => {
    if (!usable) return fallback;
    try {
      return fn();
    } catch (error) {
      usable = false;
      onError(`cache ${path} ${what} failed (${message(error)}); continuing without it`);
      return fallback;
    }
  };
  return {
    get: (key) =>
      guard("read", () => (db.query("SELECT value FROM kv WHERE key = ?").get(key) as { value: string } | null)?.value, undefined),
    set: (key, value) =>
      guard("write", () => void db.query("INSERT OR REPLACE INTO kv (key, value, updated_at) VALUES (?, ?, ?)").run(key, value, Date.now()), undefined),
    delete: (key) => guard("delete", () => void db.query("DELETE FROM kv WHERE key = ?").run(key), undefined),
    close: () => {
      try {
        db.close();
      } catch {}
    },
    get usable() {
      return usable;
    },
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
