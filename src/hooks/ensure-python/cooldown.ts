// After a BUILD_FAILED, remember the failure for a while so later runs report it without
// rebuilding (upstream, a machine that could never build re-spawned the 30-60 s bootstrap
// every 300 s all session). A new plugin version or --force ignores the remembered failure.
import { atomicWrite } from "../../kit/files.ts";
import { nodeFs as fs } from "../../base/lazy.ts";

export interface Failure {
  /** Epoch ms of the failed build. */
  at: number;
  pv: number;
  /** The requirement that failed; a different one is a new attempt. */
  package: string;
  phase: string;
  kind: string;
}

export function readCooldown(path: string): Failure | undefined {
  try {
    const f = JSON.parse(fs().readFileSync(path, "utf8"));
    if (typeof f?.at === "number" && typeof f.pv === "number" && typeof f.package === "string" && typeof f.phase === "string" && typeof f.kind === "string")
      return { at: f.at, pv: f.pv, package: f.package, phase: f.phase, kind: f.kind };
  } catch {}
  return undefined;
}

/** The remembered failure, if it still applies to this run. */
export function activeCooldown(path: string, nowMs: number, cooldownMs: number, pv: number, pkg: string): Failure | undefined {
  if (cooldownMs <= 0) return undefined;
  const f = readCooldown(path);
  if (!f || f.pv !== pv || f.package !== pkg) return undefined;
  const age = nowMs - f.at;
  return age >= 0 && age < cooldownMs ? f : undefined;
}

export function rememberFailure(path: string, failure: Failure): void {
  try {
    atomicWrite(path, JSON.stringify(failure) + "\n");
  } catch {
    // An unwritable state dir already failed the build; nothing more to remember.
  }
}

export function clearCooldown(path: string): void {
  try {
    fs().unlinkSync(path);
  } catch {}
}
