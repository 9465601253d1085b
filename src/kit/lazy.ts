// node:fs, node:path and node:os, loaded on first use. Importing them at module level costs every
// hook start ~2.95M, ~0.9M and ~0.6M instructions even when they are never called
// (bench/STARTUP-COSTS.md), so hot-path modules call these where the work happens instead.
// `require` caches the module: the second call is a lookup.
import type * as NodeFs from "node:fs";
import type * as NodeOs from "node:os";
import type * as NodePath from "node:path";

export const nodeFs = (): typeof NodeFs => require("node:fs") as typeof NodeFs;
export const nodePath = (): typeof NodePath => require("node:path") as typeof NodePath;
export const nodeOs = (): typeof NodeOs => require("node:os") as typeof NodeOs;
