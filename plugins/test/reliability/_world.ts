// Listing a temp "world" before and after runs: every entry outside the allowed roots, with type,
// size, mtime and link target, so any write, new file, deletion or swapped link outside them
// shows up as a changed entry. Symlinks are listed, never followed.
import { lstatSync, readdirSync, readlinkSync } from "node:fs";
import { join, relative, sep } from "node:path";

export type Snapshot = Map<string, string>;

/** Entries of `dir` (recursive), skipping `roots` (absolute) and everything below them. */
export function snapshot(dir: string, roots: string[]): Snapshot {
  const skip = new Set(roots);
  const out: Snapshot = new Map();
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      if (skip.has(p)) continue;
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      const rel = relative(dir, p);
      if (st.isSymbolicLink()) out.set(rel, `link -> ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.set(rel, `dir ${st.mode.toString(8)}`);
        walk(p);
      } else out.set(rel, `file ${st.size} ${st.mtimeMs} ${st.mode.toString(8)}`);
    }
  };
  walk(dir);
  return out;
}

/** Paths added, removed or changed between two snapshots. */
export function changedOutside(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const [p, sig] of after) if (before.get(p) !== sig) changed.push(before.has(p) ? `changed ${p}` : `added ${p}`);
  for (const p of before.keys()) if (!after.has(p)) changed.push(`removed ${p}`);
  return changed.sort();
}

/** True when `p` is `root` or below it (plain path prefix; both absolute). */
export function below(root: string, p: string): boolean {
  return p === root || p.startsWith(root + sep);
}
