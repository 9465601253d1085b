// Runs a host CLI where it cannot reach the network: a fresh network namespace whose only interface is
// loopback, brought up so a fake model API in the same namespace is reachable on 127.0.0.1.
//
// Needs root (or an unprivileged user namespace), `unshare` from util-linux and `ip` from iproute2. The
// first call probes once; where the probe fails (a container without CAP_SYS_ADMIN, macOS) the argv runs
// as is and `isolated` says so, so a suite can still run and report that it was not sealed off.
// HOOKKIT_HOST_NETNS=0 opts out (e.g. to strace a session); =1 makes a failed probe an error.
import { spawnSync } from "node:child_process";

export interface Offline {
  /** The argv to spawn: wrapped in `unshare -n` when isolated, unchanged otherwise. */
  argv: string[];
  /** True when the command runs in its own network namespace with only loopback up. */
  isolated: boolean;
  /** Why it is not isolated (empty when it is). */
  why: string;
}

// `ip link set lo up` inside the new namespace, then exec the real command with its own argv intact.
const PRELUDE = 'ip link set lo up && exec "$@"';

let probed: { ok: boolean; why: string } | undefined;

function probe(): { ok: boolean; why: string } {
  if (probed) return probed;
  const setting = process.env.HOOKKIT_HOST_NETNS;
  if (setting === "0") return (probed = { ok: false, why: "HOOKKIT_HOST_NETNS=0" });
  if (process.platform !== "linux") return (probed = { ok: false, why: `no network namespaces on ${process.platform}` });
  // The probe is the real thing: a namespace where lo comes up and nothing but lo exists.
  const run = spawnSync("unshare", ["-n", "--", "sh", "-c", `${PRELUDE}`, "sh", "sh", "-c", "ip -o link show | wc -l"], {
    encoding: "utf8",
    timeout: 10_000,
  });
  if (run.error) probed = { ok: false, why: `unshare: ${run.error.message}` };
  else if (run.status !== 0) probed = { ok: false, why: `unshare -n failed (exit ${run.status}): ${(run.stderr ?? "").trim().split("\n")[0]}` };
  else if (run.stdout.trim() !== "1") probed = { ok: false, why: `the new namespace has ${run.stdout.trim()} interfaces, expected only lo` };
  else probed = { ok: true, why: "" };
  if (!probed.ok && setting === "1") throw new Error(`HOOKKIT_HOST_NETNS=1 but no network namespace: ${probed.why}`);
  return probed;
}

/** Wraps `argv` so it runs in a fresh network namespace with only loopback (when the machine allows it). */
export function offline(argv: readonly string[]): Offline {
  const { ok, why } = probe();
  if (!ok) return { argv: [...argv], isolated: false, why };
  return { argv: ["unshare", "-n", "--", "sh", "-c", PRELUDE, "sh", ...argv], isolated: true, why: "" };
}

/** Whether `offline()` isolates on this machine, and if not, why. */
export function offlineStatus(): { isolated: boolean; why: string } {
  const { ok, why } = probe();
  return { isolated: ok, why };
}
