import { expect, test } from "bun:test";
import { dirname, join } from "node:path";
import { joinPath, parentDir } from "./paths.ts";

const cases = [
  ["/home/u", ".local", "state", "hookkit"],
  ["/tmp/x/", "/y", "z"],
  ["relative", "a"],
  ["/"],
  ["/", "a"],
  ["a//b", "c/"],
  ["/state", "..", "escape"],
  ["/state/./x", "y"],
  ["", ""],
  ["a", "b/"],
];

test.each(cases)("joinPath agrees with node:path join for %p", (...parts) => {
  expect(joinPath(...parts)).toBe(join(...parts));
});

test.each(["/a/b/c", "/a", "/", "a/b", "a", "/a/b/"])("parentDir agrees with node:path dirname for %p", (p) => {
  expect(parentDir(p)).toBe(dirname(p));
});
