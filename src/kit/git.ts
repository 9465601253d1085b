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
import { joinPath, parentDir } from "../base/paths.ts";
import { nodeFs as fs, nodePath as path } from "../base/lazy.ts";

// node:fs and node:path are loaded on first use (docs/startup-costs.md): a hook importing this
// module pays for them only when it reads a repository, and node:path not even then for a plain
// absolute path in a repository with a `.git` directory.

export interface GitRepo {
  /** The working tree's top directory (where `.git` was found). */
  workTree: string;
  /** This working tree's git directory (`.git`, or `.git/worktrees/<name>` for a worktree). */
  gitDir: string;
  /** The directory holding the shared config and refs (differs from gitDir for worktrees). */
  commonDir: string;
}

type Kind = "dir" | "file" | undefined;

const syncReader = {
  text(p: string): string | undefined {
    try {
      return fs().readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  },
  kind(p: string): Kind {
    try {
      const st = fs().statSync(p);
      return st.isDirectory() ? "dir" : st.isFile() ? "file" : undefined;
    } catch {
      return undefined;
    }
  },
};

// A POSIX absolute path that node:path's resolve/join/dirname would leave as it is (no `.`/`..`
// segment, no doubled or trailing separator): kit/paths computes the same strings for it.
const PLAIN_ABSOLUTE = /^\/(?:[^/]+(?:\/[^/]+)*)?$/;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;
const isPlain = (p: string) => process.platform !== "win32" && PLAIN_ABSOLUTE.test(p) && !DOT_SEGMENT.test(p);

const resolveFrom = (p: string) => (isPlain(p) ? p : path().resolve(p));
const joinUnder = (dir: string, name: string) => (isPlain(dir) ? joinPath(dir, name) : path().join(dir, name));
const parentOf = (dir: string) => (isPlain(dir) ? parentDir(dir) : path().dirname(dir));

/** Resolve a `.git` file (`gitdir: <path>`, relative paths are relative to the file's folder). */
function gitFileTarget(dotGit: string, text: string | undefined): string | undefined {
  const match = text?.match(/^gitdir:\s*(.+?)\s*$/m);
  if (!match?.[1]) return undefined;
  const target = match[1];
  const { isAbsolute, resolve, dirname } = path();
  return isAbsolute(target) ? target : resolve(dirname(dotGit), target);
}

function commonDirOf(gitDir: string, text: string | undefined): string {
  const common = text?.trim();
  if (!common) return gitDir;
  const { isAbsolute, resolve } = path();
  return isAbsolute(common) ? common : resolve(gitDir, common);
}

/** Walk up from `start` to the nearest directory containing `.git`, as git itself does. */
export function findGitRepo(start: string): GitRepo | undefined {
  const r = syncReader;
  let dir = resolveFrom(start);
  for (;;) {
    const dotGit = joinUnder(dir, ".git");
    const kind = r.kind(dotGit);
    const gitDir = kind === "dir" ? dotGit : kind === "file" ? gitFileTarget(dotGit, r.text(dotGit)) : undefined;
    if (gitDir && (kind === "dir" || r.kind(gitDir) === "dir")) {
      return { workTree: dir, gitDir, commonDir: commonDirOf(gitDir, r.text(joinUnder(gitDir, "commondir"))) };
    }
    const parent = parentOf(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export { parseGitConfig } from "../base/portable/git-config.ts";
import { parseGitConfig } from "../base/portable/git-config.ts";

/** The first `url` of remote `name` for the repository enclosing `start`, like `git remote get-url`. */
export function remoteUrl(start: string, name = "origin"): string | undefined {
  const repo = findGitRepo(start);
  if (!repo) return undefined;
  return urlOf(syncReader.text(joinUnder(repo.commonDir, "config")), name);
}

function urlOf(config: string | undefined, name: string): string | undefined {
  if (config === undefined) return undefined;
  return parseGitConfig(config).get(`remote.${name}.url`)?.[0];
}
