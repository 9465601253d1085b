// A plain text table for stderr: padded columns, the last column wrapped to the terminal width so a
// long "fix" stays readable instead of running off the screen.
const ANSI = /\u001B\[[0-9;]*m/g;
const visible = (text: string) => text.replace(ANSI, "").length;

function wrap(text: string, width: number): string[] {
  if (width < 20 || visible(text) <= width) return [text];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && visible(line) + 1 + visible(word) > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Renders `rows` under `header`; `columns` is the terminal width (0 = never wrap). */
export function renderTable(header: string[], rows: string[][], columns = process.stderr.columns ?? 0, showHeader = true): string {
  const all = showHeader ? [header, ...rows] : rows;
  const widths = header.map((_, i) => Math.max(...all.map((r) => visible(r[i] ?? ""))));
  const last = header.length - 1;
  const lead = widths.slice(0, last).reduce((sum, w) => sum + w + 2, 0);
  const lastWidth = columns > 0 ? Math.max(20, columns - lead) : Number.POSITIVE_INFINITY;
  const out: string[] = [];
  const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - visible(text)));
  for (const [index, row] of all.entries()) {
    const cells = header.map((_, i) => row[i] ?? "");
    const tail = wrap(cells[last] ?? "", lastWidth);
    out.push([...cells.slice(0, last).map((c, i) => pad(c, widths[i] ?? 0)), tail[0] ?? ""].join("  ").trimEnd());
    for (const more of tail.slice(1)) out.push(`${" ".repeat(lead)}${more}`);
    if (index === 0 && showHeader) out.push(widths.map((w, i) => "─".repeat(i === last ? Math.min(w, lastWidth) : w)).join("  "));
  }
  return out.join("\n");
}
