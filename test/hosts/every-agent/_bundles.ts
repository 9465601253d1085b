// Builds the example (examples/every-agent-guard) and the crash fixture for this machine with hookkit's
// own build, for every host, once per test file; and installs a built host bundle into a session's HOME
// with hookkit's own installer, exactly as a user would.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "../../../src/build/index.ts";
import type { OtherHost } from "../../../src/hosts/capabilities.ts";
import { installForHost } from "../../../src/hosts/install.ts";

export const REPO = resolve(import.meta.dir, "..", "..", "..");
const quiet = { start() {}, success() {}, info() {}, warn() {}, log() {}, table() {} };
const ALL = ["claude", "codex", "gemini", "copilot", "cursor"] as const;

export interface Built {
  outDir: string;
  binName: string;
  /** dist/<host>/ of the bundle. */
  dir(host: OtherHost): string;
  pluginDir: string;
  cleanup(): void;
}

/** `hosts` unset: the project's package.json names them (`"hookkit": { "hosts": [...] }`), as the example's does. */
async function buildOne(root: string, hooks: string, name: string, hosts?: readonly (typeof ALL)[number][]): Promise<Built> {
  const outDir = mkdtempSync(join(tmpdir(), `${name}-`));
  const result = await build({ root, hooks, targets: ["host"], outDir, pluginName: name, writeRepoHooks: false, logger: quiet, hosts });
  return {
    outDir,
    binName: name,
    dir: (host) => join(outDir, host),
    pluginDir: result.pluginDir,
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

/** The example: no-rm-rf (fail-closed deny) and shell-context (context after a shell command). */
export const buildExample = () => buildOne(join(REPO, "examples", "every-agent-guard"), "hooks/index.ts", "every-agent-guard");

/** The Codex edit suite's guard: a fail-closed Edit|Write hook that denies edits under <cwd>/protected/. */
export const buildEditGuard = () => buildOne(REPO, "test/hosts/codex/edit-guard/index.ts", "edit-guard", ["claude", "codex"]);

/** One fail-closed guard that always crashes. */
export const buildCrash = () => buildOne(REPO, "test/hosts/every-agent/crash/index.ts", "crash-fixture", ALL);

/** Installs `built`'s bundle for `host` into the session HOME (`env`) with hookkit's installer. */
export function install(built: Built, host: OtherHost, env: Record<string, string>): void {
  installForHost({ host, bundleDir: built.dir(host), binName: built.binName, env });
}
