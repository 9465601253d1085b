// A unified line diff for `install --dry-run`. Settings files are small, so a plain LCS table is
// enough and keeps us free of a diff dependency.
type Op = { kind: " " | "-" | "+"; text: string; a: number; b: number };

function lineOps(before: string[], after: string[]): Op[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j] = length of the common subsequence of before[i..] and after[j..]
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) ops.push({ kind: " ", text: before[i++]!, a: i, b: ++j });
    else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ kind: "+", text: after[j++]!, a: i, b: j });
    else ops.push({ kind: "-", text: before[i++]!, a: i, b: j });
  }
  return ops;
}

const splitLines = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/** Unified diff of two texts; "" when they are equal. */
export function unifiedDiff(before: string, after: string, label: string, context = 3): string {
  if (before === after) return "";
  const ops = lineOps(splitLines(before), splitLines(after));
  const changed = ops.flatMap((op, index) => (op.kind === " " ? [] : [index]));
  const out = [`--- ${label}`, `+++ ${label} (after)`];
  let start = 0;
  while (start < changed.length) {
    // Grow a hunk while the next change is within 2*context lines of the previous one.
    let end = start;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 2 * context) end++;
    const from = Math.max(0, changed[start]! - context);
    const to = Math.min(ops.length - 1, changed[end]! + context);
    const hunk = ops.slice(from, to + 1);
    const aCount = hunk.filter((op) => op.kind !== "+").length;
    const bCount = hunk.filter((op) => op.kind !== "-").length;
    const first = ops[from]!;
    // An op's a/b is its 1-based line, or the count of lines consumed so far on the side it skips.
    const aFrom = first.kind === "+" && aCount > 0 ? first.a + 1 : first.a;
    const bFrom = first.kind === "-" && bCount > 0 ? first.b + 1 : first.b;
    out.push(`@@ -${aFrom},${aCount} +${bFrom},${bCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.text}`);
    start = end + 1;
  }
  return `${out.join("\n")}\n`;
}
