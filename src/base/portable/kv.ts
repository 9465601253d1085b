// The portable key-value store: one JSON object in <state dir>/kv.json, read and written through the
// form's own file primitives, so the binary and the mod see the same values (a user whose Claude Code
// moves between a build that runs the mod and one that runs the binary keeps the hook's state).
// Writes are last-writer-wins: it is meant for a few small values, not for counters under contention.
import type { PortableStore } from "./types.ts";

export interface TextFiles {
  readText(path: string): Promise<string | undefined>;
  writeText(path: string, text: string): Promise<void>;
}

export function fileStore(files: TextFiles, path: string): PortableStore {
  const load = async (): Promise<Record<string, unknown>> => {
    const text = await files.readText(path);
    if (text === undefined) return {};
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {}; // a torn or hand-edited file reads as empty rather than failing the hook
    }
  };
  const save = (values: Record<string, unknown>) => files.writeText(path, `${JSON.stringify(values)}\n`);
  return {
    async get(key) {
      const values = await load();
      return Object.hasOwn(values, key) ? values[key] : undefined;
    },
    async set(key, value) {
      const values = await load();
      values[key] = value;
      await save(values);
    },
    async delete(key) {
      const values = await load();
      if (!Object.hasOwn(values, key)) return;
      delete values[key];
      await save(values);
    },
    async keys() {
      return Object.keys(await load());
    },
  };
}
