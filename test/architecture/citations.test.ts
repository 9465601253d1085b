// The repository explains itself: no file cites a document a reader of the repository cannot open
// (notes kept outside it, their section numbers), an issue or pull-request number, or narrates how
// the code got here ("the second round", "session 3", "before is commit 2048816"). A fact the code
// relies on is said where it is used or in docs/; history is in CHANGELOG.md, which may narrate
// but cites nothing outside the repository either.
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, trackedFiles } from "./_source.ts";

const OUTSIDE_DOCUMENTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["design notes kept outside the repository", /\bDESIGN(?:\.md\b|\s+decision)/],
  ["style notes kept outside the repository", /\bSTYLE\.md\b/],
  ["a reference note kept outside the repository", /\b(?:hook-protocol|bun-compile|seed-context)\b|\b(?:peers|hosts|mods|distribution)\.md\b/],
  ["a folder outside the repository", /\.\.\/shared\b|\/work\/shared\b/],
  ["a section number of a document", /§/],
  ["an issue number", /\bissues?\s+#?\d+/i],
  ["an issue or pull-request number", /(?:^|[\s(,;:])(?:[\w.-]+\/[\w.-]+)?#\d{2,6}\b/m],
  ["a pull-request number", /\b(?:PR|pull request)\s+#?\d+/i],
];

const NARRATION: ReadonlyArray<readonly [string, RegExp]> = [
  ["a work round", /\b(?:first|second|third|fourth|fifth|this|that|previous|earlier|last|next|the other)\s+round\b(?!-)/i],
  ["a work session", /\bsessions?\s+\d+\b/i],
  ["a commit as a point in history", /\b(?:before|after|since|was|is)\s+(?:commit\s+)?[0-9a-f]{7,40}\b(?=[\s.,;)'"`])/],
];

const TEXT = /\.(?:ts|js|mjs|c|h|sh|ps1|py|md|json|toml|txt|yml|yaml)$|(?:^|\/)(?:run|Makefile|Dockerfile)$|^\.ci\//;
const EXEMPT = new Set(["test/architecture/citations.test.ts", "package-lock.json"]);

function findings(file: string, text: string, rules: ReadonlyArray<readonly [string, RegExp]>): string[] {
  const out: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    for (const [what, re] of rules) {
      const m = re.exec(lines[i]!);
      if (m) out.push(`${file}:${i + 1}: ${what}: ${m[0].trim()}`);
    }
  }
  return out;
}

/** Every citation (and, outside CHANGELOG.md, every piece of narration) in the given files. */
export function citationsIn(files: string[], read = (f: string) => readFileSync(join(repoRoot, f), "utf8")): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (EXEMPT.has(file) || !TEXT.test(file)) continue;
    const text = read(file);
    out.push(...findings(file, text, OUTSIDE_DOCUMENTS));
    if (file !== "CHANGELOG.md") out.push(...findings(file, text, NARRATION));
  }
  return out;
}

// A document of the repository named in a file: docs/….md or bench/….md. (Source paths are left
// out: examples name files a reader is to create, and gstack's paths appear beside ours.)
const REPO_PATH = /(?<![\w./-])(?:docs|bench)\/[\w./-]*\w\.md\b/g;
// Verbatim copies of other projects' files name their own paths; the changelog names removed ones.
const PATHS_EXEMPT = [/^bench\/seed\//, /^CHANGELOG\.md$/];

/** Repository paths named in the given files that do not exist, as "file:line: path". */
export function missingPaths(files: string[], exists: (path: string) => boolean, read = (f: string) => readFileSync(join(repoRoot, f), "utf8")): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (EXEMPT.has(file) || !TEXT.test(file) || PATHS_EXEMPT.some((re) => re.test(file))) continue;
    const lines = read(file).split("\n");
    for (let i = 0; i < lines.length; i++) {
      for (const m of lines[i]!.matchAll(REPO_PATH)) if (!exists(m[0])) out.push(`${file}:${i + 1}: ${m[0]}`);
    }
  }
  return out;
}

describe("citations", () => {
  test("every document of the repository a file names exists", () => {
    const tracked = new Set(trackedFiles());
    const exists = (path: string) => tracked.has(path) || existsSync(join(repoRoot, path));
    expect(missingPaths([...tracked], exists)).toEqual([]);
  });

  test("a named path that is gone is caught", () => {
    const text = "// see bench/STARTUP-COSTS.md and docs/startup-costs.md, not ../docs/x.md or node_modules/x/docs/a.md";
    expect(missingPaths(["x.ts"], (p) => p === "docs/startup-costs.md", () => text)).toEqual(["x.ts:1: bench/STARTUP-COSTS.md"]);
  });

  test("no tracked file cites a document outside the repository or an issue number, or narrates history", () => {
    expect(citationsIn(trackedFiles())).toEqual([]);
  });

  test("each pattern catches what it is for, and ordinary words pass", () => {
    const bad = [
      "// The flags are DESIGN.md decision 3",
      "// hook-protocol §2.5 says so",
      "see ../shared/reference/peers.md",
      "// fixed upstream (#4907)",
      "// gstack#2035 and claude-plugins #2098",
      "(issue 8)",
      "### Third round (session 3)",
      "'Before' is commit 2048816.",
    ].join("\n");
    const found = citationsIn(["x.ts"], () => bad).map((f) => f.replace(/^x\.ts:(\d+): ([^:]+):.*$/, "$1 $2"));
    expect(found).toEqual([
      "1 design notes kept outside the repository",
      "2 a reference note kept outside the repository",
      "2 a section number of a document",
      "3 a reference note kept outside the repository",
      "3 a folder outside the repository",
      "4 an issue or pull-request number",
      "5 an issue or pull-request number",
      "6 an issue number",
      "7 a work round",
      "7 a work session",
      "8 a commit as a point in history",
    ]);
    const fine = [
      "60 rounds after 5 warm-up rounds; every variant runs once per round (round-robin)",
      "for (let round = 0; round < n; round++) detail.push(`round ${i}`)",
      "a session_id, the session dir, Math.round(x), #!/usr/bin/env bun, `#${id}`, color #fff",
      "the design in docs/design.md, the host in docs/protocol/claude-code.md",
    ].join("\n");
    expect(citationsIn(["x.ts"], () => fine)).toEqual([]);
  });
});
