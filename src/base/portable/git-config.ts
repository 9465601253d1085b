// git's config format as pure code, for the kit's git reader (kit/git.ts) and for hooks that read a
// repository's config through the portable context (the Claude Code mod has no node:fs).

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
