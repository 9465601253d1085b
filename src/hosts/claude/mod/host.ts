// The portable context on Claude Code's host API (`$`), for the mod. This file is copied into the mod
// plugin as it is, so it imports only relative files and nothing from npm, node: or bun:; the host
// checks that before it loads the module.
//
// What the host does not offer is built from what it does: an appended line is a read and a whole
// write (no O_APPEND: two sessions appending at once can lose a line), the store is the same kv.json
// the binary keeps, env holds only the variables the generated register.ts read by name, a write
// confined to a root checks each path component with `$.fs.stat` (`realPath`) and `$.fs.list`
// (`isLink`, for a link that leads nowhere) first, and a started child is a `$.process.spawn` whose
// stream is read to its end in a loop nobody awaits (leaving the loop would kill the child).
import { fileStore } from "../../../base/portable/kv.ts";
import { joinPosix } from "../../../base/portable/state-root.ts";
import { foldPath } from "../../../base/portable/fold.ts";
import type { Portable, PortableRunOptions, PortableRunResult, PortableStartOptions, PortableWriteOptions } from "../../../base/portable/types.ts";

/** The part of the host's `$` this file calls (its own types come from the host; none are imported). */
export interface HostApi {
  fs: {
    read(path: string): Promise<unknown>;
    write(path: string, text: string): Promise<void>;
    exists(path: string): Promise<boolean>;
    stat(path: string, options?: { resolve?: boolean }): Promise<{ isLink: boolean; realPath?: string }>;
    list(path?: string): Promise<readonly { name: string; isLink: boolean }[]>;
  };
  process: {
    run(argv: readonly string[], init?: { cwd?: string; env?: Record<string, string>; timeoutMs?: number }): Promise<{ exitCode: number; stdout: string; stderr: string }>;
    spawn(request: { argv: readonly string[]; cwd?: string; env?: Record<string, string> }): AsyncIterable<unknown>;
  };
}

const isSeparator = (c: string | undefined) => c === "/" || c === "\\";

/** The folder above `path` and the name in it; undefined at a root (`/`, `C:\\`). */
function splitPath(path: string): { parent: string; name: string } | undefined {
  const trimmed = path.replace(/[\\/]+$/, "");
  const cut = Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\"));
  if (cut < 0 || trimmed === "") return undefined;
  const parent = cut === 0 || /^[A-Za-z]:$/.test(trimmed.slice(0, cut)) ? trimmed.slice(0, cut + 1) : trimmed.slice(0, cut);
  return { parent, name: trimmed.slice(cut + 1) };
}

/** `path` is `root` or below it, both already resolved (no `.`/`..` segments). */
export function isUnder(root: string, path: string): boolean {
  const base = root.replace(/[\\/]+$/, "");
  return path === base || (path.startsWith(base) && isSeparator(path[base.length]));
}

/**
 * Rejects when writing `path` would leave `root` through a symbolic link, with the binary's words
 * (base/confine.ts): walking down from the root, a component that is a link must resolve inside the
 * root's real path, and a link that leads nowhere is refused (a write would create its target wherever
 * it points); the first missing component ends the walk. The path itself is checked too: the host's
 * write goes through a link, where the binary's atomic rename replaces it. Between this check and the
 * write a link could be swapped; a process able to do that could already write to the root's targets.
 */
