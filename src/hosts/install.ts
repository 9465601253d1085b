// `install --host <h>`: puts a built host bundle's hooks (dist/<host>/) into that host's user config,
// with the bundle's root variable replaced by the bundle's absolute folder, and takes exactly those out
// again. Entries are recognised as ours by their command: it starts our binary under that folder and
// names the host (`"<dir>/bin/<bin>" <hook> --host <h>`), so no marker key is added to a file whose
// host may reject unknown keys. Everything else in the file, a third party's hooks included, is kept as
// it was, and uninstalling after installing gives back the file's exact bytes.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { atomicWrite } from "../kit/files.ts";
import type { OtherHost } from "./capabilities.ts";
import { deepEqual, serializeLike } from "./claude/settings.ts";
import { COPILOT_ROOT_VAR } from "./copilot/config.ts";

type Json = Record<string, unknown>;

export interface HostInstallTarget {
  host: OtherHost;
  /** The built bundle for this host (dist/<host>/, or dist/gemini-windows/ on Windows). */
  bundleDir: string;
  binName: string;
  env: Record<string, string | undefined>;
}

export class HostInstallError extends Error {}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The user config file `host` reads hooks from. */
export function hostConfigFile(target: Pick<HostInstallTarget, "host" | "binName" | "env">): string {
  const home = target.env.HOME || target.env.USERPROFILE;
  const under = (dir: string | undefined, ...rest: string[]) => {
    if (!dir) throw new HostInstallError("HOME is not set, so the host's user config is unknown");
    return join(dir, ...rest);
  };
  switch (target.host) {
    case "codex":
      return target.env.CODEX_HOME ? join(target.env.CODEX_HOME, "hooks.json") : under(home, ".codex", "hooks.json");
    case "gemini":
      return under(home, ".gemini", "settings.json");
    case "copilot":
      return target.env.COPILOT_HOME ? join(target.env.COPILOT_HOME, "hooks", `${target.binName}.json`) : under(home, ".copilot", "hooks", `${target.binName}.json`);
    case "cursor":
      return under(home, ".cursor", "hooks.json");
  }
}

/** The bundle's hooks object, with its root variable replaced by the bundle's absolute folder. */
export function bundleEntries(target: HostInstallTarget): Record<string, unknown[]> {
  const file = join(target.bundleDir, "hooks", "hooks.json");
  if (!existsSync(file)) throw new HostInstallError(`${file} does not exist: build the bundle first (hookkit build --host ${target.host})`);
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { hooks?: Record<string, unknown[]> };
  const dir = target.bundleDir;
  const replace = (value: unknown): unknown => {
    if (typeof value === "string")
      return value.replaceAll("${PLUGIN_ROOT}", dir).replaceAll("${extensionPath}", dir).replaceAll("${/}", "/").replaceAll("${CURSOR_PLUGIN_ROOT}", dir);
    if (Array.isArray(value)) return value.map(replace);
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    return value;
  };
  return replace(parsed.hooks ?? {}) as Record<string, unknown[]>;
}

/** Whether a group (Codex, Gemini) or handler (Copilot, Cursor) was written by us for this bundle. */
export function isOurs(target: HostInstallTarget, entry: unknown): boolean {
  if (!isObject(entry)) return false;
  const flag = `--host ${target.host}`;
  const bin = `${target.bundleDir}/bin/${target.binName}"`;
  const commandOurs = (handler: unknown) => {
    if (!isObject(handler)) return false;
    if (target.host === "copilot") {
      const env = isObject(handler.env) ? handler.env : {};
      return env[COPILOT_ROOT_VAR] === target.bundleDir && String(handler.bash ?? "").includes(flag);
    }
    const command = String(handler.command ?? "");
    return command.includes(bin) && command.includes(flag);
  };
  if (Array.isArray(entry.hooks)) return entry.hooks.length > 0 && entry.hooks.every(commandOurs);
  return commandOurs(entry);
}

/** The config with our entries for this bundle replaced by `entries` (in place where they were, else appended). */
export function withHostEntries(target: HostInstallTarget, config: Json, entries: Record<string, unknown[]>): Json {
  const hooks: Json = { ...(isObject(config.hooks) ? config.hooks : {}) };
  for (const [event, list] of Object.entries(hooks)) {
    if (Array.isArray(list) && !(event in entries) && list.some((e) => isOurs(target, e))) {
      const kept = list.filter((e) => !isOurs(target, e));
      if (kept.length > 0) hooks[event] = kept;
      else delete hooks[event];
    }
  }
  for (const [event, ours] of Object.entries(entries)) {
    const current = hooks[event];
    if (current !== undefined && !Array.isArray(current)) throw new HostInstallError(`"hooks.${event}" is not an array; fix it by hand, then run this again; nothing was written`);
    const list = (current as unknown[] | undefined) ?? [];
    const at = list.findIndex((e) => isOurs(target, e));
    const kept = list.filter((e) => !isOurs(target, e));
    kept.splice(at < 0 ? kept.length : at, 0, ...ours);
    hooks[event] = kept;
  }
  const out: Json = { ...config, hooks };
  // Copilot and Cursor hooks files carry a version; ours is 1.
  if ((target.host === "copilot" || target.host === "cursor") && out.version === undefined) return { version: 1, ...out };
  return out;
}

