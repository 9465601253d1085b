// The compiled multi-call binary for this machine (or another target: test/windows/ runs windows-x64 under Wine),
// built once per source state and shared by every e2e test.
// Cached in dist/.e2e/<hash>/ by a hash of src/ (tests excluded), package.json and the Bun version, so a repeat
// run reuses it. Several test files (or several `bun test` processes) may ask at once: an in-process promise
// dedupes callers, a mkdir lock serialises processes, and the build goes to a temp dir renamed into place.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { binaryName, parseTarget } from "../../src/build/targets.ts";

export const REPO = resolve(import.meta.dir, "..", "..");
const CACHE = join(REPO, "dist", ".e2e");
const LOCK = join(CACHE, "lock");
const STALE_LOCK_MS = 5 * 60_000;

export interface HostBuild {
  /** dist/.e2e/<hash>/bin/hookkit-<os>-<arch> */
  binary: string;
  /** The plugin bundle of the same build (launcher, hooks.json, the binary). */
  pluginDir: string;
  /** bin/hookkit inside the plugin bundle. */
  launcher: string;
}

async function sourceHash(): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  hasher.update(`bun ${Bun.version}\n`);
  const files: string[] = [];
  for await (const file of new Bun.Glob("src/**/*").scan({ cwd: REPO, onlyFiles: true })) {
    if (!file.endsWith(".test.ts")) files.push(file);
  }
  files.push("package.json");
  for (const file of files.sort()) {
    hasher.update(`${file}\n`);
    hasher.update(await Bun.file(join(REPO, file)).arrayBuffer());
  }
  return hasher.digest("hex").slice(0, 16);
}

function layout(dir: string, target = "host"): HostBuild {
  const bin = binaryName("hookkit", parseTarget(target));
  return { binary: join(dir, "bin", bin), pluginDir: join(dir, "plugin"), launcher: join(dir, "plugin", "bin", "hookkit") };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(CACHE, { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      // Held: wait, unless its owner died or it is older than any build could take.
      const owner = Number(await readFile(join(LOCK, "pid"), "utf8").catch(() => "0"));
      const age = Date.now() - ((await stat(LOCK).catch(() => undefined))?.mtimeMs ?? Date.now());
      if ((owner && !alive(owner)) || age > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
      else await Bun.sleep(100);
    }
  }
  await writeFile(join(LOCK, "pid"), String(process.pid));
  try {
    return await fn();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

// A child process, not build() in-process: this process may hold modules loaded before a source edit, and the
// cache key must describe what was compiled. The hash is taken again afterwards; an edit during the build retries.
async function compileInto(temp: string, target: string): Promise<void> {
  const child = Bun.spawn([process.execPath, join(REPO, "build.ts"), "--target", target, "--out", temp, "--no-repo-hooks"], {
    cwd: REPO,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [err, code] = await Promise.all([new Response(child.stderr).text(), child.exited]);
  if (code !== 0) throw new Error(`${target} build failed (exit ${code}):\n${err}`);
}

/** Marks a build as in use, so a concurrent run that builds a newer one does not prune it (see prune). */
async function reuse(dir: string, target: string): Promise<HostBuild> {
  const now = new Date();
  await utimes(dir, now, now).catch(() => {});
  return layout(dir, target);
}

// The host build keeps the bare hash as its folder name; another target's folder is <hash>-<target>.
async function buildTarget(target: string): Promise<HostBuild> {
  const folder = (hash: string) => join(CACHE, target === "host" ? hash : `${hash}-${target}`);
  let hash = await sourceHash();
  if (existsSync(layout(folder(hash), target).binary)) return reuse(folder(hash), target);
  return withLock(async () => {
    for (let attempt = 0; ; attempt++) {
      const dir = folder(hash);
      if (existsSync(layout(dir, target).binary)) return reuse(dir, target);
      const temp = join(CACHE, `tmp-${process.pid}-${Date.now()}`);
      await compileInto(temp, target);
      const after = await sourceHash();
      if (after !== hash && attempt < 2) {
        await rm(temp, { recursive: true, force: true });
        hash = after;
        continue;
      }
      await rename(temp, dir);
      await prune(dir);
      return layout(dir, target);
    }
  });
}

// Each build is ~110 MB, so old ones go; but another test process (or the bench) may still be running an older
// build after someone edited src/, so only builds unused for a while are removed.
const PRUNE_AFTER_MS = 15 * 60_000;

async function prune(keep: string): Promise<void> {
  for (const entry of await readdir(CACHE)) {
    if (join(CACHE, entry) === keep || entry === "lock") continue;
    const used = (await stat(join(CACHE, entry)).catch(() => undefined))?.mtimeMs ?? 0;
    if (Date.now() - used > PRUNE_AFTER_MS || entry.startsWith("tmp-")) await rm(join(CACHE, entry), { recursive: true, force: true });
  }
}

const pending = new Map<string, Promise<HostBuild>>();

/** Builds (once per source state) and returns the binary for `target` ("host": this machine) and its plugin bundle. */
export function targetBuild(target: string): Promise<HostBuild> {
  let build = pending.get(target);
  if (!build) {
    build = buildTarget(target).catch((error) => {
      pending.delete(target);
      throw error;
    });
    pending.set(target, build);
  }
  return build;
}

/** Builds (once per source state) and returns the host binary and its plugin bundle. */
export function hostBuild(): Promise<HostBuild> {
  return targetBuild("host");
}

/** Path of the compiled multi-call binary for this machine. */
export async function hostBinary(): Promise<string> {
  return (await hostBuild()).binary;
}
