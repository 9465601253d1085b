// Planted symlinks below a state root must not steer writes outside it (found by the reliability
// suite, test/reliability/hostile-paths.test.ts). Real files and links in a temp dir.
import { afterEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCache } from "../kit/cache.ts";
import { symlinkEscape } from "./confine.ts";
import { appendLine, atomicWrite } from "../kit/files.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function world() {
  const dir = mkdtempSync(join(tmpdir(), "confine-"));
  dirs.push(dir);
  const root = join(dir, "root");
  const outside = join(dir, "outside");
  mkdirSync(root, { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, "victim"), "keep\n");
  return { dir, root, outside };
}

test("a symlinked dir or file below the root that leads outside is refused; links staying inside are fine", () => {
  const { root, outside } = world();
  symlinkSync(outside, join(root, "out-dir"));
  symlinkSync(join(outside, "victim"), join(root, "out-file"));
  mkdirSync(join(root, "real"));
  symlinkSync(join(root, "real"), join(root, "in-dir"));
  symlinkSync(join(outside, "missing"), join(root, "dangling"));
  expect(symlinkEscape(root, join(root, "out-dir", "x", "y"))).toContain("outside");
  expect(symlinkEscape(root, join(root, "out-file"))).toContain("outside");
  expect(symlinkEscape(root, join(root, "dangling"))).toContain("dangling");
  expect(symlinkEscape(root, join(root, "in-dir", "x"))).toBeUndefined();
  expect(symlinkEscape(root, join(root, "new", "deeper", "file"))).toBeUndefined();
  expect(symlinkEscape(root, join(root, "..", "outside", "victim"))).toContain("not under");
});

test("the root itself may be a symlink (the user's choice)", () => {
  const { dir, outside } = world();
  const linkedRoot = join(dir, "linked-root");
  symlinkSync(outside, linkedRoot);
  expect(symlinkEscape(linkedRoot, join(linkedRoot, "a", "b"))).toBeUndefined();
  appendLine(join(linkedRoot, "a", "log"), "line", linkedRoot);
  expect(readFileSync(join(outside, "a", "log"), "utf8")).toBe("line\n");
});

test("appendLine, atomicWrite and openCache with a root never write through a planted link", () => {
  const { root, outside } = world();
  symlinkSync(outside, join(root, "out-dir"));
  symlinkSync(join(outside, "victim"), join(root, "log"));
  expect(() => appendLine(join(root, "log"), "x", root)).toThrow(/symlink/);
  expect(() => appendLine(join(root, "out-dir", "new", "log"), "x", root)).toThrow(/symlink/);
  expect(() => atomicWrite(join(root, "out-dir", "cache.json"), "{}", undefined, root)).toThrow(/symlink/);
  // A link at the target itself is replaced by the rename, never written through.
  atomicWrite(join(root, "log"), "fresh", undefined, root);
  expect(readFileSync(join(root, "log"), "utf8")).toBe("fresh");
  const errors: string[] = [];
  const cache = openCache(join(root, "out-dir", "cache.sqlite"), (m) => errors.push(m), root);
  cache.set("k", "v");
  expect([cache.usable, cache.get("k")]).toEqual([false, undefined]);
  expect(errors[0]).toContain("symlink");
  expect(readFileSync(join(outside, "victim"), "utf8")).toBe("keep\n");
  expect(existsSync(join(outside, "new"))).toBe(false);
  expect(existsSync(join(outside, "cache.sqlite"))).toBe(false);
  expect(existsSync(join(outside, "cache.json"))).toBe(false);
});
