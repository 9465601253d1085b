// `hookkit install` / `hookkit uninstall`: put a plugin bundle's hooks into a settings file, for people
// who run hooks from settings rather than the plugin system, and take exactly those out again.
import { defineCommand } from "citty";
import { unifiedDiff } from "../diff.ts";
import { CliError } from "../errors.ts";
import { applyPlan, planInstall, planUninstall, type Plan } from "../install-plan.ts";
import { displayPath, log } from "../log.ts";
import { defaultPluginDir, pluginEntries, pluginName, readPlugin } from "../plugin.ts";
import { settingsPath, SettingsError, type Scope } from "../../hosts/claude/settings.ts";
import { join, resolve } from "node:path";
import type { OtherHost } from "../../hosts/capabilities.ts";
import { bundleBinName, type HostInstallTarget, HostInstallError, type HostPlan, installForHost, uninstallForHost } from "../../hosts/install.ts";

const scopeArgs = {
  user: { type: "boolean", description: "~/.claude/settings.json, or $CLAUDE_CONFIG_DIR/settings.json (default)" },
  project: { type: "boolean", description: ".claude/settings.json in this directory (shared with the team)" },
  local: { type: "boolean", description: ".claude/settings.local.json in this directory (yours, git-ignored)" },
  plugin: { type: "string", description: "Plugin bundle to install from (default: dist/plugin, or the bundle this binary is in)", valueHint: "dir" },
  "dry-run": { type: "boolean", description: "Print the diff on stdout; write nothing" },
  host: { type: "string", description: "Another agent host's user config instead: codex, gemini, copilot or cursor (from dist/<host>/, or --plugin)", valueHint: "host" },
} as const;

/** `--host <h>` for a host besides Claude Code: its bundle and target, or undefined for Claude Code. */
function hostTarget(args: { host?: string; plugin?: string }): HostInstallTarget | undefined {
  if (!args.host || args.host === "claude") return undefined;
  if (!["codex", "gemini", "copilot", "cursor"].includes(args.host)) throw new CliError(`unknown host "${args.host}" (known: claude, codex, gemini, copilot, cursor)`);
  const host = args.host as OtherHost;
  const folder = host === "gemini" && process.platform === "win32" ? "gemini-windows" : host;
  const bundleDir = resolve(args.plugin ?? join(process.cwd(), "dist", folder));
  return { host, bundleDir, binName: bundleBinName(bundleDir), env: process.env };
}

function finishHost(plan: HostPlan, verb: string): number {
  const shown = displayPath(plan.file);
  if (!plan.changed) log.success(`${shown}: nothing to ${verb}, already up to date`);
  else log.success(`${verb === "install" ? "installed into" : "removed from"} ${shown}`);
  for (const note of plan.notes) log.warn(note);
  return 0;
}

function scopeOf(args: { user?: boolean; project?: boolean; local?: boolean }): Scope {
  const chosen = (["user", "project", "local"] as const).filter((s) => args[s]);
  if (chosen.length > 1) throw new CliError(`pick one of --user, --project, --local (got ${chosen.map((s) => `--${s}`).join(" ")})`);
  return chosen[0] ?? "user";
}

function finish(plan: Plan, dryRun: boolean, verb: string): number {
  const shown = displayPath(plan.file);
  if (!plan.changed) {
    log.success(`${shown}: nothing to ${verb}, already up to date`);
    return 0;
  }
  if (dryRun) {
    console.log(unifiedDiff(plan.before ?? "", plan.after, plan.file).trimEnd());
    log.info(`dry run: ${shown} was not changed`);
    return 0;
  }
  const { backup } = applyPlan(plan);
  log.success(`${verb === "install" ? "installed into" : "removed from"} ${shown}${backup ? ` (previous version saved as ${displayPath(backup)})` : ""}`);
  return 0;
}

const wrap = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SettingsError || error instanceof HostInstallError) throw new CliError(error.message);
    throw error;
  }
};

export const install = defineCommand({
  meta: { name: "install", description: "Merge a plugin's hook entries into a Claude Code settings file" },
  args: scopeArgs,
  run({ args }) {
    return wrap(() => {
      const target = hostTarget(args);
      if (target) return finishHost(installForHost(target), "install");
      const file = settingsPath(scopeOf(args), process.env, process.cwd());
      const dir = args.plugin ?? defaultPluginDir(process.cwd());
      if (!dir) throw new CliError("no plugin bundle to install: no dist/plugin here; build one (`hookkit build`) or pass --plugin <dir>");
      const plugin = readPlugin(dir);
      const entries = pluginEntries(plugin);
      const count = Object.values(entries).reduce((n, groups) => n + groups.length, 0);
      if (count === 0) throw new CliError(`${plugin.hooksFile} declares no hooks; nothing to install`);
      log.start(`installing ${count} hook entr${count === 1 ? "y" : "ies"} from ${plugin.name} (${plugin.root})`);
      return finish(planInstall(file, entries, plugin.name), Boolean(args["dry-run"]), "install");
    });
  },
});

export const uninstall = defineCommand({
  meta: { name: "uninstall", description: "Remove the entries hookkit installed from a settings file" },
  args: {
    ...scopeArgs,
    plugin: { type: "string", description: "Only remove what this plugin bundle installed (default: everything hookkit installed)", valueHint: "dir" },
  },
  run({ args }) {
    return wrap(() => {
      const target = hostTarget(args);
      if (target) return finishHost(uninstallForHost(target), "uninstall");
      const file = settingsPath(scopeOf(args), process.env, process.cwd());
      const id = args.plugin ? pluginName(args.plugin) : undefined;
      return finish(planUninstall(file, id), Boolean(args["dry-run"]), "uninstall");
    });
  },
});

