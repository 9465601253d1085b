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
];

test.each(cases)("joinPath agrees with node:path join for %p", (...parts) => {
  const trim = (p: string) => (p.length > 1 ? p.replace(/\/$/, "") : p);
  expect(trim(joinPath(...parts))).toBe(trim(join(...parts)));
});

test.each(["/a/b/c", "/a", "/", "a/b", "a", "/a/b/"])("parentDir agrees with node:path dirname for %p", (p) => {
  expect(parentDir(p)).toBe(dirname(p));
});
