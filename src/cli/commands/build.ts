// `hookkit build`: the build engineer's build() (src/build) with citty args and our stderr logger.
import { defineCommand } from "citty";
import { build, type HooksForm } from "../../build/index.ts";
import { repeated } from "../args.ts";
import { CliError } from "../errors.ts";
import { buildLogger, log } from "../log.ts";
import { describeError } from "../../base/errors.ts";
import { CAPS, type HostName } from "../../hosts/capabilities.ts";

function hostsOf(given: string[] | undefined): HostName[] | undefined {
  const names = (given ?? []).flatMap((n) => n.split(",")).filter(Boolean);
  if (names.length === 0) return undefined;
  for (const name of names) if (!(name in CAPS)) throw new CliError(`unknown host "${name}" (known: ${Object.keys(CAPS).join(", ")})`);
  return names as HostName[];
}

export default defineCommand({
  meta: { name: "build", description: "Compile the multi-call binaries and the plugin bundle" },
  args: {
    target: { type: "string", description: "linux-x64, linux-arm64, darwin-x64, darwin-arm64, windows-x64, musl/baseline variants, host or all; repeat or comma-separate (default: the five shipped targets)", valueHint: "target" },
    out: { type: "string", description: "Output directory (default: dist)", valueHint: "dir" },
    hooks: { type: "string", description: "A registry module to build instead of package.json \"hookkit.hooks\" (fixtures, one-off bundles)", valueHint: "file" },
    entry: { type: "string", description: "Your own multi-call entry (default: generated from package.json \"hookkit.hooks\")", valueHint: "file" },
    name: { type: "string", description: "Plugin name (default: package.json \"hookkit.name\")" },
    bin: { type: "string", description: "Launcher/binary base name (default: the plugin name)" },
    "hooks-form": { type: "enum", options: ["shell", "exec", "powershell"], description: "How hooks.json starts the launcher (default: shell)" },
    "repo-hooks": { type: "boolean", default: false, description: "Also write <root>/hooks/hooks.json (for a repository that is itself the plugin)" },
    root: { type: "string", description: "Project root (default: the hookkit project at or above this directory)", valueHint: "dir" },
    mod: { type: "boolean", default: true, description: "Also write the Claude Code mod (dist/mod/) when every hook can run in-process; prints each hook's verdict", negativeDescription: "Build the command-hook plugin only" },
    host: { type: "string", description: "Agent hosts to build for besides the Claude Code plugin: claude, codex, gemini, copilot, cursor; repeat or comma-separate (dist/<host>/). A hook a host cannot honour is refused", valueHint: "host" },
  },
  async run({ args, rawArgs }) {
    const started = performance.now();
    let result;
    try {
      result = await build({
        root: args.root,
        targets: repeated(rawArgs, "target"),
        outDir: args.out,
        hooks: args.hooks,
        entry: args.entry,
        pluginName: args.name,
        binName: args.bin,
        hooksForm: args["hooks-form"] as HooksForm | undefined,
        writeRepoHooks: args["repo-hooks"],
        mod: args.mod,
        hosts: hostsOf(repeated(rawArgs, "host")),
        logger: await buildLogger(), // progress per target and the size table go to stderr
      });
    } catch (error) {
      throw new CliError(`build failed: ${describeError(error)}`);
    }
    log.info(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    log.info(`next: \`hookkit doctor --plugin ${result.pluginDir}\`, then \`hookkit install --plugin ${result.pluginDir}\` or add the plugin to Claude Code`);
    return 0;
  },
});
