// Copilot CLI config: `{"version":1,"hooks":{<camelCase event>:[{type,bash,powershell,env,timeoutSec}]}}`,
// in a plugin (`.plugin/plugin.json` + `hooks/hooks.json`), a repository's `.github/hooks/<name>.json`
// or the user's `~/.copilot/hooks/<name>.json` (a file of our own, so install never shares it). One
// entry holds both the POSIX (`bash`) and the Windows (`powershell`) command. The bundle's folder
// reaches the command through `env`, where Copilot substitutes `${PLUGIN_ROOT}` (the pattern of the
// plugin Copilot CLI 1.0.102 ships itself). Hooks have no matcher: the adapter filters by the hook's
// matcher itself. Timeouts are seconds.
import { NO_JIT } from "../../runtime/define.ts";
import { CAPS } from "../capabilities.ts";
import { type ConfigFile, type HostHook, jsonText, sortedHooks, timeoutIn } from "../config-common.ts";
import type { PluginMetaLike } from "../codex/config.ts";

const caps = CAPS.copilot;
export const COPILOT_ROOT_VAR = "HOOKKIT_PLUGIN_ROOT";

export type CopilotHandler = { type: "command"; bash: string; powershell: string; env: Record<string, string>; timeoutSec: number };

/** `root`: `${PLUGIN_ROOT}` in a plugin, an absolute folder in a user or repository hooks file. */
export function copilotHooks(defs: readonly HostHook[], options: { binName: string; root: string }): { version: 1; hooks: Record<string, CopilotHandler[]> } {
  const hooks: Record<string, CopilotHandler[]> = {};
  for (const def of sortedHooks(defs)) {
    const ev = caps.events[def.event]!;
    (hooks[ev.name] ??= []).push({
      type: "command",
      bash: `"$${COPILOT_ROOT_VAR}/bin/${options.binName}" ${def.name} --host copilot`,
      powershell: `& (Join-Path $env:${COPILOT_ROOT_VAR} 'bin/${options.binName}-windows-x64.exe') ${def.name} --host copilot; exit $LASTEXITCODE`,
      env: { [COPILOT_ROOT_VAR]: options.root, ...(def.jit ? {} : { [NO_JIT.name]: NO_JIT.value }) },
      timeoutSec: timeoutIn("copilot", def),
    });
  }
  return { version: 1, hooks };
}

export function copilotPlugin(defs: readonly HostHook[], meta: PluginMetaLike, binName: string): ConfigFile[] {
  return [
    { path: ".plugin/plugin.json", text: jsonText({ name: meta.name, version: meta.version, ...(meta.description ? { description: meta.description } : {}) }) },
    { path: "hooks/hooks.json", text: jsonText(copilotHooks(defs, { binName, root: "${PLUGIN_ROOT}" })) },
  ];
}
