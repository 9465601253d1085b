// HOOKKIT_RECORD=<dir>: every real hook run writes its event and its answer as a replayable fixture
// (`hookkit test <dir>` replays them). Loaded by the run loop only when the variable is set, so a
// normal hook run pays one env lookup. Recording never throws and never writes to stdout.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { atomicWrite, safeSegment } from "../kit/files.ts";
import { runHook, type HookIO, type RunResult } from "../runtime/run.ts";
import type { HookDefinition } from "../runtime/types.ts";

/** What a run produced, as a fixture stores it. */
export type RecordedResult = { exitCode: number; stdout: string; stderr?: string };

export type Fixture = {
  hook: string;
  /** The event as received: parsed JSON when it was JSON, else the raw text. */
  input: unknown;
  expected: { exitCode: number; output?: unknown; stdout?: string };
  /** Top-level answer keys left out of the comparison (e.g. metrics that hold timings). */
  ignore?: string[];
  recordedAt?: string;
  env?: Record<string, string>;
};

/** Writes `<dir>/<hook>/<time>-<hash>.json`; returns its path, or undefined when recording failed. */
export function recordEvent(dir: string, hookName: string, rawInput: string, result: RecordedResult, now = new Date()): string | undefined {
  try {
    const fixture: Fixture = {
      hook: hookName,
      input: parseOr(rawInput),
      expected: expectedOf(result),
      recordedAt: now.toISOString(),
    };
    const hash = createHash("sha256").update(rawInput).digest("hex").slice(0, 10);
    const stamp = now.toISOString().replace(/[:.]/g, "-");
    const file = join(dir, safeSegment(hookName) ?? "hook", `${stamp}-${hash}.json`);
    // 0600: events carry prompts, commands and file contents from real sessions
    atomicWrite(file, `${JSON.stringify(fixture, null, 2)}\n`, 0o600);
    return file;
  } catch {
    return undefined;
  }
}

export function expectedOf(result: RecordedResult): Fixture["expected"] {
  const stdout = result.stdout.trim();
  if (stdout === "") return { exitCode: result.exitCode, output: null };
  const lines = stdout.split("\n");
  const last = parseOr(lines.at(-1) ?? "");
  // One JSON line (the usual answer) is stored parsed; anything else (async marker + answer) verbatim.
  return lines.length === 1 && typeof last === "object" ? { exitCode: result.exitCode, output: last } : { exitCode: result.exitCode, stdout };
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** runHook with the raw input and the output teed into a fixture. For runHookMain when HOOKKIT_RECORD is set. */
export async function runRecorded(def: HookDefinition, io: HookIO, dir: string): Promise<RunResult> {
  let raw = "";
  let stdout = "";
  const teed: HookIO = {
    ...io,
    readStdin: async (limits) => {
      const read = await io.readStdin(limits);
      raw = read.text;
      return read;
    },
    write: async (text) => {
      stdout += text;
      await io.write(text);
    },
  };
  const result = await runHook(def, teed);
  recordEvent(dir, def.name, raw, { exitCode: result.exitCode, stdout });
  return result;
}
