// Finding hook definitions for the CLI: by registered name (src/hooks/index.ts) or by file path, so
// `hookkit run ./my-hook.ts` works on a hook that is not registered yet.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { hooks } from "../hooks/index.ts";
import type { HookDefinition } from "../runtime/types.ts";
import { CliError, closest } from "./errors.ts";
import { describeError } from "../base/errors.ts";

export const hookNames = (): string[] => Object.keys(hooks);

const looksLikePath = (ref: string) => /[\\/]/.test(ref) || /\.[cm]?[jt]s$/.test(ref);

export async function loadHook(ref: string, cwd = process.cwd()): Promise<HookDefinition> {
  const load = hooks[ref];
  if (load) return (await load()).default;
  if (looksLikePath(ref)) {
    const file = resolve(cwd, ref);
    if (!existsSync(file)) throw new CliError(`no hook file at ${file}; check the path`);
    const mod = (await import(file)) as { default?: HookDefinition };
    if (!mod.default || typeof mod.default.run !== "function")
      throw new CliError(`${file} has no default export made with defineHook(...); export the hook as default`);
    return mod.default;
  }
  const guess = closest(ref, hookNames());
  throw new CliError(
    `no hook named "${ref}"${guess ? ` (did you mean "${guess}"?)` : ""}; known hooks: ${hookNames().join(", ") || "none"}. Pass a file path to run an unregistered hook`,
  );
}

export type LoadedHook = { name: string; def?: HookDefinition; error?: string };

/** Every registered hook, loaded; a hook that fails to import is reported, not fatal. */
export async function loadAllHooks(): Promise<LoadedHook[]> {
  return Promise.all(
    Object.entries(hooks).map(async ([name, load]) => {
      try {
        return { name, def: (await load()).default };
      } catch (error) {
        return { name, error: describeError(error) };
      }
    }),
  );
}
