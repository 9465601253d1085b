// Where hook state lives. Every root is resolved from the environment on each call (hooks are
// short-lived and tests point these at temp dirs), with empty values treated as unset so a stray
// `FOO=` never resolves to the filesystem root.
import { joinPath as join, parentDir } from "./paths.ts";
import type { Env } from "./env.ts";
import { nodeOs } from "./lazy.ts";

/** An environment value, or undefined when unset or empty. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

/** The user's home: HOME (USERPROFILE on Windows), else the OS's idea of it. */
export function homeDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  // node:os is loaded only when neither variable is set (docs/startup-costs.md).
  return envValue(env, platform === "win32" ? "USERPROFILE" : "HOME") ?? envValue(env, "HOME") ?? nodeOs().homedir();
}

/** Expands a leading `~` (or `~/`, `~\`) the way Python's expanduser does. */
export function expandHome(path: string, env: Env, platform: NodeJS.Platform = process.platform): string {
  if (path === "~") return homeDir(env, platform);
  if (path.startsWith("~/") || path.startsWith("~\\")) return join(homeDir(env, platform), path.slice(2));
  return path;
}

/**
 * hookkit's own state root, for hooks that do not name one:
 * HOOKKIT_STATE_DIR → %LOCALAPPDATA%\hookkit (Windows) → $XDG_STATE_HOME/hookkit → ~/.local/state/hookkit.
 */
export function hookkitStateRoot(env: Env, platform: NodeJS.Platform = process.platform): string {
  const explicit = envValue(env, "HOOKKIT_STATE_DIR");
  if (explicit) return expandHome(explicit, env, platform);
  if (platform === "win32") {
    const local = envValue(env, "LOCALAPPDATA");
    if (local) return join(local, "hookkit");
  }
  const xdg = envValue(env, "XDG_STATE_HOME");
  if (xdg) return join(expandHome(xdg, env, platform), "hookkit");
  return join(homeDir(env, platform), ".local", "state", "hookkit");
}

/** What a hook says about where it keeps state (HookDefinition's `name`, `stateDir`, `errorLog`). */
export interface HookStateSpec {
  readonly name: string;
  readonly stateDir?: (env: Env) => string;
  readonly errorLog?: (env: Env) => { file: string; tag: string };
}

/** Where one hook keeps its state and its error log, and the root no write of it may leave. */
export interface HookPlaces {
  /** The root its writes stay under: the hook's own stateDir when it names one, else hookkit's state root. */
  stateRoot: string;
  /** Its own folder: the named stateDir, else `<hookkit state root>/<name>`. */
  stateDir: string;
  /** Its error log and the tag each line starts with (`<stateDir>/errors.log`, tag = name, unless the hook names one). */
  errorLog: { file: string; tag: string };
  /** The root the error log's writes are confined to. */
  errorLogRoot: string;
}

/** The one rule for where a hook's state and error log are; the run loop, `hookkit run` and `hookkit doctor` all ask here. */
export function hookPlaces(def: HookStateSpec, env: Env): HookPlaces {
  const stateRoot = def.stateDir ? def.stateDir(env) : hookkitStateRoot(env);
  const stateDir = def.stateDir ? stateRoot : join(stateRoot, def.name);
  const fallback = { stateRoot, stateDir, errorLog: { file: join(stateDir, "errors.log"), tag: def.name }, errorLogRoot: stateRoot };
  if (!def.errorLog) return fallback;
  let errorLog: { file: string; tag: string };
  try {
    errorLog = def.errorLog(env);
  } catch {
    // A hook's own log place that cannot be named (its root's variable is missing) must not take the run
    // loop down with it: the failure is logged where a hook without errorLog logs.
    return fallback;
  }
  return { stateRoot, stateDir, errorLog, errorLogRoot: parentDir(errorLog.file) };
}
