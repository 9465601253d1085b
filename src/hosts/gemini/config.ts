// Gemini CLI config: an extension (`gemini-extension.json` + `hooks/hooks.json`, paths under
// `${extensionPath}` with `${/}` as the separator, both substituted by Gemini when it loads the
// extension) or the `hooks` object of `~/.gemini/settings.json` with an absolute root. Gemini runs a
// command with `bash -c`, and on Windows the same string with PowerShell, so the Windows form is a
// separate file set (`& "<exe>" …`); the JIT variable goes in the handler's `env`, which Gemini passes
// on both. Timeouts are MILLISECONDS.
import { NO_JIT } from "../../runtime/define.ts";
import { CAPS, translateMatcher } from "../capabilities.ts";
import { type ConfigFile, type HostConfigOptions, type HostHook, jsonText, posixCommand, sortedHooks, timeoutIn, windowsBinary } from "../config-common.ts";
import type { PluginMetaLike } from "../codex/config.ts";

const caps = CAPS.gemini;

export type GeminiHandler = { name: string; type: "command"; command: string; timeout: number; env?: Record<string, string> };
export type GeminiGroup = { matcher?: string; hooks: GeminiHandler[] };

export function geminiHooks(defs: readonly HostHook[], options: HostConfigOptions & { windows?: boolean; separator?: string }): Record<string, GeminiGroup[]> {
  const hooks: Record<string, GeminiGroup[]> = {};
  for (const def of sortedHooks(defs)) {
    const ev = caps.events[def.event]!;
    const matcher = translateMatcher(caps, def.matcher) as string | undefined;
    const command = options.windows
      ? `& "${windowsBinary(options, options.separator ?? "\\")}" ${def.name} --host gemini`
      : posixCommand("gemini", def, options, false);
    const handler: GeminiHandler = {
      name: def.name,
      type: "command",
      command,
      timeout: timeoutIn("gemini", def),
      ...(def.jit ? {} : { env: { [NO_JIT.name]: NO_JIT.value } }),
    };
    (hooks[ev.name] ??= []).push({ ...(matcher ? { matcher } : {}), hooks: [handler] });
  }
  return hooks;
}

/** The extension's files for POSIX (`windows: false`) or Windows hosts; bin/ is added by the bundle writer. */
export function geminiExtension(defs: readonly HostHook[], meta: PluginMetaLike, binName: string, windows = false): ConfigFile[] {
  const root = "${extensionPath}";
  const hooks = windows ? geminiHooks(defs, { binName, root, windows, separator: "${/}" }) : geminiHooks(defs, { binName, root });
  return [
    { path: "gemini-extension.json", text: jsonText({ name: meta.name, version: meta.version, ...(meta.description ? { description: meta.description } : {}) }) },
    { path: "hooks/hooks.json", text: jsonText({ hooks }) },
  ];
}
