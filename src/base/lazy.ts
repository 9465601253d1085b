// Built-in modules, loaded on first use. Importing one at module level is paid at every hook start
// even when it is never called (node:fs is the dearest: docs/startup-costs.md), so kit modules call
// these inside the functions that do the work and stay free to import. test/architecture/startup-path.test.ts
// keeps every built-in off the start path of the shipped hooks. `require` caches the module: the
// second call is a lookup.
import type * as BunSqlite from "bun:sqlite";
import type * as NodeFs from "node:fs";
import type * as NodeOs from "node:os";
import type * as NodePath from "node:path";

export const nodeFs = (): typeof NodeFs => require("node:fs") as typeof NodeFs;
export const nodePath = (): typeof NodePath => require("node:path") as typeof NodePath;
export const nodeOs = (): typeof NodeOs => require("node:os") as typeof NodeOs;
export const bunSqlite = (): typeof BunSqlite => require("bun:sqlite") as typeof BunSqlite;
