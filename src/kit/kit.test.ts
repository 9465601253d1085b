import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appendLine, atomicWrite, isInside, readJson, safeSegment } from "./files.ts";
import { openCache } from "./cache.ts";
import { expandHome, hookkitStateRoot } from "../base/state.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hookkit-kit-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("safeSegment", () => {
  test.each([
    ["../../etc/passwd", ".._.._etc_passwd"],
    ["a/b\\c", "a_b_c"],
    ["nul\0byte", "nul_byte"],
    ["toolu_01ABC-def.9", "toolu_01ABC-def.9"],
  ])("%p becomes %p", (input, expected) => expect(safeSegment(input)).toBe(expected));
  test.each(["", ".", "..", "...", 42, undefined])("%p is refused", (input) => expect(safeSegment(input)).toBeUndefined());
  test("length is bounded", () => expect(safeSegment("x".repeat(10_000))).toHaveLength(128));
  test("a sanitized id always stays inside the root", () => {
    for (const id of ["..", "../x", "/abs", "C:\\win", "a/../../b", "%2e%2e"]) {
      const seg = safeSegment(id);
      if (seg) expect(isInside(dir, join(dir, seg))).toBe(true);
    }
  });
});

describe("files", () => {
  test("atomicWrite creates directories and leaves no temp files", () => {
    const path = join(dir, "a", "b", "c.json");
    atomicWrite(path, '{"x":1}');
    atomicWrite(path, '{"x":2}');
    expect(readJson(path)).toEqual({ x: 2 });
    expect(readdirSync(join(dir, "a", "b"))).toEqual(["c.json"]);
  });
  test("appendLine adds exactly one newline-terminated line", () => {
    const path = join(dir, "log", "x.jsonl");
    appendLine(path, "one");
    appendLine(path, "two\n");
    expect(readFileSync(path, "utf8")).toBe("one\ntwo\n");
  });
  test("readJson is undefined for missing or broken files", () => {
    writeFileSync(join(dir, "bad.json"), "{nope");
    expect(readJson(join(dir, "bad.json"))).toBeUndefined();
    expect(readJson(join(dir, "missing.json"))).toBeUndefined();
  });
});

describe("cache", () => {
  test("round-trips through a real sqlite file shared by two handles", () => {
    const path = join(dir, "cache.sqlite");
    const a = openCache(path);
    a.set("k", "v1");
    const b = openCache(path);
    expect(b.get("k")).toBe("v1");
    b.set("k", "v2");
    expect(a.get("k")).toBe("v2");
    a.delete("k");
    expect(b.get("k")).toBeUndefined();
    a.close();
    b.close();
  });
  test("a corrupt file degrades to no cache, with a reason", () => {
    const path = join(dir, "corrupt.sqlite");
    writeFileSync(path, "this is not a database ".repeat(200));
    const errors: string[] = [];
    const cache = openCache(path, (m) => errors.push(m));
    expect(cache.get("k")).toBeUndefined();
    cache.set("k", "v");
    expect(cache.usable).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
    expect(readFileSync(path, "utf8").startsWith("this is not a database")).toBe(true);
  });
  test("a read-only directory degrades to no cache", () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions; a path under a regular file is unopenable for anyone.
      writeFileSync(join(dir, "file"), "");
      const cache = openCache(join(dir, "file", "cache.sqlite"));
      expect(cache.usable).toBe(false);
      expect(cache.get("x")).toBeUndefined();
      return;
    }
    chmodSync(dir, 0o500);
    const cache = openCache(join(dir, "cache.sqlite"));
    expect(cache.get("x")).toBeUndefined();
    chmodSync(dir, 0o700);
  });
});

describe("state roots", () => {
  test("precedence and empty values", () => {
    expect(hookkitStateRoot({ HOOKKIT_STATE_DIR: "/s", XDG_STATE_HOME: "/x", HOME: "/h" }, "linux")).toBe("/s");
    expect(hookkitStateRoot({ HOOKKIT_STATE_DIR: "", XDG_STATE_HOME: "/x", HOME: "/h" }, "linux")).toBe("/x/hookkit");
    expect(hookkitStateRoot({ XDG_STATE_HOME: "", HOME: "/h" }, "linux")).toBe("/h/.local/state/hookkit");
    expect(hookkitStateRoot({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local", HOME: "/h" }, "win32")).toContain("hookkit");
  });
  test("expandHome", () => {
    expect(expandHome("~/x", { HOME: "/h" }, "linux")).toBe("/h/x");
    expect(expandHome("~", { HOME: "/h" }, "linux")).toBe("/h");
    expect(expandHome("/abs/~", { HOME: "/h" }, "linux")).toBe("/abs/~");
  });
});
