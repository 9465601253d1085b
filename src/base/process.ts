// What every hookkit spawn needs, whoever spawns: the environment to hand a child, and a kill that
// reaches the child's own children.

/**
 * The environment to hand a child, from `env` or this process's. Always pass one to Bun.spawn: without
 * `env` Bun hands the child the environment this process started with, and a variable deleted from
 * process.env since (the process entry drops BUN_JSC_useJIT, src/hosts/main.ts) would still reach it.
 */
export function childEnv(env: Record<string, string | undefined> = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * SIGKILLs the process group that `pid` leads (a child spawned `detached`), so its own children
 * (pip's, a hook's `sh -c …`) die with it instead of holding pipes open. Windows has no process
 * groups: `fallback` (usually `proc.kill()`) runs instead, and also when the group is gone. Never throws.
 */
export function killProcessGroup(pid: number, fallback: () => void = () => {}, windows = process.platform === "win32"): void {
  try {
    if (!windows) process.kill(-pid, "SIGKILL");
    else fallback();
  } catch {
    try {
      fallback();
    } catch {
      // already gone
    }
  }
}