/** The config with every entry of ours for this bundle removed; keys left empty by that go too. */
export function withoutHostEntries(target: HostInstallTarget, config: Json): Json {
  if (!isObject(config.hooks)) return config;
  const hooks: Json = {};
  for (const [event, list] of Object.entries(config.hooks)) {
    if (!Array.isArray(list) || !list.some((e) => isOurs(target, e))) {
      hooks[event] = list;
      continue;
    }
    const kept = list.filter((e) => !isOurs(target, e));
    if (kept.length > 0) hooks[event] = kept;
  }
  if (Object.keys(hooks).length > 0) return { ...config, hooks };
  const { hooks: _ours, ...rest } = config;
  return rest;
}


function parse(text: string | undefined, file: string): Json {
  if (text === undefined || text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HostInstallError(`${file} is not valid JSON (${(error as Error).message}); fix it by hand, then run this again; nothing was written`);
  }
  if (!isObject(value)) throw new HostInstallError(`${file} does not hold a JSON object; nothing was written`);
  return value;
}

export interface HostPlan {
  file: string;
  before: string | undefined;
  after: string | undefined;
  changed: boolean;
  /** What the user must still do for the hooks to run. */
  notes: string[];
}

const backupOf = (file: string) => `${file}.hookkit-backup`;

export function planHostInstall(target: HostInstallTarget, before: string | undefined, file = hostConfigFile(target)): HostPlan {
  const value = parse(before, file);
  const next = withHostEntries(target, value, bundleEntries(target));
  const after = deepEqual(next, value) && before !== undefined ? before : serializeLike(next, before);
  const notes =
    target.host === "codex"
      ? ["Codex skips hooks it has not been told to trust, silently: open Codex, run /hooks and trust these hooks (again after each update)"]
      : [];
  return { file, before, after, changed: after !== before, notes };
}

/** Undoing an install gives the backup's exact bytes when it holds the same config (byte-for-byte round trip). */
export function planHostUninstall(target: HostInstallTarget, before: string | undefined, backup?: string, file = hostConfigFile(target)): HostPlan {
  if (before === undefined) return { file, before, after: undefined, changed: false, notes: [] };
  const value = parse(before, file);
  const next = withoutHostEntries(target, value);
  if (deepEqual(next, value)) return { file, before, after: before, changed: false, notes: [] };
  // A Copilot hooks file is ours alone: nothing of ours left means no file.
  if (target.host === "copilot" && Object.keys(next).every((k) => k === "version")) return { file, before, after: undefined, changed: true, notes: [] };
  let after = serializeLike(next, before);
  if (backup !== undefined) {
    try {
      if (deepEqual(JSON.parse(backup), next)) after = backup;
    } catch {
      // a broken backup is not ours to trust
    }
  }
  return { file, before, after, changed: true, notes: [] };
}

/** Reads the host's config, installs, backs up the old text beside it and writes; returns the plan. */
export function installForHost(target: HostInstallTarget): HostPlan {
  const file = hostConfigFile(target);
  const before = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  const plan = planHostInstall(target, before, file);
  if (plan.changed && plan.after !== undefined) {
    mkdirSync(dirname(file), { recursive: true });
    if (before !== undefined) atomicWrite(backupOf(file), before);
    atomicWrite(file, plan.after);
  }
  return plan;
}

/** Takes this bundle's entries out of the host's config; the backup's exact bytes when they match. */
export function uninstallForHost(target: HostInstallTarget): HostPlan {
  const file = hostConfigFile(target);
  const before = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  const backup = existsSync(backupOf(file)) ? readFileSync(backupOf(file), "utf8") : undefined;
  const plan = planHostUninstall(target, before, backup, file);
  if (plan.changed) {
    if (plan.after === undefined) rmSync(file, { force: true });
    else atomicWrite(file, plan.after);
  }
  return plan;
}

/** The launcher's name in a bundle's bin/ (the file beside its `.ps1` twin). */
export function bundleBinName(bundleDir: string): string {
  const bin = join(bundleDir, "bin");
  const names = existsSync(bin) ? readdirSync(bin) : [];
  const launcher = names.find((n) => names.includes(`${n}.ps1`));
  if (!launcher) throw new HostInstallError(`${bin} holds no launcher: build the bundle first (hookkit build --host <host>)`);
  return launcher;
}
