// Small tmpfs mounts for the crash-recovery tests: a read-only state dir (root ignores file modes,
// so chmod cannot make one) and a full disk. Needs root and a kernel that lets us mount; when it
// cannot, `tmpfs` returns undefined and the tests that need it say so in the report.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const mounted: string[] = [];

function sh(...args: string[]): boolean {
  return Bun.spawnSync(args, { stdout: "ignore", stderr: "ignore" }).exitCode === 0;
}

/** A fresh tmpfs of `size` (e.g. "256k"), or undefined when mounting is not possible here. */
export function tmpfs(size: string): string | undefined {
  // HOOKKIT_RELIABILITY_NO_MOUNT=1 exercises the fallbacks on a machine that could mount.
  if (process.platform !== "linux" || process.env.HOOKKIT_RELIABILITY_NO_MOUNT) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "hookkit-reliability-mnt-"));
  if (!sh("mount", "-t", "tmpfs", "-o", `size=${size},mode=0755`, "tmpfs", dir)) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  mounted.push(dir);
  return dir;
}

export function remountReadOnly(dir: string): boolean {
  return sh("mount", "-o", "remount,ro", dir);
}

/** Fills the file system holding `dir` until a write fails with ENOSPC. */
export async function fill(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const chunk = new Uint8Array(4096).fill(120);
  const { openSync, writeSync, closeSync } = await import("node:fs");
  const fd = openSync(join(dir, "filler"), "w");
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full. Top up the last partial block with single bytes.
    try {
      for (;;) writeSync(fd, chunk.subarray(0, 1));
    } catch {}
  } finally {
    closeSync(fd);
  }
}

export function unmountAll(): void {
  for (const dir of mounted.splice(0)) {
    sh("umount", "-l", dir);
    rmSync(dir, { recursive: true, force: true });
  }
}
