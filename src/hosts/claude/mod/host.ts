// The portable context on Claude Code's host API (`$`), for the mod. This file is copied into the mod
// plugin as it is, so it imports only relative files and nothing from npm, node: or bun:; the host
// checks that before it loads the module.
//
// What the host does not offer is built from what it does: an appended line is a read and a whole
// write (no O_APPEND: two sessions appending at once can lose a line), the store is the same kv.json
// the binary keeps, and env holds only the variables the generated register.ts read by name.
import { fileStore } from "../../../base/portable/kv.ts";
import { joinPosix } from "../../../base/portable/state-root.ts";
import type { Portable, PortableRunOptions, PortableRunResult } from "../../../base/portable/types.ts";

/** The part of the host's `$` this file calls (its own types come from the host; none are imported). */
export interface HostApi {
  fs: {
    read(path: string): Promise<unknown>;
    write(path: string, text: string): Promise<void>;
    exists(path: string): Promise<boolean>;
  };
  process: {
    run(argv: readonly string[], init?: { cwd?: string; env?: Record<string, string>; timeoutMs?: number }): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  };
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
  const readText = async (path: string): Promise<string | undefined> => {
    if (!(await $.fs.exists(path))) return undefined;
    const text = await $.fs.read(path);
    return typeof text === "string" ? text : undefined;
  };
  const writeText = (path: string, text: string): Promise<void> => $.fs.write(path, text);
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
    async appendLine(path, line) {
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
    store: fileStore({ readText, writeText }, joinPosix(options.stateDir, "kv.json")),
  };
}
