/**
 * The project slug, computed the way gstack's writers (`bin/gstack-slug`) compute it, so the
 * hook reads the same `projects/<slug>/` folder that `gstack-question-preference --write`
 * wrote. The original hook used basename(cwd) and so never found project preferences in any
 * repository with a remote.
 */
import { remoteUrl } from "../../kit/git.ts";
import { join } from "./paths.ts";
import { nodePath } from "../../base/lazy.ts";
import { readTextIfExists } from "../../base/stat.ts";

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

/** node:path's basename; the POSIX case without loading node:path. */
function baseName(path: string): string {
  if (process.platform === "win32") return nodePath().basename(path);
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

export function basenameSlug(cwd: string): string | undefined {
  return sanitizeSlug(baseName(cwd));
}

/**
 * Precedence: GSTACK_PROJECT_SLUG, the slug cache, the origin remote as owner-repo,
 * basename(cwd); each sanitized, and a value that sanitizes to nothing falls through.
 * Only the git fallback (no slug cache yet for this cwd) reads synchronously through node:fs.
 */
export async function projectSlug(cwd: string, stateRoot: string, envSlug: string | undefined): Promise<string> {
  const fromEnv = envSlug ? sanitizeSlug(envSlug) : undefined;
  if (fromEnv) return fromEnv;
  // A missing entry (or a cwd too long for a file name) reads as undefined: then compute it.
  const cachedText = await readTextIfExists(slugCachePath(stateRoot, cwd));
  const cached = cachedText === undefined ? undefined : sanitizeSlug(cachedText.trim());
  return cached ?? slugOfRemote(cwd, remoteUrl(cwd));
}

function slugOfRemote(cwd: string, url: string | undefined): string {
  const fromRemote = url ? sanitizeSlug(slugFromRemote(url.trim())) : undefined;
  return fromRemote ?? basenameSlug(cwd) ?? "unknown";
}