export async function assertConfinedOnHost($: HostApi, rootAsGiven: string, pathAsGiven: string): Promise<void> {
  const refuse = (why: string) => Object.assign(new Error(`refusing to write through a symlink: ${why}`), { code: "EACCES" });
  const root = foldPath(rootAsGiven);
  const path = foldPath(pathAsGiven);
  if (!isUnder(root, path)) throw refuse(`${pathAsGiven} is not under ${rootAsGiven}`);
  const chain: string[] = [];
  for (let at = path; at !== root && isUnder(root, at); ) {
    chain.unshift(at);
    const split = splitPath(at);
    if (!split) break;
    at = split.parent;
  }
  // Every stat is asked at once (each is a round trip to the host), then judged walking down, as before.
  const stat = (at: string) => $.fs.stat(at, { resolve: true }).catch(() => undefined);
  const [rootStat, ...stats] = await Promise.all([stat(root), ...chain.map(stat)]);
  const realRoot = rootStat?.realPath;
  if (realRoot === undefined) return; // no root yet: nothing below it can be a planted link
  for (const [i, at] of chain.entries()) {
    const found = stats[i];
    if (!found) {
      const split = splitPath(at)!;
      const entries = await $.fs.list(split.parent).catch(() => []);
      if (entries.some((entry) => entry.name === split.name && entry.isLink)) throw refuse(`${at} is a dangling symlink`);
      return; // missing: it will be created as a real folder or file
    }
    if (!found.isLink) continue;
    if (found.realPath === undefined) throw refuse(`${at} is a dangling symlink`);
    if (!isUnder(realRoot, found.realPath)) throw refuse(`${at} is a symlink to ${found.realPath}, outside ${rootAsGiven}`);
  }
}

export interface HostPortableOptions {
  hook: string;
  stateDir: string;
  /** The variables the generated register.ts read, by name. */
  env: Readonly<Record<string, string | undefined>>;
  /** The clock, read once per call (the host's clock is a call away; a hook reads it synchronously). */
  now: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function hostPortable($: HostApi, options: HostPortableOptions): Portable {
  // One round trip for a file that is there (the common read); a rejection costs a second, to tell a
  // missing file (undefined) from one the host could not read (rethrown).
  const readText = async (path: string): Promise<string | undefined> => {
    let text: unknown;
    try {
      text = await $.fs.read(path);
    } catch (error) {
      if (!(await $.fs.exists(path))) return undefined;
      throw error;
    }
    return typeof text === "string" ? text : undefined;
  };
  const writeText = async (path: string, text: string, write: PortableWriteOptions = {}): Promise<void> => {
    if (write.confineTo !== undefined) await assertConfinedOnHost($, write.confineTo, path);
    await $.fs.write(path, text);
  };
  const started = options.now;
  const startedAt = Date.now();
  return {
    hook: options.hook,
    form: "mod",
    stateDir: options.stateDir,
    env: (name) => {
      const value = options.env[name];
      return value === undefined || value === "" ? undefined : value;
    },
    // The host's time at the call, advanced by the worker's own clock since.
    now: () => started + (Date.now() - startedAt),
    readText,
    writeText,
    async appendLine(path, line, write: PortableWriteOptions = {}) {
      if (write.confineTo !== undefined) await assertConfinedOnHost($, write.confineTo, path);
      const before = (await readText(path)) ?? "";
      await $.fs.write(path, `${before}${line.endsWith("\n") ? line : `${line}\n`}`);
    },
    exists: (path) => $.fs.exists(path),
    async run(argv: readonly string[], runOptions: PortableRunOptions = {}): Promise<PortableRunResult> {
      const ran = await $.process.run(argv, {
        timeoutMs: runOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(runOptions.cwd !== undefined ? { cwd: runOptions.cwd } : {}),
        ...(runOptions.env !== undefined ? { env: { ...runOptions.env } } : {}),
      });
      return { exitCode: ran.exitCode, stdout: ran.stdout, stderr: ran.stderr };
    },
    async start(argv: readonly string[], start: PortableStartOptions = {}): Promise<void> {
      const cwd = start.cwd !== undefined && (await $.fs.exists(start.cwd)) ? start.cwd : undefined;
      const child = $.process.spawn({ argv, ...(cwd !== undefined ? { cwd } : {}), ...(start.env !== undefined ? { env: { ...start.env } } : {}) });
      // Read to its end and never awaited: the child lives while this loop does (or the module).
      void (async () => {
        try {
          for await (const _piece of child) {
            // its output is not wanted
          }
        } catch {
          // a child that cannot start rejects the first pull; fire and forget has no one to tell
        }
      })();
    },
    store: fileStore({ readText, writeText }, joinPosix(options.stateDir, "kv.json")),
  };
}
