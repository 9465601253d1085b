// The Windows suite's machinery: Debian's Wine 8 running hookkit's own windows-x64 build with piped stdin and
// stdout, as a host runs a hook. Wine 8 lacks bcryptprimitives.dll, whose ProcessPrng Bun's Windows runtime
// imports, so the prefix gets the project's own shim (shim/), compiled with mingw-w64.
//
// The prefix is private to this checkout (.tmp/wine/<key>/), made once and reused: `wineboot` of a new prefix
// takes 10-20 s. Its key hashes the shim source, the Wine version and the user name below, so a change to any
// of them makes a new one. The Windows user is "Hook User": its %USERPROFILE% and %LOCALAPPDATA% have a space.
//
// Without Wine or mingw-w64 the suite cannot run: on CI (CI set) that is a failure, elsewhere a skip whose
// message says what to install (.ci/run installs both).
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REPO, targetBuild } from "../e2e/_binary.ts";
import { spawnHook, type SpawnOptions, type SpawnRun } from "../../src/testing/index.ts";

const SHIM = join(import.meta.dir, "shim");
const WINE_ROOT = join(REPO, ".tmp", "wine");
export const WINDOWS_USER = "Hook User";
const STALE_LOCK_MS = 5 * 60_000;

export interface Wine {
  /** The wine64 loader: Debian's `wine64` package puts it in /usr/lib/wine, not on PATH. */
  loader: string;
  prefix: string;
  /** hookkit-windows-x64.exe of this source state. */
  exe: string;
  /** The Unix folder Windows sees as C:\users\Hook User\AppData\Local. */
  localAppData: string;
  /** Env every Wine process gets. */
  env: Record<string, string>;
  mingw: string;
}

function findWine(): { loader?: string; server?: string; mingw?: string } {
  const loader = [Bun.which("wine64"), "/usr/lib/wine/wine64", "/usr/lib64/wine/wine64", Bun.which("wine")].find((p) => p && existsSync(p)) ?? undefined;
  const server = [Bun.which("wineserver"), "/usr/lib/wine/wineserver", "/usr/lib64/wine/wineserver"].find((p) => p && existsSync(p)) ?? undefined;
  return { loader, server, mingw: Bun.which("x86_64-w64-mingw32-gcc") ?? undefined };
}

