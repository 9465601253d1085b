// Shared parts of the reliability suite: a seeded PRNG (every failure reproduces from the printed
// seed), a bounded pool for child processes (2 cores: a handful at a time), one spawn of the
// compiled binary with raw bytes on stdin, and the judge that classifies each run.
import { OutputChecks, checkAsyncMarker } from "../../../src/protocol/index.ts";

/** `HOOKKIT_RELIABILITY=long` multiplies the generated cases for local runs. */
export const LONG = process.env.HOOKKIT_RELIABILITY === "long";

/** The run's seed: HOOKKIT_RELIABILITY_SEED reproduces a failing run; else a fresh one. */
export const SEED = (() => {
  const given = process.env.HOOKKIT_RELIABILITY_SEED;
  if (given && /^\d+$/.test(given)) return Number(given) >>> 0;
  return (Date.now() ^ (process.pid << 16)) >>> 0;
})();

/** Children run at once; 2 cores are busy but not starved at this level. */
export const PARALLEL = Number(process.env.HOOKKIT_RELIABILITY_PARALLEL) || 6;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class Rng {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0;
  }
  next(): number {
    let t = (this.#s = (this.#s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
  /** A sub-generator for case `i`: each case reproduces alone from (seed, i). */
  fork(i: number): Rng {
    return new Rng(Math.imul(this.#s ^ 0x9e3779b9, 2654435761) ^ Math.imul(i + 1, 0x85ebca6b));
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface ChildRun {
  exitCode: number | null;
  signal: string | null;
  stdout: Uint8Array;
  stderr: string;
  ms: number;
  /** Killed by us at the kill deadline. */
  killed: boolean;
}

export interface ChildOptions {
  env: Record<string, string>;
  cwd: string;
  /** Bytes written to stdin (then closed unless keepStdinOpen). */
  stdin?: Uint8Array | string;
  keepStdinOpen?: boolean;
  /** SIGKILL after this long and report `killed`. */
  killAfterMs: number;
}

/** One run of the compiled binary as Claude Code runs it: piped stdin, stdout, stderr. */
export async function runChild(command: string[], o: ChildOptions): Promise<ChildRun> {
  const started = performance.now();
  const child = Bun.spawn(command, { stdin: "pipe", stdout: "pipe", stderr: "pipe", env: o.env, cwd: o.cwd });
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill("SIGKILL");
  }, o.killAfterMs);
  const out = new Response(child.stdout).arrayBuffer();
  const err = new Response(child.stderr).text();
  try {
    if (o.stdin !== undefined && o.stdin.length > 0) {
      child.stdin.write(o.stdin);
      await child.stdin.flush();
    }
    if (!o.keepStdinOpen) await child.stdin.end();
  } catch {
    // The hook may stop reading (size cap) and exit first: EPIPE here is its answer, not ours.
  }
  const exitCode = await child.exited;
  clearTimeout(timer);
  if (o.keepStdinOpen) {
    try {
      await child.stdin.end();
    } catch {}
  }
  const [stdout, stderr] = await Promise.all([out, err]);
  return { exitCode, signal: child.signalCode ? String(child.signalCode) : null, stdout: new Uint8Array(stdout), stderr, ms: performance.now() - started, killed };
}

export type Verdict = "ok" | "crash" | "invalid-output" | "timeout" | "bad-exit";

export interface Judged {
  verdict: Verdict;
  detail?: string;
  /** The parsed answer line (not the async marker), if any. */
  output?: any;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Crash markers a Bun binary prints when it dies of something other than our code. */
const CRASH = /panic|Segmentation fault|Illegal instruction|oh no: Bun has crashed|RangeError: Maximum call stack/i;

/**
 * Judges one run: exit 0 (or one of `allowedExits`), no crash, stdout nothing or exactly one
 * single-line JSON object valid for `event` — after the async marker line when `asyncMarker`.
 */
export function judge(run: ChildRun, event: string, opts: { asyncMarker?: boolean; allowedExits?: number[] } = {}): Judged {
  if (run.killed) return { verdict: "timeout", detail: `killed after ${Math.round(run.ms)} ms` };
  if (run.signal) return { verdict: "crash", detail: `signal ${run.signal}` };
  if (CRASH.test(run.stderr)) return { verdict: "crash", detail: run.stderr.slice(0, 300) };
  const allowed = opts.allowedExits ?? [0];
  if (run.exitCode === null || !allowed.includes(run.exitCode)) return { verdict: "bad-exit", detail: `exit ${run.exitCode}: ${run.stderr.slice(0, 300)}` };
  let text: string;
  try {
    text = decoder.decode(run.stdout);
  } catch {
    return { verdict: "invalid-output", detail: "stdout is not UTF-8" };
  }
  const lines = text.split("\n");
  if (lines.at(-1) !== "") {
    if (text === "") lines.pop();
    else return { verdict: "invalid-output", detail: `stdout does not end with a newline: ${JSON.stringify(text.slice(-200))}` };
  } else lines.pop();
  if (opts.asyncMarker) {
    const first = lines.shift();
    let marker: unknown;
    try {
      marker = first === undefined ? undefined : JSON.parse(first);
    } catch {}
    if (!checkAsyncMarker(marker)) return { verdict: "invalid-output", detail: `first line is not the async marker: ${JSON.stringify(first)}` };
  }
  if (lines.length === 0) return { verdict: "ok" };
  if (lines.length > 1) return { verdict: "invalid-output", detail: `${lines.length} answer lines` };
  let output: unknown;
  try {
    output = JSON.parse(lines[0]!);
  } catch {
    return { verdict: "invalid-output", detail: `not JSON: ${lines[0]!.slice(0, 200)}` };
  }
  if (!output || typeof output !== "object" || Array.isArray(output)) return { verdict: "invalid-output", detail: "not an object" };
  if (!OutputChecks[event]!(output)) return { verdict: "invalid-output", detail: `fails the ${event} output schema: ${lines[0]!.slice(0, 300)}` };
  return { verdict: "ok", output };
}

/** Tally of judged runs, by generator and verdict, with the first few failures kept for the report. */
export class Tally {
  readonly byKind = new Map<string, { tried: number; crash: number; invalid: number; timeout: number; badExit: number; maxMs: number; bytes: number }>();
  readonly failures: Array<{ kind: string; index: number; verdict: Verdict; detail?: string }> = [];
  answers = { empty: 0, json: 0 };

  add(kind: string, index: number, run: ChildRun, j: Judged, inputBytes: number): void {
    const k = this.byKind.get(kind) ?? { tried: 0, crash: 0, invalid: 0, timeout: 0, badExit: 0, maxMs: 0, bytes: 0 };
    k.tried++;
    k.bytes += inputBytes;
    k.maxMs = Math.max(k.maxMs, run.ms);
    if (j.verdict === "crash") k.crash++;
    if (j.verdict === "invalid-output") k.invalid++;
    if (j.verdict === "timeout") k.timeout++;
    if (j.verdict === "bad-exit") k.badExit++;
    this.byKind.set(kind, k);
    if (j.verdict === "ok") j.output ? this.answers.json++ : this.answers.empty++;
    else if (this.failures.length < 20) this.failures.push({ kind, index, verdict: j.verdict, detail: j.detail });
  }

  total(field: "tried" | "crash" | "invalid" | "timeout" | "badExit"): number {
    let n = 0;
    for (const k of this.byKind.values()) n += k[field];
    return n;
  }
}

let pinned: Promise<string> | undefined;

/**
 * The compiled host binary, pinned: a hard link under dist/reliability/bin/<build hash>/ (a copy
 * across file systems). Other test processes in the same tree rebuild and prune dist/.test when
 * sources change; a long fuzz run must not lose its binary midway. Pinned builds older than an
 * hour are pruned (a run still using one is long finished by then).
 */
export function suiteBinary(): Promise<string> {
  pinned ??= (async () => {
    const { hostBinary } = await import("../_binary.ts");
    const { copyFileSync, chmodSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } = await import("node:fs");
    const { basename, dirname, join } = await import("node:path");
    const source = await hostBinary();
    const pins = join(import.meta.dir, "..", "..", "..", "dist", "reliability", "bin");
    const hash = basename(dirname(dirname(dirname(source)))); // <project>/dist/.test/<hash>/plugin/bin/<binary>
    const target = join(pins, hash, basename(source));
    if (!existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      try {
        linkSync(source, temp);
      } catch {
        copyFileSync(source, temp);
        chmodSync(temp, 0o755);
      }
      renameSync(temp, target);
    }
    for (const other of readdirSync(pins)) {
      const dir = join(pins, other);
      if (other !== hash && Date.now() - statSync(dir).mtimeMs > 3_600_000) rmSync(dir, { recursive: true, force: true });
    }
    return target;
  })();
  return pinned;
}
