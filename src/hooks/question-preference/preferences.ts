/**
 * Preference lookup with gstack's precedence (D8): the project file
 * `<root>/projects/<slug>/question-preferences.json` beats `<root>/global-question-preferences.json`.
 * Files are read once per call, lazily. Values are kept as written: the hook treats any string
 * other than `always-ask` as enforcing, as the original does (`never-ask`, `ask-only-for-one-way`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface PreferenceHit {
  preference: string;
  source: "project" | "global";
}

type PreferenceFile = Record<string, unknown> | undefined;

function readPreferenceFile(path: string): PreferenceFile {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
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

  #projectFile(): PreferenceFile {
    if (this.#project === null) {
      const paths = this.slugs().map((s) => projectPreferencePath(this.stateRoot, s));
      const found = paths.find((p) => existsSync(p));
      this.#project = found ? readPreferenceFile(found) : undefined;
    }
    return this.#project;
  }

  #globalFile(): PreferenceFile {
    if (this.#global === null) this.#global = readPreferenceFile(join(this.stateRoot, "global-question-preferences.json"));
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
