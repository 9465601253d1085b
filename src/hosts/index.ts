// The hosts a hook can answer, by the id the generated command passes (`--host <id>`). A hook run
// loads its own host's adapter and no other.
import type { Host } from "../runtime/host.ts";
import { claude } from "./claude/adapter.ts";

export const HOST_IDS = ["claude", "codex", "gemini", "copilot", "cursor"] as const;
export type HostId = (typeof HOST_IDS)[number];
export const DEFAULT_HOST: HostId = "claude";

// Claude Code is the default and its adapter is small: imported statically, it costs no extra
// chunk load on the commonest path. Every other host is loaded only when a command names it.
const loaders: Record<HostId, () => Promise<Host>> = {
  claude: async () => claude,
  codex: async () => (await import("./codex/adapter.ts")).codex,
  gemini: async () => (await import("./gemini/adapter.ts")).gemini,
  copilot: async () => (await import("./copilot/adapter.ts")).copilot,
  cursor: async () => (await import("./cursor/adapter.ts")).cursor,
};

export const isHostId = (id: string): id is HostId => Object.hasOwn(loaders, id);

export function loadHost(id: HostId): Promise<Host> {
  return loaders[id]();
}
