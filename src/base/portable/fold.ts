// Path arithmetic without a file system, for code that runs in both forms (a mod has no node:path).

/**
 * An absolute path with `.` and `..` segments folded and repeated separators made one, as node:path's
 * normalize does for an absolute path. A drive (`C:`) is kept; the separator is `\` only when the path used
 * nothing else, so a Windows path stays one and every other path comes out with `/`.
 */
export function foldPath(path: string): string {
  const drive = /^[A-Za-z]:/.exec(path)?.[0] ?? "";
  const parts: string[] = [];
  for (const part of path.slice(drive.length).split(/[\\/]+/)) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  const sep = path.includes("\\") && !path.includes("/") ? "\\" : "/";
  return `${drive}${sep}${parts.join(sep)}`;
}
