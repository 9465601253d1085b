import { describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCache } from "hookkit/kit";
import { loadConfig } from "./config.ts";
import { loadVerdict, peekVerdict, storeVerdict, verdictKey } from "./verdict.ts";

const dir = () => mkdtempSync(join(tmpdir(), "hookkit-verdict-"));
const config = loadConfig([], { HOME: "/home/u" }, "linux");

describe("verdict key", () => {
  const env = { PATH: "/usr/bin" };
  const base = verdictKey(config, env, "/p1", ["/usr/bin/python3", undefined]);
  test("stable for the same inputs; the project folder only matters behind version-manager shims", () => {
    expect(verdictKey(config, env, "/p1", ["/usr/bin/python3", undefined])).toBe(base);
    expect(verdictKey(config, env, "/p2", ["/usr/bin/python3", undefined])).toBe(base);
    const shim = ["/home/u/.pyenv/shims/python3"];
    expect(verdictKey(config, env, "/p1", shim)).not.toBe(verdictKey(config, env, "/p2", shim));
  });
  test("changes with where candidates resolve, Python env vars, and the configuration", () => {
    expect(verdictKey(config, env, "/p1", ["/usr/bin/python3", "/opt/python3.14"])).not.toBe(base);
    expect(verdictKey(config, { ...env, PYTHONPATH: "/x" }, "/p1", ["/usr/bin/python3", undefined])).not.toBe(base);
    expect(verdictKey(config, { ...env, PATH: "/bin" }, "/p1", ["/usr/bin/python3", undefined])).not.toBe(base);
    expect(verdictKey({ ...config, module: "other" }, env, "/p1", ["/usr/bin/python3", undefined])).not.toBe(base);
    // Another plugin root (an updated plugin lives in a new folder) is another verdict: `pv` may differ.
    expect(verdictKey({ ...config, pluginJson: "/plugins/sg/1.2.4/.claude-plugin/plugin.json" }, env, "/p1", ["/usr/bin/python3", undefined])).not.toBe(base);
    expect(verdictKey(config, { ...env, UNRELATED: "1" }, "/p1", ["/usr/bin/python3", undefined])).toBe(base);
  });
});

describe("stored verdicts", () => {
  test("valid while every file it depends on is unchanged; any change or loss is a miss", () => {
    const d = dir();
    const cache = openCache(join(d, "c.sqlite"));
    const a = join(d, "a");
    const b = join(d, "missing-now");
    writeFileSync(a, "x");
    storeVerdict(cache, "k", 1, [a, b], 20000);
    expect(loadVerdict(cache, "k")).toMatchObject({ outcome: 1, pv: 20000 });
    utimesSync(a, 1000, 1000);
    expect(loadVerdict(cache, "k")).toBeUndefined();
    storeVerdict(cache, "k", 1, [a, b], 20000);
    writeFileSync(b, "appeared");
    expect(loadVerdict(cache, "k")).toBeUndefined();
    cache.close();
  });

  test("garbage in the cache is a miss, never an answer", () => {
    const d = dir();
    const cache = openCache(join(d, "c.sqlite"));
    const dep = join(d, "python3");
    writeFileSync(dep, "#!");
    const stats = JSON.stringify([[dep, Math.trunc(statSync(dep).mtimeMs), 2]]);
    cache.set("k", `{"outcome":1,"stats":${stats},"pv":0}`);
    expect(loadVerdict(cache, "k")?.pv).toBe(0);
    // The last two differ from that valid one only in `pv`: a verdict from before it was carried, or a damaged one.
    for (const bad of ["{", "{}", '{"outcome":2,"stats":[["/",1,0]]}', '{"outcome":1,"stats":[]}', `{"outcome":1,"stats":${stats}}`, `{"outcome":1,"stats":${stats},"pv":"2"}`]) {
      cache.set("k", bad);
      expect(loadVerdict(cache, "k")).toBeUndefined();
    }
  });
});

describe("peekVerdict (the warm path's read)", () => {
  const stored = () => {
    const d = dir();
    const dep = join(d, "python3");
    writeFileSync(dep, "#!");
    const db = join(d, "cache.sqlite");
    const cache = openCache(db);
    storeVerdict(cache, "k", 0, [dep], 10203);
    cache.close();
    return { d, db };
  };

  test("a stored, still valid verdict is found; a missing database or key is a miss", () => {
    const { d, db } = stored();
    expect(peekVerdict(db, "k")).toMatchObject({ outcome: 0, pv: 10203 });
    expect(peekVerdict(db, "other")).toBeUndefined();
    expect(peekVerdict(join(d, "nope.sqlite"), "k")).toBeUndefined();
    expect(existsSync(join(d, "nope.sqlite"))).toBe(false);
  });

  test.each(["", "-wal", "-shm", "-journal"])("a symlink at the database's %s name is refused, its target untouched", (suffix) => {
    const { d, db } = stored();
    const elsewhere = mkdtempSync(join(tmpdir(), "hookkit-verdict-outside-"));
    const target = join(elsewhere, "target");
    if (suffix === "") copyFileSync(db, target);
    else writeFileSync(target, "precious");
    const before = readFileSync(target);
    if (suffix === "") {
      const link = join(d, "linked.sqlite");
      symlinkSync(target, link);
      expect(peekVerdict(link, "k")).toBeUndefined();
    } else {
      rmSync(`${db}${suffix}`, { force: true });
      symlinkSync(target, `${db}${suffix}`);
      expect(peekVerdict(db, "k")).toBeUndefined();
    }
    expect(readFileSync(target)).toEqual(before);
  });
});
