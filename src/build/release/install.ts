// `hookkit fetch`: the TypeScript twin of a thin plugin's bin/<bin>-fetch, for machines where hookkit is
// installed (an administrator seeding binaries, CI, an air-gapped machine with a copied asset). Same store, same
// lock, same checks: size and sha256 of the asset, then of the unpacked binary, before chmod and rename.
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Env } from "../../base/env.ts";
import { hookkitStateRoot } from "../../base/state.ts";
import { hostTarget } from "../targets.ts";
import type { ReleaseManifest, ReleaseTarget } from "./manifest.ts";

export interface InstallOptions {
  manifest: ReleaseManifest;
  /** A downloaded asset (.gz) or the unpacked binary; otherwise the manifest's URLs are tried in order. */
  from?: string;
  /** Target name (default: this machine's). */
  target?: string;
  /** Store folder (default: $CLAUDE_PLUGIN_DATA/bin, else <hookkit state dir>/bin). */
  store?: string;
  env?: Env;
}

export interface InstallResult {
  target: string;
  path: string;
  /** "present": it was already there; "installed": verified and put in place now. */
  status: "present" | "installed";
  source?: string;
}

/** Where the launcher looks (after a vendored binary): the plugin's data folder, else hookkit's state dir. */
export function binaryStore(env: Env = process.env): string {
  const data = env.CLAUDE_PLUGIN_DATA;
  return data ? join(data, "bin") : join(hookkitStateRoot(env), "bin");
}

function pickTarget(manifest: ReleaseManifest, wanted?: string): [string, ReleaseTarget] {
  const names = wanted ? [wanted] : (() => {
    const host = hostTarget().name;
    return [host, ...(host.endsWith("-x64") && !host.startsWith("windows") ? [`${host}-baseline`] : []), ...(host === "windows-arm64" ? ["windows-x64"] : [])];
  })();
  for (const n of names) if (manifest.targets[n]) return [n, manifest.targets[n]!];
  throw new Error(`the release has no binary for ${names[0]} (it has: ${Object.keys(manifest.targets).join(", ")})`);
}

const sha256 = (data: Uint8Array) => new Bun.CryptoHasher("sha256").update(data).digest("hex");

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

async function lock(path: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await mkdir(path);
      await writeFile(join(path, "pid"), `${process.pid}\n`);
      return () => rm(path, { recursive: true, force: true });
    } catch {
      const owner = Number((await readFile(join(path, "pid"), "utf8").catch(() => "")).trim());
      if (!owner || alive(owner)) throw new Error(`another fetch is running (lock ${path}${owner ? `, pid ${owner}` : ""}); wait for it`);
      const aside = `${path}.stale.${process.pid}`;
      await rename(path, aside).then(() => rm(aside, { recursive: true, force: true })).catch(() => {});
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

/** The binary inside `data`, or why it was refused. */
function verify(data: Uint8Array<ArrayBuffer>, t: ReleaseTarget, origin: string, allowBinary: boolean): Uint8Array<ArrayBuffer> {
  if (data.length === t.assetSize && sha256(data) === t.assetSha256) {
    const binary = Bun.gunzipSync(data);
    if (binary.length !== t.size || sha256(binary) !== t.sha256) throw new Error(`the binary unpacked from ${origin} does not match the manifest's sha256; refused`);
    return binary;
  }
  if (allowBinary && data.length === t.size && sha256(data) === t.sha256) return data;
  throw new Error(`${origin} does not match the manifest (${data.length} bytes; the asset has ${t.assetSize}, sha256 ${t.assetSha256.slice(0, 12)}…); refused`);
}

export async function installBinary(options: InstallOptions): Promise<InstallResult> {
  const env = options.env ?? process.env;
  const [target, t] = pickTarget(options.manifest, options.target);
  const store = options.store ?? binaryStore(env);
  const final = join(store, t.sha256, t.file);
  if (await Bun.file(final).exists()) return { target, path: final, status: "present" };
  await mkdir(store, { recursive: true });
  const unlock = await lock(join(store, `${t.sha256}.lock`));
  const partial = join(store, `.${t.sha256}.${process.pid}.bin`);
  try {
    let binary: Uint8Array<ArrayBuffer> | undefined;
    let source = options.from;
    if (options.from) {
      binary = verify(new Uint8Array(await Bun.file(options.from).arrayBuffer()), t, options.from, true);
    } else {
      const causes: string[] = [];
      for (const url of t.urls) {
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(600_000) });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          binary = verify(new Uint8Array(await response.arrayBuffer()), t, url, false);
          source = url;
          break;
        } catch (error) {
          causes.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (!binary) throw new Error(`no URL gave a valid ${t.asset}:\n  ${causes.join("\n  ")}`);
    }
    await Bun.write(partial, binary);
    await chmod(partial, 0o755);
    await mkdir(join(store, t.sha256), { recursive: true });
    await rename(partial, final);
    await rm(join(store, `${t.sha256}.failed`), { force: true });
    return { target, path: final, status: "installed", source };
  } finally {
    await rm(partial, { force: true });
    await unlock();
  }
}
