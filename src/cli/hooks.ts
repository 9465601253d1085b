// Finding hook definitions for the CLI: the current project's hooks by name (package.json
// "hookkit.hooks", see src/project), or a hook file by path, so `hookkit run ./my-hook.ts` works on a
// hook that is not listed yet.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { findProject, loadProject, ProjectError, type Project } from "../project/config.ts";
import type { HookDefinition } from "../runtime/types.ts";
import { CliError, closest } from "./errors.ts";
import { describeError } from "../base/errors.ts";

/** The project the CLI works on; a missing or broken config is a CliError that says how to fix it. */
export function currentProject(cwd = process.cwd()): Project {
  try {
    return loadProject(cwd);
  } catch (error) {
    if (error instanceof ProjectError) throw new CliError(error.message);
    throw error;
  }
}

/** The project, or undefined when there is none (a broken config is still an error). */
export function maybeProject(cwd = process.cwd()): Project | undefined {
  try {
    return findProject(cwd);
  } catch (error) {
    if (error instanceof ProjectError) throw new CliError(error.message);
    throw error;
  }
}

export const hookNames = (cwd = process.cwd()): string[] => {
  try {
    return Object.keys(findProject(cwd)?.hooks ?? {});
  } catch {
    return [];
  }
};

const looksLikePath = (ref: string) => /[\\/]/.test(ref) || /\.[cm]?[jt]s$/.test(ref);

export async function loadHook(ref: string, cwd = process.cwd()): Promise<HookDefinition> {
  if (looksLikePath(ref)) {
    const file = resolve(cwd, ref);
    if (!existsSync(file)) throw new CliError(`no hook file at ${file}; check the path`);
    const mod = (await import(file)) as { default?: HookDefinition };
    if (!mod.default || typeof mod.default.run !== "function")
      throw new CliError(`${file} has no default export made with defineHook(...); export the hook as default`);
    return mod.default;
  }
  const project = currentProject(cwd);
  if (Object.hasOwn(project.registry, ref)) {
    try {
      return (await project.registry[ref]!()).default;
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error));
    }
  }
  const names = Object.keys(project.hooks);
  const guess = closest(ref, names);
  throw new CliError(
    `no hook named "${ref}" in ${project.name}${guess ? ` (did you mean "${guess}"?)` : ""}; its hooks: ${names.join(", ") || "none yet (`hookkit new <name> --event <Event>`)"}. Pass a file path to run a hook that is not listed`,
  );
}

export type LoadedHook = { name: string; def?: HookDefinition; error?: string };

/** Every hook of the project, loaded; a hook that fails to import is reported, not fatal. */
export async function loadAllHooks(project: Project | undefined = maybeProject()): Promise<LoadedHook[]> {
  if (!project) return [];
  return Promise.all(
    Object.entries(project.registry).map(async ([name, load]) => {
      try {
        return { name, def: (await load()).default };
      } catch (error) {
        return { name, error: describeError(error) };
      }
    }),
  );
}
