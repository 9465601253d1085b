// dist/<host>/ for every host besides Claude Code: the host's plugin or extension files around the same
// binaries and launchers as dist/plugin/ (hard links where the filesystem allows). Claude Code's bundle
// stays dist/plugin/ (src/build/plugin.ts).
import { chmod, copyFile, link, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { launchers } from "./launcher/index.ts";
import type { OtherHost } from "../hosts/capabilities.ts";
import { codexPlugin, type PluginMetaLike } from "../hosts/codex/config.ts";
import type { ConfigFile, HostHook } from "../hosts/config-common.ts";
import { copilotPlugin } from "../hosts/copilot/config.ts";
import { cursorPlugin } from "../hosts/cursor/config.ts";
import { geminiExtension } from "../hosts/gemini/config.ts";

/** The layouts a build writes for `host`: folder name under dist/ → its files. */
export function hostLayouts(host: OtherHost, defs: readonly HostHook[], meta: PluginMetaLike, binName: string): Record<string, ConfigFile[]> {
  switch (host) {
    case "codex":
      return { codex: codexPlugin(defs, meta, binName) };
    case "gemini":
      // Gemini runs one command string with bash, or with PowerShell on Windows: one extension each.
      return { gemini: geminiExtension(defs, meta, binName), "gemini-windows": geminiExtension(defs, meta, binName, true) };
    case "copilot":
      return { copilot: copilotPlugin(defs, meta, binName) };
    case "cursor":
      return { cursor: cursorPlugin(defs, meta, binName) };
  }
}

export interface HostBundleInput {
  outDir: string;
  host: OtherHost;
  defs: readonly HostHook[];
  meta: PluginMetaLike;
  binName: string;
  /** Absolute paths of the built binaries, placed in bin/ under their own names. */
  binaries: { path: string; file: string }[];
}

/** Writes dist/<layout>/ for `host`; returns the folders written. */
export async function writeHostBundles(input: HostBundleInput): Promise<string[]> {
  const written: string[] = [];
  for (const [folder, files] of Object.entries(hostLayouts(input.host, input.defs, input.meta, input.binName))) {
    const dir = join(input.outDir, folder);
    await rm(dir, { recursive: true, force: true });
    for (const file of files) {
      await mkdir(dirname(join(dir, file.path)), { recursive: true });
      await writeFile(join(dir, file.path), file.text);
    }
    await mkdir(join(dir, "bin"), { recursive: true });
    const launcher = join(dir, "bin", input.binName);
    await writeFile(launcher, launchers.posix);
    await chmod(launcher, 0o755);
    await writeFile(join(dir, "bin", `${input.binName}.ps1`), launchers.powershell);
    for (const binary of input.binaries) {
      const to = join(dir, "bin", binary.file);
      await link(binary.path, to).catch(() => copyFile(binary.path, to));
      await chmod(to, 0o755);
    }
    written.push(dir);
  }
  return written;
}