async function run(argv: string[], env: Record<string, string | undefined>, timeoutMs = 120_000): Promise<{ code: number; out: string }> {
  const child = Bun.spawn(argv, { env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const [out, err, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  clearTimeout(timer);
  return { code, out: `${out}${err}` };
}

/** Compiles a C file of this folder's sources into a Windows binary (the shim DLL, the fake interpreter). */
export async function mingwBuild(mingw: string, args: string[]): Promise<void> {
  const r = await run([mingw, "-O2", "-s", ...args], process.env);
  if (r.code !== 0) throw new Error(`${mingw} ${args.join(" ")} failed:\n${r.out}`);
}

async function prefixKey(loader: string): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  hasher.update((await run([loader, "--version"], { ...process.env, WINEDEBUG: "-all" })).out);
  hasher.update(WINDOWS_USER);
  for (const file of (await readdir(SHIM)).sort()) {
    hasher.update(`${file}\n`);
    hasher.update(await readFile(join(SHIM, file)));
  }
  return hasher.digest("hex").slice(0, 16);
}

async function withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      else await Bun.sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function baseEnv(prefix: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/root",
    WINEPREFIX: prefix,
    WINEDEBUG: "-all",
    // No Mono or Gecko install on first boot: nothing here needs .NET or HTML.
    WINEDLLOVERRIDES: "mscoree,mshtml=",
    USER: WINDOWS_USER,
    LOGNAME: WINDOWS_USER,
  };
}

/** A booted prefix with the shim in system32, made once per key. */
async function makePrefix(loader: string, server: string | undefined, mingw: string): Promise<{ prefix: string; env: Record<string, string> }> {
  const root = join(WINE_ROOT, await prefixKey(loader));
  const prefix = join(root, "prefix");
  const ready = join(root, "ready");
  if (!existsSync(ready)) {
    await mkdir(WINE_ROOT, { recursive: true });
    await withLock(join(WINE_ROOT, "lock"), async () => {
      if (existsSync(ready)) return;
      await rm(root, { recursive: true, force: true });
      await mkdir(root, { recursive: true });
      const dll = join(root, "bcryptprimitives.dll");
      await mingwBuild(mingw, ["-shared", "-nostartfiles", "-e", "DllMain", "-o", dll, join(SHIM, "bcryptprimitives.c"), join(SHIM, "bcryptprimitives.def"), "-ladvapi32"]);
      const boot = await run([loader, "wineboot", "-i"], baseEnv(prefix), 300_000);
      if (server) await run([server, "-w"], baseEnv(prefix));
      const system32 = join(prefix, "drive_c", "windows", "system32");
      if (!existsSync(system32)) throw new Error(`wineboot made no prefix (exit ${boot.code}):\n${boot.out}`);
      await copyFile(dll, join(system32, "bcryptprimitives.dll"));
      await writeFile(ready, new Date().toISOString());
    });
    // Older prefixes (another shim or Wine) are 500 MB each and never used again.
    for (const entry of await readdir(WINE_ROOT)) {
      if (entry !== root.split("/").at(-1) && entry !== "lock") await rm(join(WINE_ROOT, entry), { recursive: true, force: true });
    }
  }
  const env = baseEnv(prefix);
  // One wineserver for the whole run (it otherwise quits 3 s after each hook and the next one starts it again);
  // it leaves by itself 60 s after the last client.
  // Its output is ignored: the server daemonizes and would hold a pipe open for its whole life.
  if (server) await Bun.spawn([server, "-p60"], { env, stdin: "ignore", stdout: "ignore", stderr: "ignore" }).exited;
  return { prefix, env };
}

let pending: Promise<Wine | string> | undefined;

/** Wine ready to run hookkit's Windows binary, or why it is not (a skip message; thrown on CI). */
export function wine(): Promise<Wine | string> {
  pending ??= (async () => {
    const found = findWine();
    if (!found.loader || !found.mingw) {
      const missing = [!found.loader && "wine64", !found.mingw && "gcc-mingw-w64-x86-64"].filter(Boolean).join(" ");
      const message = `Windows suite skipped: apt-get install ${missing} (bash .ci/run installs them)`;
      if (process.env.CI) throw new Error(`${message}; on CI this suite must run`);
      return message;
    }
    const build = targetBuild("windows-x64");
    let made: { prefix: string; env: Record<string, string> };
    try {
      made = await makePrefix(found.loader, found.server, found.mingw);
    } catch (error) {
      if (process.env.CI) throw error;
      return `Windows suite skipped: Wine could not be made to run Windows programs here: ${error instanceof Error ? error.message : error}`;
    }
    const { prefix, env } = made;
    const exe = (await build).binary;
    // The first Windows program after the server starts also starts Wine's services (services.exe, explorer,
    // rpcss...), which inherit its stdio and live as long as the server: started from a hook with piped
    // stdout, they would hold the host's pipe open for a minute. So this program starts them, with no pipes.
    const warm = await Bun.spawn([found.loader, exe, "--version"], { env, stdin: "ignore", stdout: "ignore", stderr: "ignore" }).exited;
    if (warm !== 0) {
      const message = `Windows suite: hookkit-windows-x64.exe --version exited ${warm} under Wine (prefix ${prefix})`;
      if (process.env.CI) throw new Error(message);
      return `Windows suite skipped: ${message}`;
    }
    const localAppData = join(prefix, "drive_c", "users", WINDOWS_USER, "AppData", "Local");
    return { loader: found.loader, prefix, exe, localAppData, env, mingw: found.mingw };
  })();
  return pending;
}

/** `Z:\…`: how a Windows process under Wine names a Unix path (drive Z: is /). */
export function winPath(unix: string): string {
  return `Z:${unix.replaceAll("/", "\\")}`;
}

/** Maps a drive letter of the prefix to a Unix folder (replacing an earlier mapping), so hooks see `D:\…` roots. */
export async function mapDrive(w: Wine, letter: string, unixDir: string): Promise<void> {
  const link = join(w.prefix, "dosdevices", `${letter.toLowerCase()}:`);
  await rm(link, { force: true });
  await mkdir(unixDir, { recursive: true });
  const temp = `${link}.tmp-${process.pid}`;
  await symlink(unixDir, temp);
  await rename(temp, link);
}

/**
 * Runs `hookkit-windows-x64.exe <args>` under Wine with `input` on a pipe, stdout and stderr piped, as a host
 * does. `env` adds to (or, with undefined, removes from) Wine's base env; Wine passes it to the Windows process,
 * except the variables it owns (USERPROFILE, LOCALAPPDATA, TEMP, PATH: WINEPATH prepends to PATH).
 */
export function runExe(w: Wine, args: string[], input: string | object, options: SpawnOptions = {}): Promise<SpawnRun> {
  return spawnHook([w.loader, w.exe, ...args], input, { timeoutMs: 60_000, ...options, env: { ...w.env, ...options.env } });
}
