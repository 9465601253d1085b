import { describe, expect, test } from "bun:test";
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCache } from "../../kit/cache.ts";
import { loadConfig } from "./config.ts";
import { loadVerdict, storeVerdict, verdictKey } from "./verdict.ts";

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
    storeVerdict(cache, "k", 1, [a, b]);
    expect(loadVerdict(cache, "k")?.outcome).toBe(1);
    utimesSync(a, 1000, 1000);
    expect(loadVerdict(cache, "k")).toBeUndefined();
    storeVerdict(cache, "k", 1, [a, b]);
    writeFileSync(b, "appeared");
    expect(loadVerdict(cache, "k")).toBeUndefined();
    cache.close();
  });

  test("garbage in the cache is a miss, never an answer", () => {
    const cache = openCache(join(dir(), "c.sqlite"));
    for (const bad of ["{", "{}", '{"outcome":2,"stats":[["/",1,0]]}', '{"outcome":1,"stats":[]}']) {
      cache.set("k", bad);
      expect(loadVerdict(cache, "k")).toBeUndefined();
    }
  });
});
