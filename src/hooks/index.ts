// The hooks this binary ships, by name. Each entry is a lazy import: with --splitting every hook
// is its own embedded chunk, so `hookkit <name>` parses and runs only that hook (docs/design.md).
// `hookkit new` adds a line here.
import type { HookDefinition } from "../runtime/types.ts";

export type HookModule = { default: HookDefinition };

export const hooks: Record<string, () => Promise<HookModule>> = {
  "question-preference": () => import("./question-preference.ts"),
  "ensure-python": () => import("./ensure-python.ts"),
};
