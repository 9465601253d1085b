// `hookkit init <dir>`: a new plugin project that depends on hookkit (see init-template.ts), then
// `npm install` in it, so `npm test` and `npx hookkit build` work right away.
import { defineCommand } from "citty";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pkg from "../../../package.json" with { type: "json" };
import { atomicWrite } from "../../kit/files.ts";
import { CliError } from "../errors.ts";
import { cyan, log } from "../log.ts";
import { initFiles } from "../init-template.ts";

const HOOKKIT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export default defineCommand({
  meta: { name: "init", description: "Create a plugin project: package.json, config, a sample hook and its tests" },
  args: {
    dir: { type: "positional", description: "Folder to create (empty or missing)", required: true },
    name: { type: "string", description: "Plugin name (default: the folder's name)" },
    hookkit: { type: "string", description: "How the project depends on hookkit (default: what this hookkit was installed from, else ^<version>)", valueHint: "spec" },
    install: { type: "boolean", default: true, description: "Run npm install in the new project", negativeDescription: "Write the files only" },
  },
  async run({ args }) {
    const dir = resolve(args.dir);
    if (existsSync(dir) && readdirSync(dir).length > 0) throw new CliError(`${dir} is not empty; pick a new folder`);
    const name = (args.name ?? basename(dir)).toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
    if (!/^[a-z]/.test(name)) throw new CliError(`"${args.name ?? basename(dir)}" does not make a plugin name (a-z, 0-9, -, starting with a letter); pass --name`);
    const files = initFiles({ name, hookkit: args.hookkit ?? hookkitSpec(), author: gitUser() });
    for (const [file, text] of Object.entries(files)) atomicWrite(join(dir, file), text);
    log.success(`created ${relative(process.cwd(), dir) || "."}: ${Object.keys(files).join(", ")}`);
    if (args.install) {
      log.start("npm install");
      const npm = process.env.npm_execpath?.endsWith(".js") ? [process.env.npm_node_execpath ?? "node", process.env.npm_execpath] : ["npm"];
      const child = Bun.spawn([...npm, "install", "--no-audit", "--no-fund"], { cwd: dir, stdio: ["ignore", "inherit", "inherit"], env: process.env });
      const code = await child.exited;
      if (code !== 0) throw new CliError(`npm install failed in ${dir} (exit ${code}); fix the cause above and run it again there`);
    }
    log.info(["next:", `  ${cyan(`cd ${relative(process.cwd(), dir) || "."}`)}`, `  ${cyan("npm test")}             the sample hook's tests`, `  ${cyan("npx hookkit build")}    the plugin bundle in dist/plugin`].join("\n"));
    return 0;
  },
});

/**
 * The dependency spec that installs this same hookkit: when npx ran a tarball or a folder, its temporary
 * project's package.json names it (file:…); a hookkit outside node_modules (a checkout) is a file: path;
 * otherwise the registry version.
 */
function hookkitSpec(): string {
  const parts = HOOKKIT_ROOT.split(/[\\/]/);
  const at = parts.lastIndexOf("node_modules");
  if (at < 0) return `file:${HOOKKIT_ROOT}`;
  try {
    const ownerDir = parts.slice(0, at).join("/") || "/";
    const owner = JSON.parse(readFileSync(join(ownerDir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    const spec = owner.dependencies?.hookkit;
    // npm writes the path relative to that temporary project: make it absolute for the new one.
    if (spec && /^(file:|\/|\.)/.test(spec)) return `file:${resolve(ownerDir, spec.replace(/^file:/, ""))}`;
  } catch {}
  return `^${pkg.version}`;
}

function gitUser(): string | undefined {
  try {
    const run = Bun.spawnSync(["git", "config", "user.name"], { stdout: "pipe", stderr: "ignore" });
    const name = run.stdout.toString().trim();
    return run.exitCode === 0 && name ? name : undefined;
  } catch {
    return undefined;
  }
}
