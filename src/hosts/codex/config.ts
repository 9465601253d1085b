// Codex CLI config: a plugin (`.codex-plugin/plugin.json` + `hooks/hooks.json`, commands under
// `${PLUGIN_ROOT}`, which Codex substitutes) or the same hooks object in the user's
// `~/.codex/hooks.json` with an absolute root. Codex runs `command` with `$SHELL -lc`, and
// `command_windows` instead on Windows (through cmd), which here calls the .exe directly. Timeouts are
// seconds. A user's own hooks run only once trusted in Codex's /hooks screen; plugin hooks likewise.
// A matcher naming Edit or Write gets apply_patch added: Codex 0.171.0 selects its patch tool for those
// names itself (observed), and naming it keeps a guard's edits selected should that alias ever go. It
// gets Bash too: Codex applies `apply_patch <<'EOF'` run as a shell command itself, and its hooks see
// that only as Bash, so the adapter reads those calls as the edits they are and skips other commands.
import { translateMatcher, CAPS } from "../capabilities.ts";
import { type ConfigFile, type HostConfigOptions, type HostHook, jsonText, posixCommand, sortedHooks, timeoutIn, windowsBinary } from "../config-common.ts";

const caps = CAPS.codex;

export type CodexGroup = { matcher?: string; hooks: { type: "command"; command: string; command_windows: string; timeout: number }[] };

export function codexHooks(defs: readonly HostHook[], options: HostConfigOptions): Record<string, CodexGroup[]> {
  const hooks: Record<string, CodexGroup[]> = {};
  for (const def of sortedHooks(defs)) {
    const ev = caps.events[def.event]!;
    const matcher = withEditTools(translateMatcher(caps, def.matcher) as string | undefined);
    const handler = {
      type: "command" as const,
      command: posixCommand("codex", def, options),
      command_windows: `"${windowsBinary(options)}" ${def.name} --host codex`,
      timeout: timeoutIn("codex", def),
    };
    (hooks[ev.name] ??= []).push({ ...(matcher ? { matcher } : {}), hooks: [handler] });
  }
  return hooks;
}

/** `matcher` with apply_patch and Bash added when it names Edit, Write or apply_patch as plain tool names. */
export function withEditTools(matcher: string | undefined): string | undefined {
  if (matcher === undefined || !/^[A-Za-z0-9_|]+$/.test(matcher)) return matcher;
  const names = matcher.split("|");
  if (!names.some((n) => n === "Edit" || n === "Write" || n === "apply_patch")) return matcher;
  return [...new Set([...names, "apply_patch", "Bash"])].join("|");
}

export interface PluginMetaLike {
  name: string;
  version: string;
  description?: string;
}

/** The plugin's own files; bin/ is added by the bundle writer. */
export function codexPlugin(defs: readonly HostHook[], meta: PluginMetaLike, binName: string): ConfigFile[] {
  const hooks = codexHooks(defs, { binName, root: "${PLUGIN_ROOT}" });
  return [
    { path: ".codex-plugin/plugin.json", text: jsonText({ name: meta.name, version: meta.version, ...(meta.description ? { description: meta.description } : {}) }) },
    { path: "hooks/hooks.json", text: jsonText({ hooks }) },
  ];
}
