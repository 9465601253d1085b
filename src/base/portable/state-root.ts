// hookkit's state root, as pure code both forms share (the binary's kit/state.ts answers the same for
// the same variables): HOOKKIT_STATE_DIR → %LOCALAPPDATA%\hookkit (Windows) → $XDG_STATE_HOME/hookkit
// → ~/.local/state/hookkit. Empty values count as unset.

export type EnvReader = (name: string) => string | undefined;

const set = (value: string | undefined): string | undefined => (value === undefined || value === "" ? undefined : value);

export function joinPosix(...parts: string[]): string {
  let joined = "";
  for (const part of parts) if (part !== "") joined = joined === "" ? part : `${joined.replace(/\/+$/, "")}/${part.replace(/^\/+/, "")}`;
  return joined;
}

export function portableHome(env: EnvReader, windows: boolean): string | undefined {
  return set(windows ? env("USERPROFILE") : env("HOME")) ?? set(env("HOME"));
}

function expandHome(path: string, env: EnvReader, windows: boolean): string {
  const home = portableHome(env, windows);
  if (home === undefined) return path;
  if (path === "~") return home;
  if (path.startsWith("~/") || path.startsWith("~\\")) return joinPosix(home, path.slice(2));
  return path;
}

/** The state root; undefined when no variable names a home (the binary then asks the OS, a mod cannot). */
export function portableStateRoot(env: EnvReader, windows: boolean): string | undefined {
  const explicit = set(env("HOOKKIT_STATE_DIR"));
  if (explicit) return expandHome(explicit, env, windows);
  if (windows) {
    const local = set(env("LOCALAPPDATA"));
    if (local) return joinPosix(local, "hookkit");
  }
  const xdg = set(env("XDG_STATE_HOME"));
  if (xdg) return joinPosix(expandHome(xdg, env, windows), "hookkit");
  const home = portableHome(env, windows);
  return home === undefined ? undefined : joinPosix(home, ".local", "state", "hookkit");
}

/** The variables portableStateRoot reads; the mod reads each of them by its literal name. */
export const STATE_ROOT_VARIABLES = ["HOOKKIT_STATE_DIR", "LOCALAPPDATA", "XDG_STATE_HOME", "HOME", "USERPROFILE", "OS"] as const;
