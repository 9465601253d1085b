/**
 * Preference lookup with gstack's precedence (D8): the project file
 * `<root>/projects/<slug>/question-preferences.json` beats `<root>/global-question-preferences.json`.
 * Files are read once per call, lazily (only a marked question looks a preference up). Values
 * are kept as written: the hook treats any string other than `always-ask` as enforcing, as the original does (`never-ask`, `ask-only-for-one-way`).
 */
import type * as NodeFs from "node:fs";
import { join } from "./paths.ts";
import { nodeFs } from "../../kit/lazy.ts";

export interface PreferenceHit {
  preference: string;
  source: "project" | "global";
}

type PreferenceFile = Record<string, unknown> | undefined;

function readPreferenceFile(fs: typeof NodeFs, path: string): PreferenceFile {
  try {
    const parsed = JSON.parse(fs.readFileSync(path, "utf8")) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function projectPreferencePath(stateRoot: string, slug: string): string {
  return join(stateRoot, "projects", slug, "question-preferences.json");
}

export class PreferenceStore {
  #project: PreferenceFile | null = null;
  #global: PreferenceFile | null = null;

  /**
   * `slugs` in order of preference: the first whose project file exists is used. The
   * basename(cwd) fallback finds files written under the original hook's bucket name.
   */
  constructor(
    private readonly stateRoot: string,
    private readonly slugs: () => string[],
  ) {}

  // node:fs is loaded by the first lookup: only a marked question reaches one.
  #fs(): typeof NodeFs {
    return nodeFs();
  }

  #projectFile(): PreferenceFile {
    if (this.#project === null) {
      const fs = this.#fs();
      const paths = this.slugs().map((s) => projectPreferencePath(this.stateRoot, s));
      const found = paths.find((p) => fs.existsSync(p));
      this.#project = found ? readPreferenceFile(fs, found) : undefined;
    }
    return this.#project;
  }

  #globalFile(): PreferenceFile {
    if (this.#global === null) this.#global = readPreferenceFile(this.#fs(), join(this.stateRoot, "global-question-preferences.json"));
    return this.#global;
  }

  lookup(questionId: string): PreferenceHit | undefined {
    const project = this.#projectFile()?.[questionId];
    if (typeof project === "string") return { preference: project, source: "project" };
    const global = this.#globalFile()?.[questionId];
    if (typeof global === "string") return { preference: global, source: "global" };
    return undefined;
  }
}
