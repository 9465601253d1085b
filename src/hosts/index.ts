// The hosts a hook can answer, by the id the generated command passes (`--host <id>`). Each entry
// is a lazy import, so a hook run loads its own host's adapter and no other.
import type { Host } from "../runtime/host.ts";

export const HOST_IDS = ["claude"] as const;
export type HostId = (typeof HOST_IDS)[number];
export const DEFAULT_HOST: HostId = "claude";

const loaders: Record<HostId, () => Promise<Host>> = {
  claude: async () => (await import("./claude/adapter.ts")).claude,
};

export const isHostId = (id: string): id is HostId => Object.hasOwn(loaders, id);

export function loadHost(id: HostId): Promise<Host> {
  return loaders[id]();
}
