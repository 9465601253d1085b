// The older Claude Code builds pinned in this folder (npm aliases, so two versions install side by side):
// 2.1.325 loads mods but never asks a mod about a plugin without a module at plugin.register, and 2.1.240
// has no mods at all. The native binary is read from each alias's own platform package (npm nests it
// under the alias when versions differ, or hoists one), so an npm that skips install scripts still works.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const HERE = import.meta.dir;

export const OLDER_WITH_MODS = "2.1.325";
export const WITHOUT_MODS = "2.1.240";

function platformPackage(): string {
  const musl = process.platform === "linux" && (existsSync("/lib/ld-musl-x86_64.so.1") || existsSync("/lib/ld-musl-aarch64.so.1"));
  return `claude-code-${process.platform}-${process.arch}${musl ? "-musl" : ""}`;
}

/** The native claude of one pinned version, or undefined when `npm ci` has not run here. */
export function claudeBinaryOf(version: string): string | undefined {
  const alias = join(HERE, "node_modules", `claude-code-${version.replaceAll(".", "-")}`);
  const name = process.platform === "win32" ? "claude.exe" : "claude";
  for (const dir of [join(alias, "node_modules", "@anthropic-ai", platformPackage()), join(HERE, "node_modules", "@anthropic-ai", platformPackage())]) {
    const pkg = join(dir, "package.json");
    if (existsSync(join(dir, name)) && existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).version === version) return join(dir, name);
  }
  return undefined;
}
