import { expect, test } from "bun:test";
import { registerHook } from "./scaffold.ts";

test("registerHook adds one line before the closing brace and keeps everything else", () => {
  const registry = `// header
import type { X } from "y";
export const hooks: Record<string, () => Promise<{ default: X }>> = {
  "a": () => import("./a.ts"),
  "b": () => import("./b.ts") // no trailing comma
};
export const other = { keep: true };
`;
  const updated = registerHook(registry, "c")!;
  // the comma goes before the comment, or the comment would swallow it
  expect(updated.split("\n").filter((l) => !registry.split("\n").includes(l))).toEqual([
    `  "b": () => import("./b.ts"), // no trailing comma`,
    `  "c": () => import("./c.ts"),`,
  ]);
  expect(updated.endsWith("export const other = { keep: true };\n")).toBe(true);
});

test("a comment-only last line is skipped when looking for the last entry", () => {
  const registry = 'export const hooks = {\n  "a": () => import("./a.ts")\n  // more below\n};\n';
  expect(registerHook(registry, "c")).toBe('export const hooks = {\n  "a": () => import("./a.ts"),\n  // more below\n  "c": () => import("./c.ts"),\n};\n');
});

test("an empty registry and a missing one", () => {
  expect(registerHook("export const hooks = {};\n", "c")).toBe('export const hooks = {\n  "c": () => import("./c.ts"),\n};\n');
  expect(registerHook("export default {};\n", "c")).toBeUndefined();
});
