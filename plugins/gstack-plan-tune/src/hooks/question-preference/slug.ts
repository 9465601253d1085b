/**
 * The project slug, computed the way gstack's writers (`bin/gstack-slug`) compute it, so the
 * hook reads the same `projects/<slug>/` folder that `gstack-question-preference --write`
 * wrote. The original hook used basename(cwd) and so never found project preferences in any
 * repository with a remote.
 */
import { foldPath, parseGitConfig, type Portable } from "hookkit/portable";
import { join } from "./paths.ts";

/** gstack-slug's `tr -cd 'a-zA-Z0-9._-'`; `.`/`..`/empty are refused so a slug is always one safe segment. */
export function sanitizeSlug(raw: string): string | undefined {
  const slug = raw.replace(/[^a-zA-Z0-9._-]/g, "");
  return slug && slug !== "." && slug !== ".." ? slug : undefined;
}

// `owner-repo` from a remote URL, reproducing gstack-slug's
//   sed 's|.*[:/]\([^/]*/[^/]*\)\.git$|\1|;s|.*[:/]\([^/]*/[^/]*\)$|\1|' | tr '/' '-'
export function slugFromRemote(url: string): string {
  const first = url.replace(/^.*[:/]([^/]*\/[^/]*)\.git$/, "$1");
  return first.replace(/^.*[:/]([^/]*\/[^/]*)$/, "$1").replaceAll("/", "-");
}

/** Where gstack-slug caches the slug for a working directory. */
export function slugCachePath(stateRoot: string, cwd: string): string {
  return join(stateRoot, "slug-cache", cwd.replaceAll("/", "_"));
}

/** The last segment of a path (node:path's basename, trailing separators ignored; `\\` counts on Windows paths). */
function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, "");
  return trimmed.slice(Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\")) + 1);
}

const isAbsolute = (path: string) => path.startsWith("/") || path.startsWith("\\") || /^[A-Za-z]:[\\/]/.test(path);

/** `rel` resolved against the folder `base`, with `.` and `..` segments folded (node:path's resolve for absolute `base`). */
export function resolveFrom(base: string, rel: string): string {
  return foldPath(isAbsolute(rel) ? rel : `${base.replace(/[\\/]+$/, "")}/${rel}`);
}

/** The parent folder, or undefined at the top. */
function parentOf(dir: string): string | undefined {
  const resolved = resolveFrom(dir, ".");
  const cut = resolved.lastIndexOf("/");
  const prefix = /^[A-Za-z]:/.exec(resolved)?.[0].length ?? 0;
  if (resolved.length <= prefix + 1) return undefined;
  return cut <= prefix ? resolved.slice(0, prefix + 1) : resolved.slice(0, cut);
}

async function readIfReadable(io: Portable, path: string): Promise<string | undefined> {
  try {
    return await io.readText(path);
  } catch {
    return undefined; // a folder, or no permission
  }
}

/**
 * The `origin` remote's URL for the repository enclosing `start`, like `git remote get-url origin`, read
 * from git's files through the portable context (no git process): `.git` (a folder, or for worktrees
 * and submodules a file `gitdir: <path>`), `<gitdir>/commondir` (worktrees share the main repository's
 * config) and `<commondir>/config`.
 */
export async function originUrl(io: Portable, start: string): Promise<string | undefined> {
  const dirs: string[] = [];
  for (let dir: string | undefined = resolveFrom(start, "."); dir !== undefined; dir = parentOf(dir)) dirs.push(dir);
  // Asked all at once: in the mod each is a round trip to the host, and the nearest one that holds a
  // repository wins as it would walking up one by one.
  const present = await Promise.all(dirs.map((dir) => io.exists(join(dir, ".git"))));
  for (const [i, dir] of dirs.entries()) {
    const dotGit = join(dir, ".git");
    if (!present[i]) continue;
    const text = await readIfReadable(io, dotGit);
    let gitDir: string | undefined;
    if (text === undefined) gitDir = dotGit; // a folder
    else {
      const target = /^gitdir:\s*(.+?)\s*$/m.exec(text)?.[1];
      gitDir = target && (await io.exists(resolveFrom(dir, target))) ? resolveFrom(dir, target) : undefined;
    }
    if (!gitDir) continue;
    const common = (await readIfReadable(io, join(gitDir, "commondir")))?.trim();
    const commonDir = common ? resolveFrom(gitDir, common) : gitDir;
    const config = await readIfReadable(io, join(commonDir, "config"));
    return config === undefined ? undefined : parseGitConfig(config).get("remote.origin.url")?.[0];
  }
  return undefined;
}

export function basenameSlug(cwd: string): string | undefined {
  return sanitizeSlug(baseName(cwd));
}

/**
 * Precedence: GSTACK_PROJECT_SLUG, the slug cache, the origin remote as owner-repo,
 * basename(cwd); each sanitized, and a value that sanitizes to nothing falls through.
 * The git fallback runs only when there is no slug cache for this cwd.
 */
export async function projectSlug(io: Portable, cwd: string, stateRoot: string, envSlug: string | undefined): Promise<string> {
  const fromEnv = envSlug ? sanitizeSlug(envSlug) : undefined;
  if (fromEnv) return fromEnv;
  // A missing entry (or a cwd too long for a file name) reads as undefined: then compute it.
  const cachedText = await readIfReadable(io, slugCachePath(stateRoot, cwd));
  const cached = cachedText === undefined ? undefined : sanitizeSlug(cachedText.trim());
  return cached ?? slugOfRemote(cwd, await originUrl(io, cwd));
}

function slugOfRemote(cwd: string, url: string | undefined): string {
  const fromRemote = url ? sanitizeSlug(slugFromRemote(url.trim())) : undefined;
  return fromRemote ?? basenameSlug(cwd) ?? "unknown";
}
