/**
 * Where gstack keeps things. Both roots are resolved from the environment on every call,
 * never from the binary's own location: a compiled executable's import.meta.url points
 * into Bun's virtual /$bunfs, so the original's "three folders up from this file" is meaningless.
 *
 * Pure code over an environment reader: the same in the compiled binary and in the Claude Code mod.
 * Every variable is read by its literal name, spelled out at the call, which is how the mod build learns
 * which variables the hook needs.
 */
import { joinPosix, safeSegment } from "hookkit/portable";

/** A variable's value, or undefined when unset or empty (ctx.portable.env). */
export type EnvReader = (name: string) => string | undefined;

/** Joins path segments with `/` (node:path's join for the plain segments used here; Windows takes `/` too). */
export const join = joinPosix;

const windows = (env: EnvReader) => env("OS") === "Windows_NT";

/**
 * The user's home: HOME (USERPROFILE on Windows). The binary's reader asks the OS when HOME is unset; a
 * mod cannot, and then this throws rather than name a relative `~` folder under the session's cwd.
 */
export function homeDir(env: EnvReader): string {
  const home = (windows(env) ? env("USERPROFILE") : undefined) ?? env("HOME");
  if (home === undefined) throw new Error("neither HOME nor USERPROFILE is set: no home to find gstack's files in");
  return home;
}

/** Expands a leading `~` (or `~/`, `~\`) the way Python's expanduser does. */
export function expandHome(path: string, env: EnvReader): string {
  if (path === "~") return homeDir(env);
  if (path.startsWith("~/") || path.startsWith("~\\")) return join(homeDir(env), path.slice(2));
  return path;
}

/** gstack's state root: GSTACK_STATE_ROOT, else GSTACK_HOME, else ~/.gstack (D16; empty = unset). */
export function gstackStateRoot(env: EnvReader): string {
  const explicit = env("GSTACK_STATE_ROOT") ?? env("GSTACK_HOME");
  return explicit ? expandHome(explicit, env) : join(homeDir(env), ".gstack");
}

/** The value of `--gstack-root <dir>` or `--gstack-root=<dir>` in the hook's arguments. */
function gstackRootFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--gstack-root") return argv[i + 1] || undefined;
    if (arg.startsWith("--gstack-root=")) return arg.slice("--gstack-root=".length) || undefined;
  }
  return undefined;
}

/**
 * gstack's install dir (registry in scripts/, bins in bin/): `--gstack-root` (written into the
 * hook command, so the most specific; a mod has no arguments), else GSTACK_ROOT, else
 * ${CLAUDE_CONFIG_DIR:-~/.claude}/skills/gstack.
 */
export function gstackInstallRoot(env: EnvReader, argv: readonly string[]): string {
  const explicit = gstackRootFlag(argv) ?? env("GSTACK_ROOT");
  if (explicit) return expandHome(explicit, env);
  const config = env("CLAUDE_CONFIG_DIR");
  return join(config ? expandHome(config, env) : join(homeDir(env), ".claude"), "skills", "gstack");
}

/** `<root>/sessions/<sid>` with the id sanitized to one segment; undefined when nothing usable is left. */
export function sessionDir(stateRoot: string, sessionId: string | undefined): string | undefined {
  if (sessionId === undefined) return undefined;
  const segment = safeSegment(sessionId);
  return segment ? join(stateRoot, "sessions", segment) : undefined;
}

/** The auto-decided marker for a tool call, read by gstack's PostToolUse question-log hook. */
export function autoDecidedMarker(dir: string, toolUseId: string): string | undefined {
  const segment = safeSegment(toolUseId);
  return segment ? join(dir, `.auto-decided-${segment}`) : undefined;
}
