// Compiles a plugin bundle with hookkit's own build (the same code path as `hookkit build --target host`),
// so a conformance test runs in Claude Code exactly what a plugin author would ship.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "../../../src/build/index.ts";

export const REPO = resolve(import.meta.dir, "..", "..", "..");

const quiet = { start() {}, success() {}, info() {}, warn() {}, log() {}, table() {} };

export interface Bundle {
  /** The plugin directory to pass with --plugin-dir. */
  pluginDir: string;
  /** The compiled multi-call binary (bin/<name>-<os>-<arch>). */
  binary: string;
  hooksJson: { hooks: Record<string, { matcher?: string; hooks: { command: string; timeout?: number }[] }[]> };
  cleanup(): void;
}

/** Builds `registry` (a module path relative to the repository, exporting `hooks`) for this machine. */
export async function compileBundle(registry: string, pluginName: string): Promise<Bundle> {
  const outDir = mkdtempSync(join(tmpdir(), `${pluginName}-`));
  const built = await build({ root: REPO, hooks: registry, targets: ["host"], outDir, pluginName, writeRepoHooks: false, logger: quiet });
  return {
    pluginDir: built.pluginDir,
    binary: join(outDir, built.binaries[0]!.file),
    hooksJson: JSON.parse(built.hooksJson),
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
