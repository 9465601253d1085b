import { afterEach, describe, expect, test } from "bun:test";
import { appendFileSync, chmodSync, cpSync, existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCache, peekCache } from "hookkit/kit";
import { REGISTRY_FIXTURE } from "../../../test/fixtures/world.ts";
import { loadRegistry, parseRegistry, type RegistryCache } from "./registry.ts";

/** The hook's cache wiring: a peek first, the opened cache (rollback journal) on a miss; counts opens. */
function sqlite(db: string, opens = { count: 0 }): RegistryCache {
  return {
    peek: (key) => peekCache(db, key),
    open: () => {
      opens.count++;
      return openCache(db, undefined, undefined, { journal: "delete" });
    },
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp() {
  const d = mkdtempSync(join(tmpdir(), "qp-reg-"));
  dirs.push(d);
  return d;
}

describe("parseRegistry", () => {
  test("reads id, door_type and signal_key from gstack-shaped entries", async () => {
    const reg = parseRegistry(await Bun.file(REGISTRY_FIXTURE).text());
    expect(Object.keys(reg)).toHaveLength(9);
    expect(Object.values(reg).filter((e) => e.door_type === "one-way").map((e) => e.id)).toEqual([
      "ship-test-failure-triage",
      "review-sql-safety",
      "land-and-deploy-rollback",
    ]);
    expect(reg["ship-pre-landing-review-fix"]).toEqual({ id: "ship-pre-landing-review-fix", door_type: "two-way", signal_key: "code-quality-care" });
    expect(reg["ship-todos-create"]).toEqual({ id: "ship-todos-create", door_type: "two-way" });
  });
  test("garbage yields an empty registry", () => {
    expect(parseRegistry("export const X = 1;")).toEqual({});
  });
});

describe("loadRegistry", () => {
  test("missing file is an empty registry and opens no cache", () => {
    let opened = false;
    const reg = loadRegistry(join(temp(), "nope.ts"), {
      peek: () => {
        opened = true;
        return undefined;
      },
      open: () => {
        opened = true;
        return openCache(":memory:");
      },
    });
    expect(reg).toEqual({});
    expect(opened).toBe(false);
  });

  test("the parse is cached in sqlite and reused while path, mtime and size match", () => {
    const dir = temp();
    const path = join(dir, "question-registry.ts");
    cpSync(REGISTRY_FIXTURE, path);
    const db = join(dir, "cache.sqlite");
    const first = loadRegistry(path, sqlite(db));
    expect(Object.keys(first)).toHaveLength(9);

    // Prove the second load comes from the cache: make the file unreadable (same stamp).
    // Root ignores mode bits, so instead plant a doctored cache value and check it is served.
    const cache = openCache(db);
    const key = `question-registry:${path}`;
    const stored = JSON.parse(cache.get(key)!);
    stored.registry = { "from-cache": { id: "from-cache", door_type: "one-way" } };
    cache.set(key, JSON.stringify(stored));
    cache.close();
    expect(Object.keys(loadRegistry(path, sqlite(db)))).toEqual(["from-cache"]);

    // A changed size invalidates it.
    appendFileSync(path, "\n// edited\n");
    expect(Object.keys(loadRegistry(path, sqlite(db)))).toHaveLength(9);
  });

  test("a hit is served by the peek alone; the database keeps no -wal or -shm beside it", () => {
    const dir = temp();
    const path = join(dir, "question-registry.ts");
    cpSync(REGISTRY_FIXTURE, path);
    const db = join(dir, "cache.sqlite");
    const opens = { count: 0 };
    expect(Object.keys(loadRegistry(path, sqlite(db, opens)))).toHaveLength(9);
    expect(opens.count).toBe(1);
    expect(Object.keys(loadRegistry(path, sqlite(db, opens)))).toHaveLength(9);
    expect(opens.count).toBe(1);
    expect([existsSync(`${db}-wal`), existsSync(`${db}-shm`), existsSync(`${db}-journal`)]).toEqual([false, false, false]);
  });

  test("a changed mtime with the same size invalidates the cache", () => {
    const dir = temp();
    const path = join(dir, "question-registry.ts");
    writeFileSync(path, "'a-b': { id: 'a-b', door_type: 'two-way' },");
    const db = join(dir, "cache.sqlite");
    expect(loadRegistry(path, sqlite(db))["a-b"]?.door_type).toBe("two-way");
    writeFileSync(path, "'a-b': { id: 'a-b', door_type: 'one-way' },");
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(loadRegistry(path, sqlite(db))["a-b"]?.door_type).toBe("one-way");
  });

  test("an unusable cache degrades to parsing every time", () => {
    const dir = temp();
    const path = join(dir, "question-registry.ts");
    cpSync(REGISTRY_FIXTURE, path);
    const bogus = join(dir, "not-a-db.sqlite");
    writeFileSync(bogus, "this is not sqlite".repeat(100));
    chmodSync(bogus, 0o644);
    expect(Object.keys(loadRegistry(path, sqlite(bogus)))).toHaveLength(9);
  });

  test("a directory at the registry path is an empty registry", () => {
    expect(loadRegistry(temp())).toEqual({});
  });
});
