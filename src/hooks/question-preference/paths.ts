/**
 * Where gstack keeps things. Both roots are resolved from the environment on every call,
 * never from the binary's own location: a compiled executable's import.meta.url points
 * into Bun's virtual /$bunfs, so the original's "three folders up from this file" is meaningless.
 *
 * Nothing here loads node:fs or node:path (docs/startup-costs.md): most calls of this hook never
 * write, and reads go through Bun.file.
 */
import { joinPath, safeSegment } from "../../base/paths.ts";
import { envValue, expandHome, homeDir } from "../../base/state.ts";
import type { Env } from "../../runtime/index.ts";

/** node:path's `join`, byte for byte, without loading node:path for plain POSIX segments. */
export const join = joinPath;

/** gstack's state root: GSTACK_STATE_ROOT, else GSTACK_HOME, else ~/.gstack (D16; empty = unset). */
export function gstackStateRoot(env: Env): string {
  const explicit = envValue(env, "GSTACK_STATE_ROOT") ?? envValue(env, "GSTACK_HOME");
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
 * hook command, so the most specific), else GSTACK_ROOT, else ${CLAUDE_CONFIG_DIR:-~/.claude}/skills/gstack.
 */
export function gstackInstallRoot(env: Env, argv: readonly string[]): string {
  const explicit = gstackRootFlag(argv) ?? envValue(env, "GSTACK_ROOT");
  if (explicit) return expandHome(explicit, env);
  const config = envValue(env, "CLAUDE_CONFIG_DIR");
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
