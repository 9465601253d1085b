// The portable context on Bun, for the compiled binary (and `bun run`, and in-process tests). Files go
// through kit/files (atomic replace, one O_APPEND write per line), children through kit/subprocess
// (process-group kill at the timeout). Every hook's context carries one, so this file imports nothing
// heavy at load: node:fs and the kit's writers load on a hook's first call that needs them (node:path
// alone costs ~0.9M instructions per start); reads and stats are native (base/stat.ts, no node:fs).
import { fileStore } from "../base/portable/kv.ts";
import { exists } from "../base/stat.ts";
import { nodeOs } from "../base/lazy.ts";
import { joinPosix } from "../base/portable/state-root.ts";
import type { Portable, PortablePlace, PortableRunOptions, PortableRunResult, PortableStartOptions, PortableWriteOptions } from "../base/portable/types.ts";

export type BunPortableOptions = PortablePlace;

const DEFAULT_TIMEOUT_MS = 30_000;
const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });

export function bunPortable(options: BunPortableOptions): Portable {
  const { env } = options;
  const files = {
    // A native stat and Bun.file, not node:fs: a hook that only reads never loads node:fs. The text is
    // decoded as readFileSync(path, "utf8") does (a BOM kept). An unusable path (a NUL, too long) reads
    // as missing, as existsSync has it.
    async readText(path: string): Promise<string | undefined> {
      if (!exists(path)) return undefined;
      return UTF8.decode(await Bun.file(path).bytes());
    },
    async writeText(path: string, text: string, writeOptions: PortableWriteOptions = {}): Promise<void> {
      (await import("./files.ts")).atomicWrite(path, text, undefined, writeOptions.confineTo);
    },
  };
  return {
    hook: options.hook,
    form: "binary",
    stateDir: options.stateDir,
    env: (name) => {
      const value = env[name];
      if (value !== undefined && value !== "") return value;
      // The binary can ask the OS for the home folder when HOME is unset (a mod cannot: there it stays
      // unset), so a hook never falls back to a relative `~` here.
      if (name === "HOME") return nodeOs().homedir() || undefined;
      return undefined;
    },
    now: options.now,
    ...files,
    async appendLine(path, line, writeOptions: PortableWriteOptions = {}) {
      (await import("./files.ts")).appendLine(path, line, writeOptions.confineTo);
    },
    async exists(path) {
      return exists(path);
    },
    async run(argv: readonly string[], runOptions: PortableRunOptions = {}): Promise<PortableRunResult> {
      const timeoutMs = runOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const { runProcess } = await import("./subprocess.ts");
      const result = await runProcess([...argv], {
        timeoutMs,
        cwd: runOptions.cwd,
        env: { ...env, ...runOptions.env },
      });
      if (result.spawnError) throw new Error(`${argv[0]} did not start: ${result.spawnError}`);
      if (result.timedOut) throw new Error(`${argv[0]} outran its ${timeoutMs} ms and was killed`);
      // A child ended by a signal reads as 1, as the host reports it.
      return { exitCode: result.exitCode ?? 1, stdout: result.stdout, stderr: result.stderr };
    },
    async start(argv: readonly string[], startOptions: PortableStartOptions = {}): Promise<void> {
      const { childEnv } = await import("../base/process.ts");
      // Its own session and no stdio: the child outlives the hook and holds none of its pipes open.
      const child = Bun.spawn([...argv], {
        cwd: startOptions.cwd && exists(startOptions.cwd) ? startOptions.cwd : undefined,
        env: childEnv({ ...env, ...startOptions.env }),
        stdio: ["ignore", "ignore", "ignore"],
        detached: true,
      });
      child.unref();
    },
    store: fileStore(files, joinPosix(options.stateDir, "kv.json")),
  };
}
