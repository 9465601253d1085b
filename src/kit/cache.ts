// A small key/value cache on bun:sqlite (busy timeout: parallel hooks share it safely).
// A cache is an optimisation, never a source of truth: a corrupt, locked, read-only or missing
// database degrades to "no cache" (every get misses, every set is dropped), never to a wrong
// answer or a crash (docs/design.md, "State is safe").
// bun:sqlite, node:fs and the symlink check are loaded when a cache is opened, not when this
// module is imported: a hook that never reaches its cache pays nothing (docs/startup-costs.md).
// A hook's start path reads with peekCache: bun:sqlite and one SELECT, no node:fs.
import type { Database } from "bun:sqlite";
import { symlinkEscape } from "../base/confine.ts";
import { parentDir } from "../base/paths.ts";
import { bunSqlite, nodeFs } from "../base/lazy.ts";
import { exists } from "../base/stat.ts";
import { describeError } from "../base/errors.ts";

export interface Cache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  close(): void;
  /** False when the cache degraded to a no-op (the reason went to onError). */
  readonly usable: boolean;
}

const NO_CACHE: Cache = { get: () => undefined, set() {}, delete() {}, close() {}, usable: false };

export interface CacheOptions {
  /**
   * "wal" (the default) lets readers run beside a writer. "delete" (a rollback journal) suits a
   * cache read at every start and written rarely: in WAL mode each process's first read creates
   * the -wal and -shm files and its close deletes them again (docs/startup-costs.md); in
   * rollback mode a read is a shared lock and a few preads. A database made in the other mode is
   * switched when nobody else has it open (until then the cache is skipped, as for any busy error).
   */
  journal?: "wal" | "delete";
}

/**
 * Opens (creating) the cache at `path`. With `root`, a database (or its -wal/-shm/-journal file)
 * reached through a symlink leading outside the root is not opened: no cache instead.
 */
export function openCache(path: string, onError: (message: string) => void = () => {}, root?: string, options: CacheOptions = {}): Cache {
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
    const { Database: SqliteDatabase } = bunSqlite();
    db = new SqliteDatabase(path, { create: true });
    db.exec("PRAGMA busy_timeout = 2000");
    db.exec(`PRAGMA journal_mode = ${options.journal === "delete" ? "DELETE" : "WAL"}`);
    db.exec("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL)");
  } catch (error) {
    onError(`cache ${path} unusable (${describeError(error)}); continuing without it`);
    return NO_CACHE;
  }
  let usable = true;
  const guard = <T>(what: string, fn: () => T, fallback: T): T => {
    if (!usable) return fallback;
    try {
      return fn();
    } catch (error) {
      usable = false;
      onError(`cache ${path} ${what} failed (${describeError(error)}); continuing without it`);
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

/**
 * The value stored under `key` in the cache file at `path`, read the cheap way: one read-only
 * open of an existing database and one SELECT; no create, no mkdir, no journal or schema setup,
 * no node:fs. Read-only means it never writes, not even to roll back a crashed writer's journal
 * (that is an error here, so the caller's full path does it, confined). SQLITE_OPEN_NOFOLLOW makes
 * SQLite refuse a symlink at the database or at its -wal, -shm or -journal name itself, which is
 * what openCache's confinement check refuses (tests plant each). Meant for caches in rollback
 * mode (`journal: "delete"`): on a WAL database a read-only connection leaves empty -wal/-shm
 * files behind. Undefined for a miss and for anything unusual (missing, busy, damaged, not a
 * cache): the caller then takes its full path through openCache.
 */
export function peekCache(path: string, key: string): string | undefined {
  if (!exists(path)) return undefined;
  let db: Database | undefined;
  try {
    const { Database: SqliteDatabase, constants } = bunSqlite();
    db = new SqliteDatabase(path, constants.SQLITE_OPEN_READONLY | constants.SQLITE_OPEN_NOFOLLOW);
    const row = db.query("SELECT value FROM kv WHERE key = ?").get(key) as { value: unknown } | null;
    return typeof row?.value === "string" ? row.value : undefined;
  } catch {
    return undefined;
  } finally {
    try {
      db?.close();
    } catch {}
  }
}
