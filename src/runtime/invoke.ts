// In-process hook runs for unit tests: the same run loop as the binary, with stdin, stdout,
// stderr, env, argv and the clock supplied by the test.
import type { Host } from "./host.ts";
import { runHook, type HookIO } from "./run.ts";
import { readStream, type StdinLimits } from "./stdin.ts";
import type { Env, HookDefinition } from "./types.ts";

export interface InvokeOptions {
  env?: Env;
  /** Raw stdin; overrides `input`. A stream can be left open to exercise the deadline. */
  stdin?: string | Uint8Array | ReadableStream<Uint8Array>;
  now?: () => Date;
  argv?: readonly string[];
  cwd?: string;
  stdinLimits?: Partial<StdinLimits>;
  /** The host whose wire format the run speaks (hookkit/testing defaults it to Claude Code). */
  host: Host;
  /** Makes ctx.portable (hookkit/testing passes kit/portable's Bun implementation). */
  portable?: HookIO["portable"];
}

export interface HookRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Non-empty stdout lines. */
  lines: string[];
  /** The last stdout line parsed as JSON (the answer), or undefined. */
  output: any;
}

export async function invokeHook(hook: HookDefinition, input: unknown, options: InvokeOptions): Promise<HookRun> {
  let stdout = "";
  const stderr: string[] = [];
  const raw = options.stdin ?? (input === undefined ? "" : typeof input === "string" ? input : `${JSON.stringify(input)}\n`);
  const stream = raw instanceof ReadableStream ? raw : new Blob([raw]).stream();
  const io: HookIO = {
    env: options.env ?? process.env,
    argv: options.argv ?? [],
    cwd: options.cwd ?? process.cwd(),
    host: options.host,
    now: options.now ?? (() => new Date()),
    readStdin: (limits) => readStream(stream, limits),
    write: async (text) => {
      stdout += text;
    },
    writeErr: (text) => {
      stderr.push(text);
    },
    stdinLimits: options.stdinLimits,
    portable: options.portable,
  };
  const result = await runHook(hook, io);
  return { exitCode: result.exitCode, stdout, stderr: stderr.join("\n"), ...parseLines(stdout) };
}

export function parseLines(stdout: string): { lines: string[]; output: any } {
  const lines = stdout.split("\n").filter((line) => line.trim() !== "");
  let output: unknown;
  const last = lines.at(-1);
  if (last !== undefined) {
    try {
      output = JSON.parse(last);
    } catch {
      output = undefined;
    }
  }
  return { lines, output };
}
