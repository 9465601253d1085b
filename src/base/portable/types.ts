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
  /** Replaces a file's text, creating its folders. */
  writeText(path: string, text: string): Promise<void>;
  /** Appends `line` and a newline, creating the file and its folders. */
  appendLine(path: string, line: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Runs argv[0] (no shell) and waits for it; rejects when it cannot start or outruns its timeout. */
  run(argv: readonly string[], options?: PortableRunOptions): Promise<PortableRunResult>;
  readonly store: PortableStore;
}
