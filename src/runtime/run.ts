// The run loop every hook goes through, compiled or from source, in-process in tests or as a
// child of the host: read one event, validate it, call the handler with stdout protected, validate
// the answer, write exactly one single-line JSON object or nothing, and pick the exit code by the
// hook's fail policy (DESIGN decisions 5–7).
import { joinPath, parentDir } from "../kit/paths.ts";
import { loadValidators } from "../protocol/validators/index.gen.ts";
import type { HookOutput } from "../protocol/index.ts";
import { hookkitStateRoot } from "../kit/state.ts";
import { HOOK_EVENT } from "./answer.ts";
import { ErrorLog, FailureCounter } from "./errorlog.ts";
import { Metrics } from "./metrics.ts";
import { DEFAULT_STDIN_LIMITS, type StdinLimits, type StdinResult } from "./stdin.ts";
import type { Answer, Env, HookContext, HookDefinition } from "./types.ts";
import { Usage } from "./usage.ts";
import { bunPortable } from "../portable/bun.ts";
import type { Portable } from "../portable/types.ts";

/** Everything the loop touches outside itself, so tests can run it in-process. */
export interface HookIO {
  readonly env: Env;
  readonly argv: readonly string[];
  readonly cwd: string;
  now(): Date;
  readStdin(limits: StdinLimits): Promise<StdinResult>;
  /** Writes to stdout; resolves once the bytes are handed to the OS. */
  write(text: string): Promise<void>;
  /** Writes one diagnostic line to stderr. */
  writeErr(text: string): void;
  readonly stdinLimits?: Partial<StdinLimits>;
}

export interface RunResult {
  exitCode: number;
  /** stdin was abandoned (deadline or cap) or the handler outlived its budget: exit explicitly. */
  mustExit: boolean;
}

/** Seconds before the hook's own timeout at which the loop stops waiting and answers by policy. */
const BUDGET_MARGIN_MS = 250;

export async function runHook(def: HookDefinition, io: HookIO): Promise<RunResult> {
  const started = io.now().getTime();
  // Paths, the log, metrics and usage are made on first use: a run that succeeds without logging
  // or metrics touches none of them but the failure counter's path (each costs instructions at
  // every start, and start-up is the product; bench/STARTUP-COSTS.md).
  let where: { stateRoot: string; stateDir: string; log: ErrorLog } | undefined;
  const place = () => {
    if (where) return where;
    const stateRoot = def.stateDir ? def.stateDir(io.env) : hookkitStateRoot(io.env);
    const stateDir = def.stateDir ? stateRoot : joinPath(stateRoot, def.name);
    const target = def.errorLog ? def.errorLog(io.env) : { file: joinPath(stateDir, "errors.log"), tag: def.name };
    // No write below a state root may follow a planted symlink out of it (DESIGN decision 8).
    const log = new ErrorLog(target.file, target.tag, () => io.now(), def.errorLog ? parentDir(target.file) : stateRoot);
    return (where = { stateRoot, stateDir, log });
  };
  const log = { write: (message: string) => place().log.write(message), get file() { return place().log.file; } };
  const counter = () => new FailureCounter(place().stateDir, place().stateRoot);
  let metricsMade: Metrics | undefined;
  let usageMade: Usage | undefined;
  let portableMade: Portable | undefined;
  const metrics = () => (metricsMade ??= new Metrics(def.maxMetrics ?? 20, (m) => log.write(m)));
  let asyncStarted = false;
  let mustExit = false;
  // A reader that closed our stdout early (EPIPE) must neither crash the hook nor stop its work
  // (ensure-python keeps building after its async marker): the line is dropped and logged.
  const write = async (text: string): Promise<void> => {
    try {
      await io.write(text);
    } catch (error) {
      log.write(`stdout is closed (${describeError(error)}); dropped: ${text.trim().slice(0, 200)}`);
    }
  };

  const ctx: HookContext = {
    hook: def.name,
    env: io.env,
    argv: io.argv,
    cwd: io.cwd,
    now: () => io.now(),
    log: (message) => log.write(message),
    get metrics() {
      return metrics();
    },
    get usage() {
      return (usageMade ??= new Usage());
    },
    deadline: started + (def.timeout ?? 600) * 1000,
    get portable() {
      return (portableMade ??= bunPortable({ hook: def.name, stateDir: place().stateDir, env: io.env, now: () => io.now().getTime() }));
    },
    async startAsync(timeoutMs) {
      if (asyncStarted) return;
      asyncStarted = true;
      const marker = timeoutMs && timeoutMs > 0 ? { async: true, asyncTimeout: Math.round(timeoutMs) } : { async: true };
      await write(`${JSON.stringify(marker)}\n`);
    },
  };

  const emit = async (output: HookOutput | undefined): Promise<void> => {
    usageMade?.mergeInto(metrics());
    if (metricsMade && metricsMade.size > 0) output = { ...output, metrics: metricsMade.toJSON() };
    if (output && Object.keys(output).length > 0) await write(`${JSON.stringify(output)}\n`);
  };

  const fail = async (reason: string): Promise<RunResult> => {
    log.write(reason);
    if (def.failClosed && !asyncStarted) {
      io.writeErr(`${def.name}: ${reason} — blocking because this hook is fail-closed (log: ${log.file})`);
      return { exitCode: 2, mustExit };
    }
    const streak = counter().fail();
    const threshold = def.failureNoticeAfter ?? 3;
    const notice =
      streak >= threshold
        ? { systemMessage: `hook ${def.name} has failed ${streak} times in a row and is giving no answer; details in ${log.file}` }
        : undefined;
    await emit(notice);
    return { exitCode: 0, mustExit };
  };

  // This event's validators load (a separate chunk) while stdin is being read.
  const validators = loadValidators[def.event]!();
  try {
    let input: unknown;
    if (def.stdin === "required") {
      const read = await io.readStdin({ ...DEFAULT_STDIN_LIMITS, ...io.stdinLimits });
      mustExit = read.timedOut || read.overflow;
      const parsed = parseInput(read);
      if ("problem" in parsed) return await fail(parsed.problem);
      input = parsed.value;
      const event = (input as { hook_event_name?: unknown }).hook_event_name;
      if (event !== def.event) {
        return await fail(`got a ${typeof event === "string" ? event : "nameless"} event; this hook handles ${def.event} (check its hooks.json entry)`);
      }
      if (!(await validators).checkInput(input)) {
        const { explainInput } = await import("../protocol/explain.ts");
        return await fail(`invalid ${def.event} input: ${await explainInput(def.event, input)}`);
      }
    }

    const answer = await withProtectedStdout(io, () => withinBudget(def, started, io, () => def.run(input as never, ctx)));
    if (answer === "over-budget") {
      mustExit = true;
      return await fail(`handler did not finish within its ${def.timeout} s timeout`);
    }
    const result = answer ?? { kind: "none" as const };
    if (result.kind === "exit2") {
      counter().reset();
      io.writeErr(result.message.replace(/\s*[\r\n]+\s*/g, " "));
      await emit(undefined);
      return { exitCode: 2, mustExit };
    }
    const output = result.kind === "json" ? fillEvent(result.output, def) : undefined;
    if (output) {
      usageMade?.mergeInto(metrics());
      const withMetrics = metricsMade && metricsMade.size > 0 ? { ...output, metrics: metricsMade.toJSON() } : output;
      if (!(await validators).checkOutput(withMetrics)) {
        const { explainOutput } = await import("../protocol/explain.ts");
        return await fail(`answer refused, it does not match the ${def.event} output schema: ${await explainOutput(def.event, withMetrics)}`);
      }
    }
    counter().reset();
    await emit(output);
    return { exitCode: 0, mustExit };
  } catch (error) {
    return await fail(`handler threw: ${describeError(error)}`);
  }
}

