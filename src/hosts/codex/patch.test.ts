import { describe, expect, test } from "bun:test";
import { patchedFiles, resolvePath, shellPatchFiles } from "./patch.ts";

const CWD = "/work/p";
const patch = (...body: string[]) => ["*** Begin Patch", ...body, "*** End Patch", ""].join("\n");

describe("patchedFiles", () => {
  test("an added file, resolved against the cwd", () => {
    expect(patchedFiles(patch("*** Add File: notes/hello.txt", "+hello"), CWD)).toEqual([{ action: "add", file_path: "/work/p/notes/hello.txt" }]);
  });

  test("an update, a delete and a move, in patch order", () => {
    const text = patch(
      "*** Update File: src/a.ts",
      "@@ function a()",
      " keep",
      "-old",
      "+new",
      "*** Delete File: src/gone.ts",
      "*** Update File: src/old-name.ts",
      "*** Move to: lib/new-name.ts",
      "@@",
      "-x",
      "+y",
      "*** End of File",
    );
    expect(patchedFiles(text, CWD)).toEqual([
      { action: "update", file_path: "/work/p/src/a.ts" },
      { action: "delete", file_path: "/work/p/src/gone.ts" },
      { action: "update", file_path: "/work/p/src/old-name.ts", move_path: "/work/p/lib/new-name.ts" },
    ]);
  });

  test("several added files; content lines that look like headers are content", () => {
    const text = patch("*** Add File: a.txt", "+*** Add File: not-a-file.txt", "*** Add File: b.txt", "+b");
    expect(patchedFiles(text, CWD).map((f) => f.file_path)).toEqual(["/work/p/a.txt", "/work/p/b.txt"]);
  });

  test("a context line that starts with *** is content, and an indented header inside a hunk is still reported", () => {
    const text = patch("*** Update File: a.md", "@@", " *** not a marker", "-x", "+y", "  *** Add File: b.txt");
    expect(patchedFiles(text, CWD).map((f) => f.file_path)).toEqual(["/work/p/a.md", "/work/p/b.txt"]);
  });

  test("an absolute path stays; .. and . are folded, so a guard compares the real target", () => {
    expect(patchedFiles(patch("*** Delete File: /etc/hosts"), CWD)).toEqual([{ action: "delete", file_path: "/etc/hosts" }]);
    expect(patchedFiles(patch("*** Update File: ./src/../protected/./key.pem", "@@", "-a", "+b"), CWD)[0]!.file_path).toBe("/work/p/protected/key.pem");
  });

  test("CRLF line ends, indented markers and a heredoc wrapper, as Codex accepts them", () => {
    expect(patchedFiles("*** Begin Patch\r\n*** Add File: a.txt\r\n+a\r\n*** End Patch\r\n", CWD)).toEqual([{ action: "add", file_path: "/work/p/a.txt" }]);
    expect(patchedFiles("  *** Begin Patch\n  *** Delete File: a.txt  \n*** End Patch  ", CWD)).toEqual([{ action: "delete", file_path: "/work/p/a.txt" }]);
    expect(patchedFiles(`<<'EOF'\n${patch("*** Delete File: a.txt")}EOF\n`, CWD)).toEqual([{ action: "delete", file_path: "/work/p/a.txt" }]);
  });

  test("a malformed patch names no files, and nothing throws", () => {
    const malformed: unknown[] = [
      undefined,
      null,
      42,
      { patch: "*** Begin Patch" },
      "",
      "*** Begin Patch",
      "*** Begin Patch\n*** End Patch",
      "*** Add File: a.txt\n+a\n", // no envelope: Codex applies nothing
      "*** Begin Patch\n*** Add File: a.txt\n+a\n", // no end
      "garbage\n*** Begin Patch\n*** Add File: a.txt\n+a\n*** End Patch", // text before the envelope
      patch("*** Add File: "), // no path
      patch("*** Move to: b.txt"), // a move with no update before it
      patch("*** Update File: a.txt", "@@", "-a", "+b", "*** Move to: b.txt"), // a move not right after its header
      patch("*** Update File: a.txt", "*** Move to: "),
      patch("*** Add File: a.txt", "+a", "*** Rename File: b.txt"), // a marker Codex does not know
      `<<EOF\n${patch("*** Delete File: a.txt")}NOTEOF\n`,
      "\u0000\uffff*** Begin Patch\u2028",
    ];
    for (const text of malformed) expect([text, patchedFiles(text, CWD)]).toEqual([text, []]);
  });

  test("without a cwd a relative path is kept relative (folded)", () => {
    expect(patchedFiles(patch("*** Delete File: ./a/../b.txt"), undefined)).toEqual([{ action: "delete", file_path: "b.txt" }]);
  });
});

describe("resolvePath", () => {
  test("POSIX and Windows paths", () => {
    expect(resolvePath("a/b", "/work/p")).toBe("/work/p/a/b");
    expect(resolvePath("../../../x", "/work/p")).toBe("/x");
    expect(resolvePath("src\\a.ts", "C:\\work\\p")).toBe("C:\\work\\p\\src\\a.ts");
    expect(resolvePath("D:/other/a.ts", "C:\\work\\p")).toBe("D:\\other\\a.ts");
    expect(resolvePath("\\\\server\\share\\a.ts", "C:\\work")).toBe("\\\\server\\share\\a.ts");
  });
});

describe("shellPatchFiles", () => {
  const body = patch("*** Update File: a.txt", "@@", "-a", "+b");
  test("the two forms Codex applies itself: apply_patch <<EOF, and cd <dir> && apply_patch <<EOF", () => {
    expect(shellPatchFiles(`apply_patch <<'EOF'\n${body}EOF`, CWD)).toEqual([{ action: "update", file_path: "/work/p/a.txt" }]);
    expect(shellPatchFiles(`apply_patch <<"PATCH"\n${body}PATCH\n`, CWD)).toEqual([{ action: "update", file_path: "/work/p/a.txt" }]);
    expect(shellPatchFiles(`cd sub/dir && apply_patch <<EOF\n${body}EOF`, CWD)).toEqual([{ action: "update", file_path: "/work/p/sub/dir/a.txt" }]);
    expect(shellPatchFiles(`cd '/other place' && apply_patch <<'EOF'\n${body}EOF`, CWD)).toEqual([{ action: "update", file_path: "/other place/a.txt" }]);
  });
  test("apply_patch run any other way names no files; a command that does not run it is not a patch", () => {
    expect(shellPatchFiles("cat x.diff | apply_patch", CWD)).toEqual([]);
    expect(shellPatchFiles(`echo hi && apply_patch <<'EOF'\n${body}EOF`, CWD)).toEqual([]);
    expect(shellPatchFiles(`apply_patch <<'EOF'\n${body}`, CWD)).toEqual([]); // heredoc never closed
    expect(shellPatchFiles("ls -la", CWD)).toBeUndefined();
    expect(shellPatchFiles("grep -rn apply_patch src", CWD)).toBeUndefined();
    expect(shellPatchFiles("ls; (apply_patch < p.diff)", CWD)).toEqual([]);
    expect(shellPatchFiles(undefined, CWD)).toBeUndefined();
  });
});
