// `hookkit release`: release() from src/build/release with citty args: gzip assets to upload, a manifest, and a
// thin plugin (no binary) inside a marketplace folder, ready to commit.
import { defineCommand } from "citty";
import { release } from "../../build/release/index.ts";
import { repeated } from "../args.ts";
import { CliError } from "../errors.ts";
import { buildLogger, log } from "../log.ts";

export default defineCommand({
  meta: { name: "release", description: "Make gzip assets, a manifest and a thin plugin (no binary) that fetches its binary on first use" },
  args: {
    "base-url": { type: "string", description: "Where the assets will be downloadable: <url>/<asset> (default: package.json hookkit.baseUrl)", valueHint: "url" },
    mirror: { type: "string", description: "Another base URL tried after it; repeatable (added to package.json hookkit.mirrors)", valueHint: "url" },
    out: { type: "string", description: "Output folder (default: release)", valueHint: "dir" },
    "from-build": { type: "string", description: "Use an earlier `hookkit build` output folder instead of building now", valueHint: "dir" },
    target: { type: "string", description: "Targets to build (as for `hookkit build`; default: the five shipped ones)", valueHint: "target" },
    hooks: { type: "string", description: "Your hook registry (a module exporting `hooks`)", valueHint: "file" },
    name: { type: "string", description: "Plugin name (default: package.json name)" },
    bin: { type: "string", description: "Launcher/binary base name (default: the plugin name)" },
    "hooks-form": { type: "enum", options: ["shell", "powershell"], description: "How hooks.json starts the launcher (default: shell)" },
    level: { type: "string", description: "gzip level 1-9 (default 9)", valueHint: "n" },
    marketplace: { type: "string", description: "marketplace.json name (default: <bin>-plugins)" },
    owner: { type: "string", description: "marketplace.json owner (default: package.json author)" },
    root: { type: "string", description: "Project root (default: this directory)", valueHint: "dir" },
  },
  async run({ args, rawArgs }) {
    const level = args.level === undefined ? undefined : Number(args.level);
    if (level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= 9)) throw new CliError(`--level must be 1 to 9 (got "${args.level}")`);
    const targets = repeated(rawArgs, "target");
    try {
      const result = await release({
        root: args.root,
        outDir: args.out,
        baseUrl: args["base-url"],
        mirrors: repeated(rawArgs, "mirror"),
        fromBuild: args["from-build"],
        hooksForm: args["hooks-form"] as "shell" | "powershell" | undefined,
        level,
        marketplaceName: args.marketplace,
        owner: args.owner,
        build: { targets: targets.length ? targets : undefined, hooks: args.hooks, pluginName: args.name, binName: args.bin },
        logger: await buildLogger(),
      });
      log.info(`next: upload the assets, commit ${result.marketplaceDir} as a git repository, then \`claude plugin marketplace add <its URL>\` (docs/publishing.md)`);
      return 0;
    } catch (error) {
      throw new CliError(`release failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
});
