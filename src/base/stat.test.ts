import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exists, quickStat, readTextIfExists } from "./stat.ts";

const dir = mkdtempSync(join(tmpdir(), "hk-stat-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("quickStat", () => {
  test("a file: its size and its mtime in whole ms, as statSync has them", () => {
    const p = join(dir, "f.txt");
    writeFileSync(p, "hello");
    const st = quickStat(p);
    expect(st).toEqual({ size: 5, mtimeMs: Math.trunc(statSync(p).mtimeMs) });
  });

  test("an empty file exists (size 0 is not 'missing')", () => {
    const p = join(dir, "empty");
    writeFileSync(p, "");
    expect(quickStat(p)?.size).toBe(0);
    expect(exists(p)).toBe(true);
  });

  test("a missing path, a missing parent and a dangling symlink are undefined", () => {
    expect(quickStat(join(dir, "nope"))).toBeUndefined();
    expect(quickStat(join(dir, "no", "such", "file"))).toBeUndefined();
    symlinkSync(join(dir, "gone"), join(dir, "dangling"));
    expect(exists(join(dir, "dangling"))).toBe(false);
  });

  test("a path with a NUL byte or too long for the OS is 'nothing there', never a throw", async () => {
    expect(quickStat(join(dir, "a\u0000b"))).toBeUndefined();
    expect(exists(join(dir, "x".repeat(5000)))).toBe(false);
    expect(await readTextIfExists(join(dir, "a\u0000b"))).toBeUndefined();
  });

  test("a directory exists", () => {
    mkdirSync(join(dir, "sub"));
    expect(exists(join(dir, "sub"))).toBe(true);
  });

  test("a directory's record survives JSON (Bun gives its size as Infinity on Windows, which JSON turns into null)", () => {
    mkdirSync(join(dir, "kept"));
    const st = quickStat(join(dir, "kept"))!;
    expect(Number.isFinite(st.size)).toBe(true);
    expect(JSON.parse(JSON.stringify(st))).toEqual(st);
  });
});

describe("readTextIfExists", () => {
  test("keeps a BOM, as readFileSync(p, 'utf8') does", async () => {
    const p = join(dir, "bom.json");
    writeFileSync(p, "\uFEFF{}");
    expect(await readTextIfExists(p)).toBe("\uFEFF{}");
  });

  test("missing or a directory: undefined, never a throw", async () => {
    expect(await readTextIfExists(join(dir, "nope"))).toBeUndefined();
    mkdirSync(join(dir, "d"));
    expect(await readTextIfExists(join(dir, "d"))).toBeUndefined();
  });
});
