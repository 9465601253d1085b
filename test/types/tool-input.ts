// Checked by `tsc --noEmit -p test/types` (test/types/types.test.ts): what an author's editor shows.
// Every `@ts-expect-error` must be an error, so a type that got too loose fails the check too.
import { answer, defineHook } from "../../src/index.ts";

defineHook({
  name: "bash-only",
  event: "PreToolUse",
  matcher: "Bash",
  run(input) {
    const command: string = input.tool_input.command; // a string, not unknown
    const background: boolean | undefined = input.tool_input.run_in_background;
    const name: "Bash" = input.tool_name;
    // @ts-expect-error Bash has no file_path
    input.tool_input.file_path;
    return command.includes("rm -rf") && !background && name ? answer.deny("no") : answer.none();
  },
});

defineHook({
  name: "edit-or-write",
  event: "PostToolUse",
  matcher: "Edit|Write",
  run(input) {
    // @ts-expect-error Codex hands an Edit|Write hook its apply_patch call, which has no file_path
    input.tool_input.file_path;
    if (input.tool_name === "apply_patch") {
      const patch: string = input.tool_input.command;
      const paths: string[] = input.tool_input.files.map((f) => f.move_path ?? f.file_path);
      const action: "add" | "update" | "delete" | undefined = input.tool_input.files[0]?.action;
      return patch && paths && action ? answer.none() : undefined;
    }
    const file: string = input.tool_input.file_path; // Edit and Write both have it
    // @ts-expect-error only Edit has old_string: narrow by tool_name first
    input.tool_input.old_string;
    if (input.tool_name === "Edit") {
      const before: string = input.tool_input.old_string;
      return before && file ? answer.none() : undefined;
    }
    const content: string = input.tool_input.content; // here it is Write
    return content ? answer.none() : undefined;
  },
});

defineHook({
  name: "codex-patches",
  event: "PreToolUse",
  matcher: "apply_patch",
  run(input) {
    const name: "apply_patch" = input.tool_name;
    const files: { file_path: string }[] = input.tool_input.files;
    return name && files ? undefined : undefined;
  },
});

defineHook({
  name: "bash-or-patch",
  event: "PreToolUse",
  matcher: "Bash|apply_patch",
  run(input) {
    if (input.tool_name === "Bash") return input.tool_input.command ? undefined : undefined;
    const patch: string = input.tool_input.command; // apply_patch: the patch text
    return patch ? undefined : undefined;
  },
});

defineHook({
  name: "read-only",
  event: "PreToolUse",
  matcher: "Read",
  run(input) {
    // @ts-expect-error a Read matcher does not select apply_patch
    const never: boolean = input.tool_name === "apply_patch";
    return input.tool_input.file_path && never ? undefined : undefined;
  },
});

defineHook({
  name: "spaced",
  event: "PermissionRequest",
  matcher: "Read | Grep",
  run(input) {
    if (input.tool_name === "Grep") {
      const pattern: string = input.tool_input.pattern;
      return pattern ? undefined : undefined;
    }
    const path: string = input.tool_input.file_path;
    return path ? undefined : undefined;
  },
});

defineHook({
  name: "mcp-anything",
  event: "PreToolUse",
  matcher: "mcp__.*",
  run(input) {
    // a pattern names no built-in tool: the open record, tool_name any string
    const name: string = input.tool_name;
    const value: unknown = input.tool_input.whatever;
    // @ts-expect-error an open record's fields are unknown, not string
    const text: string = input.tool_input.whatever;
    return name && value && text ? undefined : undefined;
  },
});

defineHook({
  name: "no-matcher",
  event: "PreToolUse",
  run(input) {
    const value: unknown = input.tool_input.command;
    // @ts-expect-error without a matcher, tool_input is the open record
    const command: string = input.tool_input.command;
    return value && command ? undefined : undefined;
  },
});
