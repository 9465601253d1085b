import { expect, test } from "bun:test";
import { foldPath } from "./fold.ts";

test("foldPath folds . and .., keeps a drive, and keeps \\ only for a path that used nothing else", () => {
  expect(foldPath("/a/./b/../c//d/")).toBe("/a/c/d");
  expect(foldPath("/a/../../b")).toBe("/b");
  expect(foldPath("/")).toBe("/");
  expect(foldPath("C:\\Users\\u\\..\\v\\.gstack")).toBe("C:\\Users\\v\\.gstack");
  expect(foldPath("C:\\repo/../x")).toBe("C:/x");
});
