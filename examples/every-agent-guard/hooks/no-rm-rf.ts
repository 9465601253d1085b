// Denies a recursive forced delete in any shell command the agent is about to run, on every host.
// Fail-closed: if this hook cannot decide (it crashes, its input is broken), the command is blocked.
// It declares the one answer it gives (`deny`), so the build can prove every host acts on it: all five
// hosts honour a deny before a shell command, in their own words (docs/host-support.md).
import { answer, defineHook } from "../../../src/index.ts";

/** `rm` with both -r/-R/--recursive and -f/--force, in any order or combination, anywhere in the line. */
export function isRecursiveForceDelete(command: string): boolean {
  for (const segment of command.split(/;|&&|\|\||\||\n/)) {
    const words = segment.trim().split(/\s+/);
    const at = words.findIndex((w) => w === "rm" || w.endsWith("/rm"));
    if (at < 0) continue;
    const flags = words.slice(at + 1).filter((w) => w.startsWith("-"));
    const recursive = flags.some((f) => f === "--recursive" || (/^-[^-]/.test(f) && /[rR]/.test(f)));
    const force = flags.some((f) => f === "--force" || (/^-[^-]/.test(f) && f.includes("f")));
    if (recursive && force) return true;
  }
  return false;
}

export default defineHook({
  name: "no-rm-rf",
  event: "PreToolUse",
  matcher: "Bash",
  timeout: 10,
  failClosed: true,
  answers: ["deny"],
  run(input) {
    const command = String(input.tool_input.command ?? "");
    if (isRecursiveForceDelete(command)) return answer.deny(`no-rm-rf: a recursive forced delete is not allowed here (${command.slice(0, 120)})`);
    return answer.none();
  },
});
