import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testPortable } from "hookkit/testing";
import { ensureSessionCache, loadMemoryNuggets, memoryContext, nuggetsForSignal } from "./memory.ts";

const io = testPortable();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function root() {
  const d = mkdtempSync(join(tmpdir(), "qp-mem-"));
  dirs.push(d);
  return d;
}
const NOW = new Date("2026-11-21T10:00:00.000Z");
const n = (nugget: string, keys: string[], applied_at?: string) => ({ nugget, applies_to_signal_keys: keys, ...(applied_at ? { applied_at } : {}) });

describe("nuggetsForSignal", () => {
  const nuggets = [
    n("old", ["k"], "2026-01-01T00:00:00Z"),
    n("newest", ["k"], "2026-06-01T00:00:00Z"),
    n("undated", ["k"]),
    n("mid", ["k", "other"], "2026-03-01T00:00:00Z"),
    n("elsewhere", ["other"], "2026-12-01T00:00:00Z"),
    { nugget: "broken" },
    null,
    { nugget: 7, applies_to_signal_keys: ["k"] },
  ];
  test("filters by key, newest first, capped at 3", () => {
    expect(nuggetsForSignal(nuggets, "k")).toEqual(["newest", "mid", "old"]);
  });
  test("undated nuggets sort last", () => {
    expect(nuggetsForSignal(nuggets, "k", 10)).toEqual(["newest", "mid", "old", "undated"]);
  });
  test("memoryContext keeps question order and dedupes across keys", () => {
    expect(memoryContext(nuggets, ["other", "k"])).toBe(
      "[plan-tune memory] Past answers suggest: elsewhere | mid | newest | old",
    );
    expect(memoryContext(nuggets, ["none"])).toBeUndefined();
  });
});

describe("loadMemoryNuggets", () => {
  test("reads the canonical file and writes through to the session cache", async () => {
    const r = root();
    writeFileSync(join(r, "free-text-memory.json"), JSON.stringify({ nuggets: [n("a", ["k"])] }));
    const session = join(r, "sessions", "s1");
    expect(await loadMemoryNuggets(io, r, session, NOW)).toEqual([n("a", ["k"])]);
    const cache = readFileSync(join(session, "memory-cache.json"), "utf8");
    expect(JSON.parse(cache)).toEqual({ nuggets: [n("a", ["k"])], cached_at: NOW.toISOString() });
    expect(cache).toContain('\n  "nuggets"'); // 2-space indent, like gstack
  });
  test("the session cache wins over the canonical file until deleted", async () => {
    const r = root();
    const session = join(r, "sessions", "s1");
    mkdirSync(session, { recursive: true });
    writeFileSync(join(session, "memory-cache.json"), JSON.stringify({ nuggets: [n("cached", ["k"])] }));
    writeFileSync(join(r, "free-text-memory.json"), JSON.stringify({ nuggets: [n("fresh", ["k"])] }));
    expect(await loadMemoryNuggets(io, r, session, NOW)).toEqual([n("cached", ["k"])]);
  });
  test("a cache without a nuggets array is a miss", async () => {
    const r = root();
    const session = join(r, "sessions", "s1");
    mkdirSync(session, { recursive: true });
    writeFileSync(join(session, "memory-cache.json"), JSON.stringify({ nuggets: "x" }));
    writeFileSync(join(r, "free-text-memory.json"), JSON.stringify({ nuggets: [n("fresh", ["k"])] }));
    expect(await loadMemoryNuggets(io, r, session, NOW)).toEqual([n("fresh", ["k"])]);
  });
  test("no canonical file: empty, and the empty list is cached too", async () => {
    const r = root();
    const session = join(r, "sessions", "s1");
    expect(await loadMemoryNuggets(io, r, session, NOW)).toEqual([]);
    expect(JSON.parse(readFileSync(join(session, "memory-cache.json"), "utf8")).nuggets).toEqual([]);
  });
  test("without a session there is no cache file", async () => {
    const r = root();
    expect(await loadMemoryNuggets(io, r, undefined, NOW)).toEqual([]);
    expect(existsSync(join(r, "sessions"))).toBe(false);
  });
  test("an unwritable cache is reported, not thrown", async () => {
    const r = root();
    writeFileSync(join(r, "sessions"), "a file where the sessions folder should be");
    const errors: string[] = [];
    expect(await loadMemoryNuggets(io, r, join(r, "sessions", "s1"), NOW, (m) => errors.push(m))).toEqual([]);
    expect(errors[0]).toContain("memory cache write failed");
  });
});

describe("ensureSessionCache (a call with no marked question)", () => {
  test("a session without a cache gets gstack's write-through", async () => {
    const r = root();
    writeFileSync(join(r, "free-text-memory.json"), JSON.stringify({ nuggets: [n("a", ["k"])] }));
    const session = join(r, "sessions", "s1");
    await ensureSessionCache(io, r, session, NOW);
    expect(JSON.parse(readFileSync(join(session, "memory-cache.json"), "utf8"))).toEqual({ nuggets: [n("a", ["k"])], cached_at: NOW.toISOString() });
  });
  test("an existing cache is left byte for byte as it was (not read, not rewritten)", async () => {
    const r = root();
    const session = join(r, "sessions", "s1");
    mkdirSync(session, { recursive: true });
    writeFileSync(join(session, "memory-cache.json"), "kept as is");
    writeFileSync(join(r, "free-text-memory.json"), JSON.stringify({ nuggets: [n("fresh", ["k"])] }));
    await ensureSessionCache(io, r, session, NOW);
    expect(readFileSync(join(session, "memory-cache.json"), "utf8")).toBe("kept as is");
  });
  test("no usable session id: nothing is written", async () => {
    const r = root();
    await ensureSessionCache(io, r, undefined, NOW);
    expect(existsSync(join(r, "sessions"))).toBe(false);
  });
});
