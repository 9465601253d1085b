import { expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unifiedDiff } from "./diff.ts";

test("matches diff -u hunks (headers aside), so the output can be applied with patch", async () => {
  const before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n";
  const after = "a\nb\nX\nc\nd\ne\nf\ng\nh\ni\nk\nZ\n";
  const dir = mkdtempSync(join(tmpdir(), "diff-"));
  writeFileSync(join(dir, "a"), before);
  writeFileSync(join(dir, "b"), after);
  const expected = await Bun.$`diff -u ${join(dir, "a")} ${join(dir, "b")}`.nothrow().text();
  const body = (text: string) => text.split("\n").slice(2).join("\n");
  expect(body(unifiedDiff(before, after, "f"))).toBe(body(expected));
});

test("equal texts give no diff; a new file is all additions", () => {
  expect(unifiedDiff("x\n", "x\n", "f")).toBe("");
  expect(unifiedDiff("", "x\ny\n", "f")).toBe("--- f\n+++ f (after)\n@@ -0,0 +1,2 @@\n+x\n+y\n");
});
