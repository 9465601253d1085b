/**
 * Preference lookup with gstack's precedence (D8): the project file
 * `<root>/projects/<slug>/question-preferences.json` beats `<root>/global-question-preferences.json`.
 * Both files are read once per call, only for a call with a marked question. Values
 * are kept as written: the hook treats any string other than `always-ask` as enforcing, as the original does (`never-ask`, `ask-only-for-one-way`).
 */
import type { Portable } from "hookkit/portable";
import { join } from "./paths.ts";

export interface PreferenceHit {
  preference: string;
  source: "project" | "global";
}

type PreferenceFile = Record<string, unknown> | undefined;

async function readPreferenceFile(io: Portable, path: string): Promise<PreferenceFile> {
  let text: string | undefined;
  try {
    text = await io.readText(path);
  } catch {
    return undefined; // unreadable (a folder, no permission): as if absent
  }
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function projectPreferencePath(stateRoot: string, slug: string): string {
  return join(stateRoot, "projects", slug, "question-preferences.json");
}

/**
 * Reads both files (once, before the decision; only a call with a marked question gets here).
 * `slugs` in order of preference: the first whose project file exists is used. The
 * basename(cwd) fallback finds files written under the original hook's bucket name.
 */
export async function loadPreferences(io: Portable, stateRoot: string, slugs: string[]): Promise<PreferenceStore> {
  let found: string | undefined;
  for (const slug of slugs) {
    const path = projectPreferencePath(stateRoot, slug);
    if (await io.exists(path)) {
      found = path;
      break;
    }
  }
  const [project, global] = await Promise.all([
    found ? readPreferenceFile(io, found) : undefined,
    readPreferenceFile(io, join(stateRoot, "global-question-preferences.json")),
  ]);
  return new PreferenceStore(project, global);
}

export class PreferenceStore {
  constructor(
    private readonly project: PreferenceFile,
    private readonly global: PreferenceFile,
  ) {}

  lookup(questionId: string): PreferenceHit | undefined {
    const project = this.project?.[questionId];
    if (typeof project === "string") return { preference: project, source: "project" };
    const global = this.global?.[questionId];
    if (typeof global === "string") return { preference: global, source: "global" };
    return undefined;
  }
}
