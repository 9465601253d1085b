// dist/plugin/: a complete Claude Code plugin bundle: .claude-plugin/plugin.json, hooks/hooks.json, the
// launchers and the binaries. Binaries are hard links to dist/bin/ when the filesystem allows (no 500 MB copy).
import { chmod, copyFile, link, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { launchers } from "./launcher/index.ts";

export interface PluginMeta {
  name: string;
  version: string;
  description?: string;
  author?: { name: string; email?: string; url?: string };
}

export interface PluginLayout {
  dir: string;
  binName: string;
  meta: PluginMeta;
  hooksJsonText: string;
  /** Absolute paths of the built binaries, placed in bin/ under their own names. */
  binaries: { path: string; file: string }[];
}

export async function writePlugin(layout: PluginLayout): Promise<void> {
  const { dir, binName } = layout;
  // Start clean: a binary of a target dropped from this build must not linger in the bundle.
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, ".claude-plugin"), { recursive: true });
  await mkdir(join(dir, "hooks"), { recursive: true });
  await mkdir(join(dir, "bin"), { recursive: true });

  const plugin = {
    name: layout.meta.name,
    version: layout.meta.version,
    ...(layout.meta.description ? { description: layout.meta.description } : {}),
    ...(layout.meta.author ? { author: layout.meta.author } : {}),
  };
  await writeFile(join(dir, ".claude-plugin", "plugin.json"), `${JSON.stringify(plugin, null, 2)}\n`);
  await writeFile(join(dir, "hooks", "hooks.json"), layout.hooksJsonText);

  const launcher = join(dir, "bin", binName);
  await writeFile(launcher, launchers.posix);
  await chmod(launcher, 0o755);
  await writeFile(join(dir, "bin", `${binName}.ps1`), launchers.powershell);

  for (const binary of layout.binaries) {
    const to = join(dir, "bin", binary.file);
    await link(binary.path, to).catch(() => copyFile(binary.path, to));
    await chmod(to, 0o755);
  }
}
