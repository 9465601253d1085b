// A thin-plugin release of the fixture project test/fixtures/release-project (a fail-closed `guard` on Bash, a
// fail-open `read-note` on Read), its host binary compiled once per source state and shared by every test file
// (dist/.e2e-release/<hash>/, a mkdir lock between processes, as buildProject does for a project's binary).
// Each test gets its own release folder (fast: gzip level 1 of a cached build) so URLs can name its own server.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { release, type ReleaseResult } from "../../src/build/release/index.ts";

const REPO = join(import.meta.dir, "..", "..");

export const PROJECT = join(REPO, "test", "fixtures", "release-project");
const CACHE = join(REPO, "dist", ".e2e-release");

async function sourceHash(): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  hasher.update(`bun ${Bun.version}\n`);
  const files: string[] = [];
  for await (const file of new Bun.Glob("src/**/*").scan({ cwd: REPO, onlyFiles: true })) if (!file.endsWith(".test.ts")) files.push(file);
  for await (const file of new Bun.Glob("test/fixtures/release-project/*").scan({ cwd: REPO, onlyFiles: true })) files.push(file);
  for (const file of files.sort()) {
    hasher.update(`${file}\n`);
    hasher.update(await Bun.file(join(REPO, file)).arrayBuffer());
  }
  return hasher.digest("hex").slice(0, 16);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function locked<T>(fn: () => Promise<T>): Promise<T> {
  const lock = join(CACHE, "lock");
  await mkdir(CACHE, { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      const owner = Number(await readFile(join(lock, "pid"), "utf8").catch(() => "0"));
      const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now());
      if ((owner && !alive(owner)) || age > 5 * 60_000) await rm(lock, { recursive: true, force: true });
      else await Bun.sleep(100);
    }
  }
  await writeFile(join(lock, "pid"), String(process.pid));
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** The fixture project's `hookkit build --target host` output folder (manifest.json + bin/). */
async function buildOnce(): Promise<string> {
  const hash = await sourceHash();
  const dir = join(CACHE, hash);
  if (existsSync(join(dir, "manifest.json"))) return dir;
  return locked(async () => {
    if (existsSync(join(dir, "manifest.json"))) return dir;
    const temp = join(CACHE, `tmp-${process.pid}`);
    await rm(temp, { recursive: true, force: true });
    // A child process: the build imports the registry, and this process may hold older modules.
    const child = Bun.spawn(
      [process.execPath, join(REPO, "src", "main.ts"), "build", "--root", PROJECT, "--hooks", "hooks.ts", "--target", "host", "--out", temp, "--no-repo-hooks"],
      { cwd: PROJECT, stdin: "ignore", stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } },
    );
    const [err, code] = await Promise.all([new Response(child.stderr).text(), child.exited]);
    if (code !== 0) throw new Error(`fixture build failed (exit ${code}):\n${err}`);
    await rename(temp, dir);
    return dir;
  });
}

let built: Promise<string> | undefined;
export const fixtureBuild = () => (built ??= buildOnce());

const quiet = { start() {}, success() {}, info() {}, warn() {}, log() {}, table() {} };

/** A release of the fixture project into a fresh temp folder, its assets to be served under `baseUrl`. */
export async function fixtureRelease(baseUrl: string, mirrors: string[] = []): Promise<ReleaseResult> {
  const fromBuild = await fixtureBuild();
  const outDir = await mkdtemp(join(tmpdir(), "hookkit-release-"));
  return release({ root: PROJECT, fromBuild, outDir, baseUrl, mirrors, level: 1, build: { hooks: "hooks.ts" }, logger: quiet });
}
