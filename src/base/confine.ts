// Keeps writes under a state root from being steered outside it by a symlink planted below the
// root (a session dir, a log file, a hook's state dir). The root itself may be a symlink: that is
// the user's choice (~/.gstack on another disk). Below it, a symlink is followed only when it
// resolves back inside the root. Checked just before each write; a process that can swap links
// between the check and the write could already write to the root's targets itself.
// node:path and node:fs load on the first check (base/lazy.ts): importing this module costs nothing.
import { nodeFs as fs, nodePath } from "./lazy.ts";

/** True when `path` is `root` or below it (lexically; resolve symlinks first where they matter). */
export function isInside(root: string, path: string): boolean {
  const { isAbsolute, relative, resolve, sep } = nodePath();
  const rel = relative(resolve(root), resolve(path));
  // ".._x" is a legitimate name inside root; only ".." itself or "../…" leaves it.
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Why writing `path` would leave `root` through a symlink, or undefined when it would not.
 * Paths not below `root` at all are refused too: a write under a root stays under it.
 */
export function symlinkEscape(root: string, path: string): string | undefined {
  const { dirname, resolve } = nodePath();
  const absRoot = resolve(root);
  const target = resolve(path);
  if (!isInside(absRoot, target)) return `${path} is not under ${root}`;
  const { lstatSync, realpathSync } = fs();
  let realRoot: string;
  try {
    realRoot = realpathSync(absRoot);
  } catch {
    return undefined; // No root yet: nothing below it can be a planted link.
  }
  // Walk from the root down to the target; missing components end the walk (they will be created as real dirs/files).
  const chain: string[] = [];
  for (let p = target; p !== absRoot && p !== dirname(p); p = dirname(p)) chain.unshift(p);
  for (const p of chain) {
    let isLink: boolean;
    try {
      isLink = lstatSync(p).isSymbolicLink();
    } catch {
      return undefined;
    }
    if (!isLink) continue;
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      return `${p} is a dangling symlink`;
    }
    if (!isInside(realRoot, real)) return `${p} is a symlink to ${real}, outside ${root}`;
  }
  return undefined;
}

/** Throws an EACCES-coded error when `path` would escape `root` through a symlink. */
export function assertConfined(root: string | undefined, path: string): void {
  if (root === undefined) return;
  const why = symlinkEscape(root, path);
  if (why) throw Object.assign(new Error(`refusing to write through a symlink: ${why}`), { code: "EACCES" });
}
