/**
 * Preference lookup with gstack's precedence (D8): the project file
 * `<root>/projects/<slug>/question-preferences.json` beats `<root>/global-question-preferences.json`.
 * Files are read once per call, by `load()`, which the hook awaits only when a question carries a
 * marker. Values are kept as written: the hook treats any string other than `always-ask` as
 * enforcing, as the original does (`never-ask`, `ask-only-for-one-way`).
 */
import type * as NodeFs from "node:fs";
import { join, readText } from "./paths.ts";

export interface PreferenceHit {
  preference: string;
  source: "project" | "global";
}

type PreferenceFile = Record<string, unknown> | undefined;

function parsePreferenceFile(text: string | undefined): PreferenceFile {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file's text; undefined when it cannot be read; `missing` when nothing is at `path` in
 * existsSync's sense. A failed open says "missing" for sure only with ENOENT/ENOTDIR; for other
 * errors (a directory, no permission) existsSync itself decides, as the original's check did.
 */
async function readCandidate(path: string): Promise<string | undefined | "missing"> {
  try {
    return await readText(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    return (require("node:fs") as typeof NodeFs).existsSync(path) ? undefined : "missing";
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readText(path);
  } catch {
    return undefined;
  }
}

export function projectPreferencePath(stateRoot: string, slug: string): string {
  return join(stateRoot, "projects", slug, "question-preferences.json");
}

export class PreferenceStore {
  #project: PreferenceFile = undefined;
  #global: PreferenceFile = undefined;
  #loaded = false;

  /**
   * `slugs` in order of preference: the first whose project file exists is used. The
   * basename(cwd) fallback finds files written under the original hook's bucket name.
   */
  constructor(
    private readonly stateRoot: string,
    private readonly slugs: () => string[] | Promise<string[]>,
  ) {}

  /** Reads both files (once); lookup() before load() finds nothing. */
  async load(): Promise<void> {
    if (this.#loaded) return;
    this.#loaded = true;
    const global = readOptional(join(this.stateRoot, "global-question-preferences.json"));
    for (const slug of await this.slugs()) {
      const text = await readCandidate(projectPreferencePath(this.stateRoot, slug));
      if (text === "missing") continue;
      this.#project = parsePreferenceFile(text);
      break;
    }
    this.#global = parsePreferenceFile(await global);
  }

  lookup(questionId: string): PreferenceHit | undefined {
    const project = this.#project?.[questionId];
    if (typeof project === "string") return { preference: project, source: "project" };
    const global = this.#global?.[questionId];
    if (typeof global === "string") return { preference: global, source: "global" };
    return undefined;
  }
}
