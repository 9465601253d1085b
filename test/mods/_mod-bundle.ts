// Builds a fixture project both ways with hookkit's own build: the command-hook twin (compiled binary)
// and its mod, as `hookkit build --target host` writes them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/build/index.ts";
import { REPO } from "../hosts/claude/_bundle.ts";


export interface ModBundle {
  twinDir: string;
  modDir: string;
  out: string;
  verdicts: { hook: string; capable: boolean; reason?: string }[];
  /** What the build told its logger (info and success lines), as `hookkit build` prints them. */
  said: string[];
  cleanup(): void;
}

export async function buildBoth(registry: string, pluginName: string): Promise<ModBundle> {
  const out = mkdtempSync(join(tmpdir(), `${pluginName}-`));
  const said: string[] = [];
  const logger = { start() {}, success: (m: string) => said.push(m), info: (m: string) => said.push(m), warn() {}, log() {}, table() {} };
  const built = await build({ root: REPO, hooks: registry, targets: ["host"], outDir: out, pluginName, writeRepoHooks: false, logger });
  if (!built.mod?.written) throw new Error(`no mod for ${registry}: ${JSON.stringify(built.mod?.verdicts)}`);
  return { twinDir: built.pluginDir, modDir: built.mod.dir, out, verdicts: built.mod.verdicts, said, cleanup: () => rmSync(out, { recursive: true, force: true }) };
}
