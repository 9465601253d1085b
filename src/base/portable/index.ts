// The portable hook context's interface and the pure parts both forms share. The Bun implementation
// (kit/portable.ts) and the host one (hosts/claude/mod/host.ts) are imported by their runners, never
// from here, so a hook that imports this file stays buildable as a mod.
export type { Portable, PortablePlace, PortableRunOptions, PortableRunResult, PortableStartOptions, PortableStore, PortableWriteOptions } from "./types.ts";
export { fileStore, type TextFiles } from "./kv.ts";
export { joinPosix, portableStateRoot, STATE_ROOT_VARIABLES, type EnvReader } from "./state-root.ts";
export { safeSegment } from "./segment.ts";
export { describeError } from "../errors.ts";
export { parseGitConfig } from "./git-config.ts";
export { foldPath } from "./fold.ts";
