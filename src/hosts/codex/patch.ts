// The files a Codex apply_patch call touches, read from the patch's own headers, so that a hook written
// against Claude Code's Edit/Write (one file_path) can judge a patch by the paths it names. The grammar
// is the one Codex 0.171.0 offers the model (docs/protocol/codex.md):
//
//   *** Begin Patch
//   *** Add File: <path>            followed by "+" lines
//   *** Delete File: <path>
//   *** Update File: <path>         optionally followed by "*** Move to: <path>", then @@ / +-space lines
//   *** End Patch
//
// Codex applies nothing unless the envelope is there, so a patch without it names no files. Inside the
// envelope every header line is taken, even one that Codex would read as content (a context line " ***
// Add File: x"): reporting a path too many makes a guard stricter, never blinder. Pure string work, no
// node: modules: this runs on every hook's start path.
import type { PatchedFile } from "../../protocol/tools.ts";

const BEGIN = "*** Begin Patch";
const END = "*** End Patch";
const HEADERS: [string, PatchedFile["action"]][] = [
  ["*** Add File:", "add"],
  ["*** Delete File:", "delete"],
  ["*** Update File:", "update"],
];
const MOVE = "*** Move to:";
const END_OF_FILE = "*** End of File";

/** Every file `patch` adds, updates, deletes or moves, with paths resolved against `cwd`; [] when it does not parse. */
export function patchedFiles(patch: unknown, cwd: string | undefined): PatchedFile[] {
  if (typeof patch !== "string") return [];
  // Right-trimmed only: a line that starts with a space is content (context) to Codex, whatever follows.
  const lines = unwrapHeredoc(withoutBlankEnds(patch.split(/\r?\n/).map((l) => l.trimEnd())));
  if (lines[0]?.trim() !== BEGIN || lines[lines.length - 1]?.trim() !== END || lines.length < 3) return [];
  const files: PatchedFile[] = [];
  let updateAt = -1; // the line of the latest Update File: header, which a Move to: must follow directly
  for (let i = 1; i < lines.length - 1; i++) {
    const raw = lines[i]!;
    const line = raw.trimStart();
    if (line.startsWith(MOVE)) {
      const target = line.slice(MOVE.length).trim();
      if (updateAt !== i - 1 || !target) return [];
      files[files.length - 1]!.move_path = resolvePath(target, cwd);
      continue;
    }
    const header = HEADERS.find(([prefix]) => line.startsWith(prefix));
    if (header) {
      const path = line.slice(header[0].length).trim();
      if (!path) return [];
      files.push({ action: header[1], file_path: resolvePath(path, cwd) });
      if (header[1] === "update") updateAt = i;
    } else if (raw.startsWith("***") && raw !== END_OF_FILE) {
      return []; // a marker Codex does not know: it rejects the patch
    }
  }
  return files;
}

/**
 * Codex also accepts the patch as a shell heredoc body (`<<'EOF'` … `EOF`), as models write it when they
 * call apply_patch like a command; the envelope is then inside.
 */
function unwrapHeredoc(lines: string[]): string[] {
  const first = (lines[0] ?? "").trim();
  const opener = /^(?:apply_patch\s*)?<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1$/.exec(first);
  if (!opener) return lines;
  if (lines[lines.length - 1]?.trim() !== opener[2]) return lines;
  return withoutBlankEnds(lines.slice(1, -1));
}

function withoutBlankEnds(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === "") start++;
  while (end > start && lines[end - 1] === "") end--;
  return lines.slice(start, end);
}

/** `path` made absolute against `cwd` (kept as is when already absolute or when there is no cwd), with . and .. folded. */
export function resolvePath(path: string, cwd: string | undefined): string {
  if (path.startsWith("\\\\")) return path; // a UNC path: left to the host
  const windows = /^[A-Za-z]:[\\/]/.test(path) || /^[A-Za-z]:[\\/]/.test(cwd ?? "");
  const absolute = path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path);
  const whole = absolute || !cwd ? path : `${cwd}/${path}`;
  const sep = windows ? "\\" : "/";
  const parts = whole.split(/[\\/]+/);
  const root = parts[0] === "" ? "" : /^[A-Za-z]:$/.test(parts[0]!) ? parts[0]! : undefined;
  const out: string[] = [];
  for (const part of root === undefined ? parts : parts.slice(1)) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (root === undefined) out.push("..");
      continue;
    }
    out.push(part);
  }
  if (root === undefined) return out.join(sep) || ".";
  return `${root}${sep}${out.join(sep)}`;
}

/**
 * A shell command that runs apply_patch: Codex 0.171.0 intercepts `apply_patch <<'EOF' … EOF` and `cd
 * <dir> && apply_patch <<'EOF' … EOF` and applies the patch itself, while its hooks see only a Bash call
 * (observed). Returns the files the patch names (resolved against `cd`'s directory), [] when apply_patch
 * is run in any other way (where Codex puts its own apply_patch helper on PATH, that edits files too,
 * unread here), and undefined when the command does not run apply_patch at all.
 */
export function shellPatchFiles(command: unknown, cwd: string | undefined): PatchedFile[] | undefined {
  // apply_patch in a command position: first, or after ; & | ( ` or a line break (not an argument: `grep apply_patch`).
  if (typeof command !== "string" || !/(?:^|[;&|(`\n])\s*apply_patch(?:$|[\s<;&|)`])/.test(command)) return undefined;
  const direct = /^\s*(?:cd\s+('[^']*'|"[^"]*"|[^\s;&|'"]+)\s*&&\s*)?(apply_patch\s*<<[\s\S]*)$/.exec(command);
  if (!direct) return [];
  const dir = direct[1] === undefined ? cwd : resolvePath(direct[1].replace(/^(['"])(.*)\1$/, "$2"), cwd);
  return patchedFiles(direct[2], dir);
}
