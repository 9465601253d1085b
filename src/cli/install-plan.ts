// Plans and applies a change to one settings file: read, refuse what Claude Code would ignore,
// compute the new text, then back up and write atomically. A plan that changes nothing writes nothing.
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { atomicWrite } from "../kit/files.ts";
import { deepEqual, parseSettings, serializeLike, SettingsError, withEntries, withoutEntries, type HookEntries } from "../hosts/claude/settings.ts";

export type Plan = { file: string; before: string | undefined; after: string; changed: boolean };

export const backupPath = (file: string) => `${file}.hookkit-backup`;

function readCurrent(file: string): { text: string | undefined; value: Record<string, unknown> } {
  if (!existsSync(file)) return { text: undefined, value: {} };
  const text = readFileSync(file, "utf8");
  return { text, value: parseSettings(text, file) };
}

export function planInstall(file: string, entries: HookEntries, id: string): Plan {
  const { text, value } = readCurrent(file);
  const next = withEntries(value, entries, id);
  const after = deepEqual(next, value) && text !== undefined ? text : serializeLike(next, text);
  return { file, before: text, after, changed: after !== text };
}

export function planUninstall(file: string, id: string | undefined): Plan {
  const { text, value } = readCurrent(file);
  if (text === undefined) return { file, before: undefined, after: "", changed: false };
  const next = withoutEntries(value, id);
  if (deepEqual(next, value)) return { file, before: text, after: text, changed: false };
  return { file, before: text, after: restoredText(file, next) ?? serializeLike(next, text), changed: true };
}

/** The backup's exact bytes when it holds the same settings: undoing an install restores the file byte for byte. */
function restoredText(file: string, next: Record<string, unknown>): string | undefined {
  try {
    const backup = readFileSync(backupPath(file), "utf8");
    return deepEqual(JSON.parse(backup), next) ? backup : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Backs up the current file and writes the new text; refuses when the file changed since planning.
 * A symlinked settings file (dotfile managers) is written through, not replaced by a plain file, and
 * the file's mode is kept: settings can hold secrets in "env", so a 0600 file stays 0600.
 */
export function applyPlan(plan: Plan): { backup?: string } {
  if (!plan.changed) return {};
  const exists = existsSync(plan.file);
  const now = exists ? readFileSync(plan.file, "utf8") : undefined;
  if (now !== plan.before)
    throw new SettingsError(`${plan.file} changed while hookkit was preparing its edit (another program wrote it); nothing was written, run the command again`);
  const target = exists ? realpathSync(plan.file) : plan.file;
  const mode = exists ? statSync(target).mode & 0o777 : undefined;
  let backup: string | undefined;
  if (plan.before !== undefined) {
    backup = backupPath(plan.file);
    atomicWrite(backup, plan.before, mode);
  }
  atomicWrite(target, plan.after, mode);
  return { backup };
}
