// Command-line options of build.ts (the CLI's `hookkit build` maps its citty args onto the same BuildOptions).
import { parseArgs } from "node:util";
import type { BuildOptions } from "./build.ts";
import type { HooksForm } from "../hosts/claude/hooks-json.ts";

export const BUILD_USAGE = `usage: bun run build.ts [options]
  --target <t>       linux-x64, linux-arm64, darwin-x64, darwin-arm64, windows-x64 (default: all five),
                     linux-x64-musl, linux-arm64-musl, linux-x64-baseline, windows-arm64, host; repeat or comma-separate
  --out <dir>        output directory (default: dist)
  --hooks <file>     your hook registry (exports \`hooks\`); an entry is generated for it
  --entry <file>     your own multi-call entry instead (default: src/main.ts)
  --name <name>      plugin name (default: package.json name)
  --bin <name>       launcher/binary base name (default: the plugin name)
  --hooks-form <f>   shell (default) | exec | powershell: how hooks.json starts the launcher
  --no-repo-hooks    do not rewrite <root>/hooks/hooks.json
  --hooks-json-only  only regenerate <root>/hooks/hooks.json (after adding or changing a hook)`;

export function parseBuildArgs(argv: string[]): Omit<BuildOptions, "logger"> & { help?: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: "string", multiple: true },
      out: { type: "string" },
      hooks: { type: "string" },
      entry: { type: "string" },
      name: { type: "string" },
      bin: { type: "string" },
      "hooks-form": { type: "string" },
      "no-repo-hooks": { type: "boolean" },
      "hooks-json-only": { type: "boolean" },
      root: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  const form = values["hooks-form"];
  if (form !== undefined && !["shell", "exec", "powershell"].includes(form)) {
    throw new Error(`--hooks-form must be shell, exec or powershell (got "${form}")`);
  }
  return {
    help: values.help,
    root: values.root,
    targets: values.target,
    outDir: values.out,
    hooks: values.hooks,
    entry: values.entry,
    pluginName: values.name,
    binName: values.bin,
    hooksForm: form as HooksForm | undefined,
    writeRepoHooks: values["no-repo-hooks"] ? false : undefined,
    hooksJsonOnly: values["hooks-json-only"],
  };
}