function parseInput(read: StdinResult): { value: object } | { problem: string } {
  if (read.overflow) return { problem: `input larger than the stdin cap (${read.bytes}+ bytes); not read` };
  const text = read.text.trim();
  const late = read.timedOut ? ` (stdin still open after the deadline; used the ${read.bytes} bytes that arrived)` : "";
  if (text === "") return { problem: `empty input${late}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const kind = looksTruncated(text) ? "truncated JSON" : "invalid JSON";
    return { problem: `${kind} on stdin${late}: ${describeError(error)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { problem: `input is not a JSON object${late}` };
  }
  return { value };
}

function looksTruncated(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") depth--;
  }
  return depth > 0;
}

function fillEvent(output: HookOutput, def: HookDefinition): HookOutput {
  const specific = output.hookSpecificOutput;
  if (!specific || specific.hookEventName !== HOOK_EVENT) return output;
  return { ...output, hookSpecificOutput: { ...specific, hookEventName: def.event } };
}

/** While the handler runs, console.log/info/debug go to stderr: a stray log line must never corrupt the JSON. */
async function withProtectedStdout<T>(io: HookIO, fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, debug: console.debug, warn: console.warn, error: console.error };
  const toErr = (...args: unknown[]) => io.writeErr(args.map((a) => (typeof a === "string" ? a : Bun.inspect(a))).join(" "));
  console.log = console.info = console.debug = console.warn = console.error = toErr;
  try {
    return await fn();
  } finally {
    Object.assign(console, saved);
  }
}

async function withinBudget(
  def: HookDefinition,
  started: number,
  io: HookIO,
  fn: () => Answer | void | Promise<Answer | void>,
): Promise<Answer | void | "over-budget"> {
  if (!def.timeout) return await fn();
  const remaining = Math.max(100, def.timeout * 1000 - BUDGET_MARGIN_MS - (io.now().getTime() - started));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<"over-budget">((resolve) => {
    timer = setTimeout(() => resolve("over-budget"), remaining);
  });
  try {
    return await Promise.race([Promise.resolve().then(fn), expiry]);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

