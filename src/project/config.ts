// A hookkit project is a folder whose package.json has a "hookkit" key: the plugin's name, version,
// description and author, and its hooks (name → source file). Every CLI command and the build read it
// through this module, so an author's project never sees hookkit's own files.
//
//   "hookkit": {
//     "name": "my-guards",                       // plugin name (default: package.json name)
//     "version": "1.0.0",                         // default: package.json version
//     "description": "…", "author": { "name": "…" },
//     "hooks": { "guard": "src/hooks/guard.ts" },
//     "hosts": ["claude"]                         // the agents to build for (claude, codex, gemini, copilot, cursor); default: Claude Code only
//   }
//
// JSON in package.json rather than a TypeScript config: the CLI reads it without running an author's code,
// and `hookkit new` edits it as data.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { HookDefinition } from "../runtime/types.ts";

export type HookModule = { default: HookDefinition };
export type Registry = Record<string, () => Promise<HookModule>>;
export type Author = { name: string; email?: string; url?: string };

export const HOOK_NAME = /^[a-z][a-z0-9-]{0,63}$/; // the rule defineHook enforces
/** The agents a bundle can target (src/hosts/): Claude Code's plugin is always built; the others on request. */
export const KNOWN_HOSTS = ["claude", "codex", "gemini", "copilot", "cursor"] as const;

export interface ProjectConfig {
  name: string;
  version: string;
  description?: string;
  author?: Author;
  /** Hook name → source file, relative to the project root. */
  hooks: Record<string, string>;
  hosts: string[];
}

export interface Project extends ProjectConfig {
  /** The folder holding package.json (in a compiled binary: the working directory). */
  root: string;
  /** Lazy imports of the hooks, by name. */
  registry: Registry;
}

/** A problem with the project's config; the message says how to fix it. */
export class ProjectError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The nearest package.json at or above `cwd`. */
export function findPackageJson(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Parses and checks a package.json's "hookkit" key; throws ProjectError naming the field to fix. */
export function parseConfig(pkg: Record<string, unknown>, file: string): ProjectConfig {
  const raw = pkg.hookkit;
  if (!isObject(raw)) throw new ProjectError(`${file} has no "hookkit" object; add one (see \`hookkit init\`) or run hookkit from your plugin's folder`);
  const text = (key: string, fallback?: unknown): string | undefined => {
    const value = raw[key] ?? fallback;
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") throw new ProjectError(`${file}: "hookkit.${key}" must be a non-empty string`);
    return value;
  };
  const name = text("name", typeof pkg.name === "string" ? pkg.name.replace(/^@[^/]+\//, "") : undefined);
  if (!name) throw new ProjectError(`${file}: set "hookkit.name" (the plugin's name)`);
  const version = text("version", pkg.version) ?? "0.0.0";
  const description = text("description", pkg.description);
  let author: Author | undefined;
  const rawAuthor = raw.author ?? pkg.author;
  if (typeof rawAuthor === "string" && rawAuthor) author = { name: rawAuthor };
  else if (isObject(rawAuthor) && typeof rawAuthor.name === "string")
    author = {
      name: rawAuthor.name,
      ...(typeof rawAuthor.email === "string" ? { email: rawAuthor.email } : {}),
      ...(typeof rawAuthor.url === "string" ? { url: rawAuthor.url } : {}),
    };
  const hooks: Record<string, string> = {};
  const rawHooks = raw.hooks ?? {};
  if (!isObject(rawHooks)) throw new ProjectError(`${file}: "hookkit.hooks" must map hook names to files, e.g. { "guard": "src/hooks/guard.ts" }`);
  for (const [hook, path] of Object.entries(rawHooks)) {
    if (!HOOK_NAME.test(hook)) throw new ProjectError(`${file}: hook name "${hook}" must be kebab-case (a-z, 0-9, -), starting with a letter`);
    if (typeof path !== "string" || path === "") throw new ProjectError(`${file}: "hookkit.hooks.${hook}" must be the hook's source file, e.g. "src/hooks/${hook}.ts"`);
    hooks[hook] = path;
  }
  const rawHosts = raw.hosts ?? []; // none named: the Claude Code plugin only, as the build always makes
  if (!Array.isArray(rawHosts) || rawHosts.some((h) => typeof h !== "string"))
    throw new ProjectError(`${file}: "hookkit.hosts" must be a list such as ["claude", "codex"]`);
  const unknown = rawHosts.filter((h) => !(KNOWN_HOSTS as readonly string[]).includes(h));
  if (unknown.length) throw new ProjectError(`${file}: unknown host ${unknown.map((h) => `"${h}"`).join(", ")}; hookkit builds for ${KNOWN_HOSTS.join(", ")}`);
  return { name, version, description, author, hooks, hosts: rawHosts as string[] };
}

/** The registry of a project's hooks: each a lazy import of its file. */
export function registryOf(root: string, hooks: Record<string, string>): Registry {
  const registry: Registry = Object.create(null);
  for (const [name, path] of Object.entries(hooks)) {
    const file = resolve(root, path);
    registry[name] = async () => {
      if (!existsSync(file)) throw new ProjectError(`hook "${name}": ${file} does not exist; fix "hookkit.hooks.${name}" in package.json`);
      return (await import(file)) as HookModule;
    };
  }
  return registry;
}

/** The project at or above `cwd`, or undefined when the nearest package.json has no "hookkit" key. */
export function findProject(cwd: string = process.cwd()): Project | undefined {
  if (current) return current;
  const file = findPackageJson(cwd);
  if (!file) return undefined;
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ProjectError(`${file} is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(pkg) || pkg.hookkit === undefined) return undefined;
  const config = parseConfig(pkg, file);
  const root = dirname(file);
  return { ...config, root, registry: registryOf(root, config.hooks) };
}

/** Like findProject, but a missing project is an error that says how to make one. */
export function loadProject(cwd: string = process.cwd()): Project {
  const project = findProject(cwd);
  if (project) return project;
  const file = findPackageJson(cwd);
  throw new ProjectError(
    file
      ? `${file} has no "hookkit" key, so this is not a hookkit project; run hookkit in your plugin's folder, or make one with \`hookkit init <dir>\``
      : "no package.json here or above, so this is not a hookkit project; make one with `hookkit init <dir>`",
  );
}

let current: Project | undefined;

/** A compiled plugin binary sets its embedded project, so its CLI works outside any folder. */
export function useProject(project: Project | undefined): void {
  current = project;
}

/** Adds `name → file` to package.json's "hookkit.hooks" (rewritten with 2-space indent, as npm writes it). */
export function addHookToConfig(root: string, name: string, file: string): string {
  const path = join(root, "package.json");
  const pkg = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  const config = isObject(pkg.hookkit) ? pkg.hookkit : (pkg.hookkit = {});
  const hooks = isObject(config.hooks) ? config.hooks : (config.hooks = {});
  if (hooks[name] !== undefined) throw new ProjectError(`"${name}" is already a hook of this project (${path}); pick another name`);
  hooks[name] = file;
  writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`);
  return path;
}
