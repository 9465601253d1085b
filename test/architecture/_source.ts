// Reading the repository's own source for the architecture tests: which files there are and what each imports.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dir, "../..");

/** Tracked and untracked-but-not-ignored files below `dir`, repository-relative. */
export function trackedFiles(dir = "."): string[] {
  const r = Bun.spawnSync(["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", dir], { cwd: repoRoot, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`git ls-files failed: ${r.stderr.toString()}`);
  return r.stdout.toString().split("\n").filter((f) => f !== "");
}

/** TypeScript sources below `dir`, repository-relative. */
export function sourceFiles(dir: string): string[] {
  return trackedFiles(dir).filter((f) => f.endsWith(".ts"));
}

// import … from "x", export … from "x", import "x", import("x"), require("x"); comments removed first.
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\bfrom\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\brequire\s*\(\s*["']([^"']+)["']\s*\)/g;

/** Specifiers `text` imports (static, type-only, dynamic and require), in order. */
export function specifiersIn(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const out: string[] = [];
  for (const m of code.matchAll(IMPORT)) out.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return out;
}

/** Repository-relative files that `file` imports by a relative specifier (packages and built-ins left out). */
export function importsOf(file: string, text = readFileSync(join(repoRoot, file), "utf8")): string[] {
  return specifiersIn(text)
    .filter((s) => s.startsWith("."))
    .map((s) => relative(repoRoot, resolve(repoRoot, dirname(file), s)));
}
