// Reading a plugin bundle (`.claude-plugin/plugin.json` + `hooks/hooks.json`, as `hookkit build` writes
// it) and turning its hooks into settings-file entries with `${CLAUDE_PLUGIN_ROOT}` made absolute:
// settings hooks get no CLAUDE_PLUGIN_ROOT from the host (docs/protocol/claude-code.md).
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { isObject, SettingsError, type HookEntries, type MatcherGroup } from "../hosts/claude/settings.ts";
import { substitutePlain, substituteShell } from "./shell.ts";
import { describeError } from "../base/errors.ts";

export type Plugin = { root: string; name: string; hooksFile: string; text: string };

/**
 * The plugin bundle to use when none is named: ./dist/plugin (a hookkit project after `hookkit build`),
 * else the bundle this compiled binary sits in (`<plugin>/bin/hookkit-<os>-<cpu>`).
 */
export function defaultPluginDir(cwd: string): string | undefined {
  const built = join(cwd, "dist", "plugin");
  if (existsSync(join(built, "hooks", "hooks.json"))) return built;
  const compiled = Bun.main.startsWith("/$bunfs/") || /^[A-Z]:\\~BUN\\/.test(Bun.main);
  const around = dirname(dirname(process.execPath));
  if (compiled && existsSync(join(around, ".claude-plugin", "plugin.json"))) return around;
  return undefined;
}

/** The plugin's id: `name` from .claude-plugin/plugin.json, else the folder name. */
export function pluginName(dir: string): string {
  return manifest(resolve(dir)).name ?? basename(resolve(dir));
}

function manifest(root: string): { name?: string; hooks?: string } {
  const text = readText(join(root, ".claude-plugin", "plugin.json"));
  try {
    const parsed = JSON.parse(text ?? "{}") as { name?: unknown; hooks?: unknown };
    return {
      name: typeof parsed.name === "string" && parsed.name ? parsed.name : undefined,
      hooks: typeof parsed.hooks === "string" ? parsed.hooks : undefined,
    };
  } catch {
    return {}; // doctor reports a broken plugin.json; here the folder name is a fine id
  }
}

export function readPlugin(dir: string): Plugin {
  const root = resolve(dir);
  const meta = manifest(root);
  const hooksFile = meta.hooks ? resolve(root, meta.hooks) : join(root, "hooks", "hooks.json");
  const text = readText(hooksFile);
  if (text === undefined)
    throw new SettingsError(`no hooks file at ${hooksFile}; build the plugin first (\`hookkit build\`) or pass --plugin <dir> pointing at a plugin bundle`);
  return { root, name: meta.name ?? basename(root), hooksFile, text };
}

export function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The plugin's hook entries, with plugin placeholders replaced as Claude Code would replace them. */
export function pluginEntries(plugin: Plugin): HookEntries {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plugin.text);
  } catch (error) {
    throw new SettingsError(`${plugin.hooksFile} is not valid JSON (${describeError(error)}); rebuild the plugin or run \`hookkit doctor --plugin ${plugin.root}\``);
  }
  const hooks = isObject(parsed) ? parsed.hooks : undefined;
  if (!isObject(hooks)) throw new SettingsError(`${plugin.hooksFile} has no "hooks" object; run \`hookkit doctor --plugin ${plugin.root}\``);
  const values = { CLAUDE_PLUGIN_ROOT: plugin.root };
  const entries: HookEntries = {};
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    entries[event] = groups.filter(isObject).map((group) => ({
      ...group,
      hooks: Array.isArray(group.hooks) ? group.hooks.map((h) => placeHandler(h, values)) : [],
    })) as MatcherGroup[];
  }
  return entries;
}

function placeHandler(handler: unknown, values: Record<string, string>): unknown {
  if (!isObject(handler) || handler.type !== "command" || typeof handler.command !== "string") return handler;
  if (Array.isArray(handler.args))
    return {
      ...handler,
      command: substitutePlain(handler.command, values),
      args: handler.args.map((a) => (typeof a === "string" ? substitutePlain(a, values) : a)),
    };
  return { ...handler, command: substituteShell(handler.command, values) };
}
