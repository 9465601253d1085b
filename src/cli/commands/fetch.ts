// `hookkit fetch`: installs a thin plugin's binary into its store, verified against the plugin's manifest:
// from a file copied onto an air-gapped machine (--from), or from the manifest's URLs.
import { defineCommand } from "citty";
import { join, resolve } from "node:path";
import { installBinary, readManifest } from "../../build/release/index.ts";
import { CliError } from "../errors.ts";
import { log } from "../log.ts";

export default defineCommand({
  meta: { name: "fetch", description: "Install a thin plugin's binary, verified against its manifest (--from <asset> for air-gapped machines)" },
  args: {
    from: { type: "string", description: "A downloaded asset (.gz) or the unpacked binary; default: download from the manifest's URLs", valueHint: "file" },
    plugin: { type: "string", description: "The thin plugin folder holding manifest.json (default: this directory)", valueHint: "dir" },
    manifest: { type: "string", description: "The manifest.json to verify against (default: <plugin>/manifest.json)", valueHint: "file" },
    target: { type: "string", description: "Target to install (default: this machine's)" },
    store: { type: "string", description: "Store folder (default: $CLAUDE_PLUGIN_DATA/bin, else <hookkit state dir>/bin)", valueHint: "dir" },
  },
  async run({ args }) {
    const manifestPath = resolve(args.manifest ?? join(args.plugin ?? ".", "manifest.json"));
    try {
      const manifest = await readManifest(manifestPath);
      const result = await installBinary({ manifest, from: args.from, target: args.target, store: args.store ? resolve(args.store) : undefined });
      if (result.status === "present") log.success(`${result.target}: already installed at ${result.path}`);
      else log.success(`${result.target}: installed ${result.path} (verified against ${manifestPath})`);
      return 0;
    } catch (error) {
      throw new CliError(`fetch failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
});
