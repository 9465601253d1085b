// Path joining for hot paths. Importing node:path is paid at every start (docs/startup-costs.md),
// and a hook needs only join/dirname on
// paths it builds from roots it already trusts. Anything subtler (resolve, relative, realpath)
// stays in node:path, loaded where it is needed.
import { nodePath } from "./lazy.ts";

/** A joined POSIX path node:path would rewrite: a doubled separator, a `.`/`..` segment, a trailing `/`. */
const NEEDS_NORMALIZING = /\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$/;

/**
 * node:path's `join`, byte for byte. The common case (plain segments on POSIX) is a string join;
 * anything join would normalise, and every Windows path, goes to node:path itself, loaded then.
 */
export function joinPath(...parts: string[]): string {
  // A loop rather than filter().join(): Array.prototype.filter is JavaScript inside JSC, compiled
  // on its first call in a process (docs/startup-costs.md), and every hook joins paths.
  let joined = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part !== "") joined = joined === "" ? part : `${joined}/${part}`;
  }
  if (process.platform === "win32" || joined === "" || NEEDS_NORMALIZING.test(joined)) {
    return nodePath().join(...parts);
  }
  return joined;
}

/** The parent directory, like node:path's dirname for the paths joinPath builds. */
export function parentDir(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/[\\/]+$/, "") : path;
  const cut = Math.max(trimmed.lastIndexOf("/"), process.platform === "win32" ? trimmed.lastIndexOf("\\") : -1);
  if (cut < 0) return ".";
  if (cut === 0) return trimmed[0]!;
  if (process.platform === "win32" && /^[A-Za-z]:[\\/]?$/.test(trimmed.slice(0, cut + 1))) return trimmed.slice(0, cut + 1);
  return trimmed.slice(0, cut);
}

export { safeSegment } from "./portable/segment.ts";
