// Cursor config: `{"version":1,"hooks":{<camelCase event>:[{command,matcher,timeout,failClosed}]}}` in
// `~/.cursor/hooks.json`, `.cursor/hooks.json`, or a plugin (`.cursor-plugin/plugin.json` +
// `hooks/hooks.json`, paths under `${CURSOR_PLUGIN_ROOT}`). Cursor lets an action through when a hook
// crashes or exits non-zero (other than 2) unless the entry sets `failClosed: true`, so every
// fail-closed hook gets it. Timeouts are seconds. There is no documented Windows command field.
import { CAPS, translateMatcher } from "../capabilities.ts";
import { type ConfigFile, type HostConfigOptions, type HostHook, jsonText, posixCommand, sortedHooks, timeoutIn } from "../config-common.ts";
import type { PluginMetaLike } from "../codex/config.ts";

const caps = CAPS.cursor;

export type CursorHandler = { command: string; matcher?: string; timeout: number; failClosed?: true };

export function cursorHooks(defs: readonly HostHook[], options: HostConfigOptions): { version: 1; hooks: Record<string, CursorHandler[]> } {
  const hooks: Record<string, CursorHandler[]> = {};
  for (const def of sortedHooks(defs)) {
    const ev = caps.events[def.event]!;
    const matcher = translateMatcher(caps, def.matcher) as string | undefined;
    (hooks[ev.name] ??= []).push({
      command: posixCommand("cursor", def, options),
      ...(matcher ? { matcher } : {}),
      timeout: timeoutIn("cursor", def),
      ...(def.failClosed ? { failClosed: true as const } : {}),
    });
  }
  return { version: 1, hooks };
}

export function cursorPlugin(defs: readonly HostHook[], meta: PluginMetaLike, binName: string): ConfigFile[] {
  return [
    { path: ".cursor-plugin/plugin.json", text: jsonText({ name: meta.name, version: meta.version, ...(meta.description ? { description: meta.description } : {}) }) },
    { path: "hooks/hooks.json", text: jsonText(cursorHooks(defs, { binName, root: "${CURSOR_PLUGIN_ROOT}" })) },
  ];
}
