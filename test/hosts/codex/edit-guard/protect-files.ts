// Denies any file edit under <cwd>/protected/. On Claude Code the edit is an Edit or Write with one
// file_path; on Codex it is an apply_patch, which hookkit hands over with every file the patch names
// (tool_input.files). The matcher's type makes the compiler ask for both. A patch whose files cannot be
// read is denied too: the guard is fail-closed, so what it cannot judge does not run.
import { answer, defineHook } from "../../../../src/runtime/index.ts";

export default defineHook({
  name: "protect-files",
  event: "PreToolUse",
  matcher: "Edit|Write",
  timeout: 10,
  failClosed: true,
  answers: ["deny"],
  run(input, ctx) {
    const root = `${(input.cwd ?? ctx.cwd).replace(/\/+$/, "")}/protected/`;
    let paths: string[];
    if (input.tool_name === "apply_patch") {
      if (input.tool_input.files.length === 0) return answer.deny("protect-files: a patch whose files cannot be read");
      paths = input.tool_input.files.flatMap((f) => (f.move_path ? [f.file_path, f.move_path] : [f.file_path]));
    } else {
      paths = [input.tool_input.file_path];
    }
    const hit = paths.find((p) => p.startsWith(root));
    return hit ? answer.deny(`protect-files: ${hit} is protected`) : answer.none();
  },
});
