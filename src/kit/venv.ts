// Virtual-environment layout per platform. Windows venvs put the interpreter at
// Scripts\python.exe and packages in Lib\site-packages; POSIX uses bin/python and
// lib/python3.X/site-packages (security-guidance 4decd2e3 retired SKIP_WIN32 once its
// consumer learned the Windows layout). The platform is a parameter so both are testable here.
// node:fs and node:path load on first use, not at import: ensure-python's warm path imports
// this module and needs neither (docs/startup-costs.md).
import { joinPath } from "../base/paths.ts";
import { nodeFs as fs, nodePath as path } from "../base/lazy.ts";

/**
 * node:path's `join` for `platform` (POSIX or win32), with the same result: the host's own
 * platform goes through kit/paths' joinPath (no node:path for plain segments), another one
 * (Windows layouts unit-tested on Linux, say) through node:path's posix/win32 join.
 */
export function joinFor(platform: string, ...parts: string[]): string {
  if (platform === process.platform) return joinPath(...parts);
  return platform === "win32" ? path().win32.join(...parts) : path().posix.join(...parts);
}

/** The venv's own interpreter. */
export function venvPython(venvDir: string, platform: string): string {
  return platform === "win32" ? joinFor(platform, venvDir, "Scripts", "python.exe") : joinFor(platform, venvDir, "bin", "python");
}

function isDir(p: string): boolean {
  try {
    return fs().statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Where site-packages may live, before checking the disk (POSIX: one per lib/python* folder). */
export function sitePackagesCandidates(venvDir: string, platform: string, libEntries: string[]): string[] {
  if (platform === "win32") return [joinFor(platform, venvDir, "Lib", "site-packages")];
  return libEntries
    .filter((name) => /^python\d/.test(name))
    .sort()
    .map((name) => joinFor(platform, venvDir, "lib", name, "site-packages"));
}

/**
 * The site-packages folders a consumer should put on its import path to use packages
 * installed in this venv (what security-guidance's llm.py globbed). Only existing folders.
 */
export function sitePackagesDirs(venvDir: string, platform: string = process.platform): string[] {
  let libEntries: string[] = [];
  if (platform !== "win32") {
    try {
      libEntries = fs().readdirSync(joinFor("posix", venvDir, "lib"));
    } catch {
      return [];
    }
  }
  return sitePackagesCandidates(venvDir, platform, libEntries).filter(isDir);
}

/** Normalized distribution name as used in `<name>-<version>.dist-info` (PEP 427/503). */
export function distInfoPrefix(packageName: string): string {
  return packageName.replace(/[-_.]+/g, "_").toLowerCase();
}

/** The requirement's project name: `claude-agent-sdk>=0.1[extra]` -> `claude-agent-sdk`. */
export function projectName(requirement: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(requirement.trim())?.[0] ?? requirement.trim();
}

/** `*.dist-info` folders in the given site-packages dirs that belong to `packageName`. */
export function findDistInfo(siteDirs: string[], packageName: string, platform: string = process.platform): string[] {
  const wanted = distInfoPrefix(projectName(packageName));
  const out: string[] = [];
  for (const dir of siteDirs) {
    let names: string[];
    try {
      names = fs().readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      // `<name>-<version>.dist-info`; the name part never contains "-" (it is escaped to "_").
      if (name.endsWith(".dist-info") && distInfoPrefix(name.split("-")[0]!) === wanted) out.push(joinFor(platform, dir, name));
    }
  }
  return out.sort();
}
