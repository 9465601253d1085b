// What every host's config writer shares: the facts of a hook it needs, the command that starts the
// hook's binary with the host named (`<bin> <hook> --host <id>`), POSIX and Windows forms, and the
// build-time check that refuses a hook a host cannot honour.
import { NO_JIT } from "../runtime/define.ts";
import type { HookDefinition } from "../runtime/types.ts";
import { CAPS, checkHookForHost, type HostName } from "./capabilities.ts";

export type HostHook = Pick<HookDefinition, "name" | "event" | "matcher" | "timeout" | "async" | "jit" | "failClosed" | "answers" | "degrade">;

export interface HostConfigOptions {
  /** The multi-call binary's base name (`bin/<binName>` launcher, `bin/<binName>-windows-x64.exe`). */
  binName: string;
  /** The folder holding bin/: a variable the host substitutes (`${PLUGIN_ROOT}`) or an absolute path. */
  root: string;
}

/** One generated file of a host's layout, relative to the layout's folder. */
export interface ConfigFile {
  path: string;
  text: string;
}

/**
 * `<root>/bin/<bin> <hook> --host <id>` for a POSIX shell, through the launcher that picks this
 * platform's binary, with JSC's JIT off unless the hook asks for it (src/build/hooks-json.ts says why).
 */
export function posixCommand(host: HostName, hook: HostHook, options: HostConfigOptions, withJitVar = true): string {
  const run = `"${options.root}/bin/${options.binName}" ${hook.name} --host ${host}`;
  return withJitVar && !hook.jit ? `${NO_JIT.name}=${NO_JIT.value} ${run}` : run;
}

/** The Windows x64 binary itself (also what Windows on ARM runs, under emulation), no launcher, no shell syntax. */
export function windowsBinary(options: HostConfigOptions, separator = "\\"): string {
  return `${options.root}${separator}bin${separator}${options.binName}-windows-x64.exe`;
}

/** The seconds of a hook's timeout, or the host's default, in the unit its config takes. */
export function timeoutIn(host: HostName, hook: HostHook): number {
  const caps = CAPS[host];
  const seconds = hook.timeout ?? caps.defaultTimeout;
  return caps.timeoutUnit === "ms" ? Math.round(seconds * 1000) : seconds;
}

export class HostBuildError extends Error {}

/** Refuses, naming every hook, host and answer at once, a set of hooks that one of `hosts` cannot honour. */
export function assertHostsCanHonour(defs: readonly HostHook[], hosts: readonly HostName[]): void {
  const problems = hosts.flatMap((host) => defs.flatMap((def) => checkHookForHost(def, host)));
  if (problems.length > 0) throw new HostBuildError(problems.map((p) => `- ${p.message}`).join("\n"));
}

export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export const sortedHooks = (defs: readonly HostHook[]): HostHook[] =>
  [...defs].sort((a, b) => a.event.localeCompare(b.event) || a.name.localeCompare(b.name));
