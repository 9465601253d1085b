// One-time notice when only Python < 3.10 exists: the package can never load until the user
// installs a newer Python, so say so once per plugin version (a plugin update may change the
// story and deserves a new notice). BUILD_FAILED gets none: it is often transient.
// Only outcome 6 gets here: node:fs and node:path load on first use (start-up cost).
import type { Discovery } from "../../kit/python.ts";
import { formatVersion } from "../../kit/python.ts";
import { joinFor } from "../../kit/venv.ts";
import { nodeFs, nodePath } from "../../base/lazy.ts";

const join = (...parts: string[]): string => joinFor(process.platform, ...parts);

export function noticeMarker(stateDir: string, venvName: string, pv: number): string {
  return join(stateDir, `.ensure-python-notice-${venvName}-v${pv || 0}`);
}

/** Text naming what was found and how to fix it. */
export function incompatibleNotice(pkg: string, min: string, discovery: Discovery, platform: string): string {
  const found = discovery.tried
    .filter((p) => p.ok && p.version)
    .map((p) => `${p.command.join(" ")} ${formatVersion(p.version)}`);
  const unique = [...new Set(found)];
  const install =
    platform === "darwin"
      ? "`brew install python@3.12` (or the python.org installer)"
      : platform === "win32"
        ? "the python.org installer (not the Microsoft Store stub), with \"Add to PATH\" ticked"
        : "your package manager or python.org";
  return (
    `⚠ ${pkg} is unavailable in this environment: it needs Python ${min} or newer, ` +
    `but the only Python found on PATH is ${unique.join(", ") || "an older version"}.\n\n` +
    `Features that need ${pkg} stay off; everything else keeps working. To fix it, install Python ${min}+ ` +
    `via ${install}, make sure a \`python3.X\` or \`python3\` for it is on PATH, and restart Claude Code.\n\n` +
    `This notice is shown once per plugin version.`
  );
}

/** The notice if it has not been shown for this plugin version; undefined otherwise or on any error. */
export function takeNotice(marker: string, text: string, now: Date, pyVersion: string): string | undefined {
  try {
    const { existsSync, mkdirSync, writeFileSync } = nodeFs();
    if (existsSync(marker)) return undefined;
    mkdirSync(nodePath().join(marker, ".."), { recursive: true });
    // O_EXCL: of two racing runs only one shows it, and a symlink planted at the marker's
    // name (even a dangling one) is never written through.
    writeFileSync(marker, `${now.toISOString().replace(/\.\d{3}Z$/, "Z")} py=${pyVersion}\n`, { flag: "wx" });
    return text;
  } catch {
    return undefined;
  }
}
