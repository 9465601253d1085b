/**
 * Read git facts straight from the repository's files, without starting a git process.
 *
 * A hook on a hot path cannot afford `git remote get-url origin` (a fork+exec of git costs
 * more than the whole hook). The few facts hooks need — where the repository is and what
 * its remotes point at — are plain text files: `.git` (a directory, or for worktrees and
 * submodules a file `gitdir: <path>`), `<gitdir>/commondir` (worktrees share the main
 * repository's config) and `<commondir>/config` (git's INI dialect).
 *
 * Not covered (git would honour them): `include.path`/`includeIf`, `url.<base>.insteadOf`
 * rewriting, `GIT_DIR`/`GIT_CONFIG*` env overrides, per-worktree `config.worktree`.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";

export interface GitRepo {
  /** The working tree's top directory (where `.git` was found). */
  workTree: string;
  /** This working tree's git directory (`.git`, or `.git/worktrees/<name>` for a worktree). */
  gitDir: string;
  /** The directory holding the shared config and refs (differs from gitDir for worktrees). */
  commonDir: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function kindOf(path: string): "dir" | "file" | undefined {
  try {
    const st = statSync(path);
    return st.isDirectory() ? "dir" : st.isFile() ? "file" : undefined;
  } catch {
    return undefined;
  }
}

/** Resolve a `.git` file (`gitdir: <path>`, relative paths are relative to the file's folder). */
function followGitFile(dotGit: string): string | undefined {
  const text = readText(dotGit);
  const match = text?.match(/^gitdir:\s*(.+?)\s*$/m);
  if (!match?.[1]) return undefined;
  const target = match[1];
  return isAbsolute(target) ? target : resolve(dirname(dotGit), target);
}

/** Walk up from `start` to the nearest directory containing `.git`, as git itself does. */
export function findGitRepo(start: string): GitRepo | undefined {
  let dir = resolve(start);
  for (;;) {
    const dotGit = join(dir, ".git");
    const kind = kindOf(dotGit);
    const gitDir = kind === "dir" ? dotGit : kind === "file" ? followGitFile(dotGit) : undefined;
    if (gitDir && kindOf(gitDir) === "dir") {
      const common = readText(join(gitDir, "commondir"))?.trim();
      const commonDir = common ? (isAbsolute(common) ? common : resolve(gitDir, common)) : gitDir;
      return { workTree: dir, gitDir, commonDir };
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Parse git's config format into `section[.subsection].key` → values (in file order).
 * Section and key names are case-insensitive (lower-cased here); subsections keep their case.
 */
export function parseGitConfig(text: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  let section = "";
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const header = line.match(/^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\](.*)$/);
    if (header) {
      const name = header[1]!.toLowerCase();
      // `[remote "origin"]` keeps the subsection's case; legacy `[remote.origin]` is lower-cased.
      section = header[2] !== undefined ? `${name}.${header[2].replace(/\\(.)/g, "$1")}` : name;
      line = header[3]!.trim();
      if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    }
    const kv = line.match(/^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/);
    if (!kv || !section) continue;
    let raw = kv[2] ?? "true";
    // A trailing backslash continues the value on the next line.
    while (raw.endsWith("\\") && i + 1 < lines.length) raw = raw.slice(0, -1) + lines[++i]!;
    const key = `${section}.${kv[1]!.toLowerCase()}`;
    const list = entries.get(key) ?? [];
    list.push(parseValue(raw));
    entries.set(key, list);
  }
  return entries;
}

/** Strip quotes, unescape, cut inline comments outside quotes, trim unquoted whitespace. */
function parseValue(raw: string): string {
  let out = "";
  let quoted = false;
  let pendingSpace = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "\\" && i + 1 < raw.length) {
      const n = raw[++i]!;
      out += pendingSpace + (n === "n" ? "\n" : n === "t" ? "\t" : n === "b" ? "\b" : n);
      pendingSpace = "";
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === "#" || c === ";")) {
      break;
    } else if (!quoted && (c === " " || c === "\t")) {
      if (out) pendingSpace += c;
    } else {
      out += pendingSpace + c;
      pendingSpace = "";
    }
  }
  return out;
}

/** The first `url` of remote `name` for the repository enclosing `start`, like `git remote get-url`. */
export function remoteUrl(start: string, name = "origin"): string | undefined {
  const repo = findGitRepo(start);
  if (!repo) return undefined;
  const text = readText(join(repo.commonDir, "config"));
  if (text === undefined) return undefined;
  return parseGitConfig(text).get(`remote.${name}.url`)?.[0];
}
