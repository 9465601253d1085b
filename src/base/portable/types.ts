// The portable hook context: what a hook may do that both of its forms can offer, the compiled
// binary (bun.ts, on Bun's APIs) and the Claude Code mod (host.ts, on the host's `$`). A hook that
// reaches the outside world only through this interface (and otherwise runs pure code) can be built
// as a mod; `hookkit build` checks that statically (src/build/mod/capability.ts).
//
// Everything is async because the mod's every call crosses into the host. Paths are absolute.

/** What a finished child process left behind. */
export interface PortableRunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PortableRunOptions {
  /** Kill the child after this many ms; the call then rejects. Default 30 000 (the host's own default). */
  readonly timeoutMs?: number;
  readonly cwd?: string;
  /** Variables set over the hook's own environment. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface PortableWriteOptions {
  /**
   * Refuse (reject with an EACCES error, writing nothing) when a symbolic link at or below this folder
   * would put the file outside it. For state roots a user or another tool can plant links in.
   */
  readonly confineTo?: string;
}

export interface PortableStartOptions {
  readonly cwd?: string;
  /** Variables set over the hook's own environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A small JSON key-value store kept in the hook's state folder (kv.json), shared by both forms. */
export interface PortableStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** Where a hook's portable context points: its name, state folder, environment and clock. */
export interface PortablePlace {
  hook: string;
  stateDir: string;
  env: Readonly<Record<string, string | undefined>>;
  now: () => number;
}

export interface Portable {
  /** The hook's name. */
  readonly hook: string;
  /** Which form is running: the compiled binary (or Bun from source) or the Claude Code mod. */
  readonly form: "binary" | "mod";
  /** The hook's own state folder (the binary's `<state root>/<hook>`, or what its stateDir says). */
  readonly stateDir: string;
  /**
   * One environment variable, or undefined when unset or empty. Call it with a string literal:
   * the mod can read only variables its source names (the host lists them before it loads it).
   */
  env(name: string): string | undefined;
  /** Milliseconds since the epoch. */
  now(): number;
  /** A file's text, or undefined when there is no such file. */
  readText(path: string): Promise<string | undefined>;
  /** Replaces a file's text, creating its folders (the binary replaces it atomically; the mod cannot). */
  writeText(path: string, text: string, options?: PortableWriteOptions): Promise<void>;
  /**
   * Appends `line` and a newline, creating the file and its folders. The binary writes it with one
   * O_APPEND write; the mod has no append, so it reads and rewrites the file (two sessions appending at
   * once can lose a line there, and a file over the host's 4 MiB read limit cannot be appended to).
   */
  appendLine(path: string, line: string, options?: PortableWriteOptions): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Runs argv[0] (no shell) and waits for it; rejects when it cannot start or outruns its timeout. */
  run(argv: readonly string[], options?: PortableRunOptions): Promise<PortableRunResult>;
  /**
   * Starts argv[0] (no shell) detached, with no stdio, and never waits for it: fire and forget. Resolves
   * once the start was requested. The binary rejects when the child cannot start; the mod cannot tell (the
   * host reports it to the loop reading the child, which nobody awaits). The binary's child outlives
   * the hook (its own session); the mod's lives as long as the mod's module (the host kills a spawned
   * child when the module unloads), which covers a short job like a profile rebuild.
   */
  start(argv: readonly string[], options?: PortableStartOptions): Promise<void>;
  readonly store: PortableStore;
}
