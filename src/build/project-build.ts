// Testing a project's hooks as Claude Code runs them: the project's compiled binary for this machine
// (built once per source state, cached under dist/.test/), started by the command the generated
// hooks.json holds, through `/bin/sh -c` with CLAUDE_PLUGIN_ROOT set, stdin piped and stdout parsed.
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bunCommand } from "./compile.ts";
import { hostTarget, parseTarget } from "./targets.ts";
import { loadProject } from "../project/config.ts";
import { spawnHook, type SpawnOptions, type SpawnRun } from "../runtime/spawn.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

export interface ProjectBuild {
  /** The plugin bundle (dist/.test/<hash>/plugin): .claude-plugin/, hooks/hooks.json, bin/. */
  pluginDir: string;
  /** The target's multi-call binary in the bundle (bin/<name>-<os>-<cpu>[.exe]). */
  binary: string;
  /** The bundle's launcher (bin/<name>), which picks the binary for the machine it runs on. */
  launcher: string;
  /** The generated hooks.json, parsed. */
  hooksJson: { hooks: Record<string, { matcher?: string; hooks: { command: string; args?: string[]; timeout?: number }[] }[]> };
}

const HOOKKIT_SRC = fileURLToPath(new URL("..", import.meta.url));

/**
 * What the binary is made of: the project's src/, each hook file with the folder of the same name beside it
 * (a hook kept outside src/), package.json, hookkit's own sources and the Bun version. Tests are left out.
 */
async function sourceHash(root: string, hooks: string[]): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  hasher.update(`bun ${Bun.version}\n`);
  const files = new Set<string>([join(root, "package.json")]);
  const scan = async (dir: string, pattern: string) => {
    for await (const file of new Bun.Glob(pattern).scan({ cwd: dir, onlyFiles: true, absolute: true }))
      if (!/\.test\.[cm]?[jt]s$/.test(file) && !file.includes("/node_modules/")) files.add(file);
  };
  await scan(root, "src/**/*");
  await scan(HOOKKIT_SRC, "**/*");
  for (const hook of hooks) {
    const file = resolve(root, hook);
    files.add(file);
    await scan(dirname(file), `${basename(file).replace(/\.[cm]?[jt]s$/, "")}/**/*`);
  }
  for (const file of [...files].sort()) {
    hasher.update(`${file}\n`);
    hasher.update(await Bun.file(file).arrayBuffer().catch(() => new ArrayBuffer(0)));
  }
  return hasher.digest("hex").slice(0, 16);
}

const pending = new Map<string, Promise<ProjectBuild>>();

/**
 * Builds the project at `root` (default: the one at or above the working directory) for `target` (default:
 * this machine; any name `hookkit build --target` takes), or reuses the build of the same sources. Builds run
 * as a child process (`hookkit build --target <t>`), so a test process's already-loaded modules never end up
 * in the binary.
 */
export function buildProject(root?: string, target = "host"): Promise<ProjectBuild> {
  const projectRoot = loadProject(root ?? process.cwd()).root;
  const key = `${projectRoot}\0${target}`;
  let build = pending.get(key);
  if (!build) {
    build = buildOnce(projectRoot, target).catch((error) => {
      pending.delete(key);
      throw error;
    });
    pending.set(key, build);
  }
  return build;
}

async function buildOnce(root: string, targetName: string): Promise<ProjectBuild> {
  const cache = join(root, "dist", ".test");
  const target = targetName === "host" ? hostTarget() : parseTarget(targetName);
  const hash = await sourceHash(root, Object.values(loadProject(root).hooks));
  const dir = join(cache, `${hash}-${target.name}`);
  if (!existsSync(join(dir, "plugin", "hooks", "hooks.json"))) {
    await mkdir(cache, { recursive: true });
    const temp = join(cache, `tmp-${process.pid}-${Date.now()}`);
    const { cmd, env } = bunCommand();
    const child = Bun.spawn([cmd, MAIN, "build", "--target", target.name, "--out", temp, "--root", root], { cwd: root, env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
    const [err, code] = await Promise.all([new Response(child.stderr).text(), child.exited]);
    if (code !== 0) throw new Error(`hookkit build --target ${target.name} failed (exit ${code}):\n${err.trim().split("\n").slice(-15).join("\n")}`);
    // Another test process may have finished the same build first: either copy is the same.
    await rename(temp, dir).catch(() => rm(temp, { recursive: true, force: true }));
    // Older builds of this target go (each is ~100 MB); other targets' builds stay.
    for (const old of await readdir(cache))
      if (old.endsWith(`-${target.name}`) && old !== `${hash}-${target.name}`) await rm(join(cache, old), { recursive: true, force: true });
  }
  const pluginDir = join(dir, "plugin");
  const suffix = `-${target.name}${target.os === "windows" ? ".exe" : ""}`;
  const file = (await readdir(join(pluginDir, "bin"))).find((n) => n.endsWith(suffix) && !n.startsWith("."));
  if (!file) throw new Error(`the build has no ${target.name} binary in ${join(pluginDir, "bin")}`);
  return {
    pluginDir,
    binary: join(pluginDir, "bin", file),
    launcher: join(pluginDir, "bin", file.slice(0, -suffix.length)),
    hooksJson: await Bun.file(join(pluginDir, "hooks", "hooks.json")).json(),
  };
}

/** The hooks.json handler that runs `hook`, or an error naming the hooks the bundle has. */
export function hooksJsonHandler(build: ProjectBuild, hook: string): { event: string; command: string; args?: string[]; timeout?: number } {
  const names: string[] = [];
  for (const [event, groups] of Object.entries(build.hooksJson.hooks))
    for (const group of groups)
      for (const handler of group.hooks) {
        const name = handler.args ? handler.args.at(-1) : handler.command.split(" ").at(-1);
        if (name === hook) return { event, ...handler };
        if (name) names.push(name);
      }
  throw new Error(`the built bundle has no hook "${hook}" (it has: ${names.join(", ") || "none"})`);
}

/**
 * Runs `hook` of a built project the way the generated hooks.json runs it: its command through `/bin/sh -c`
 * (or exec form), CLAUDE_PLUGIN_ROOT set to the bundle, the event on stdin, killed at the hook's timeout.
 */
export async function runBuiltHook(build: ProjectBuild, hook: string, input: string | object, options: SpawnOptions = {}): Promise<SpawnRun> {
  const handler = hooksJsonHandler(build, hook);
  const root = build.pluginDir;
  const argv = handler.args
    ? [handler.command.replaceAll("${CLAUDE_PLUGIN_ROOT}", root), ...handler.args]
    : ["/bin/sh", "-c", handler.command];
  const env = { ...(options.env ?? process.env), CLAUDE_PLUGIN_ROOT: root };
  return spawnHook(argv, input, { timeoutMs: (handler.timeout ?? 60) * 1000, ...options, env, cwd: resolve(options.cwd ?? process.cwd()) });
}
