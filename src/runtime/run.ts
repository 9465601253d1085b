// The run loop every hook goes through, compiled or from source, in-process in tests or as a
// child of the host: read one event, let the host adapter turn it into the hook's input, call the
// handler with stdout protected, let the adapter encode the answer (or refuse one its host would
// ignore), write exactly one line or nothing, and pick the exit code by the hook's fail policy
// (docs/design.md: the fail policy).
import { describeError } from "../base/errors.ts";
import { hookPlaces } from "../base/state.ts";
import type { Answer } from "./answer.ts";
import { ErrorLog, FailureCounter } from "./errorlog.ts";
import type { Encoded, Host } from "./host.ts";
import { Metrics } from "./metrics.ts";
import { DEFAULT_STDIN_LIMITS, type StdinLimits, type StdinResult } from "./stdin.ts";
import type { Env, HookContext, HookDefinition } from "./types.ts";
import { Usage } from "./usage.ts";
import type { Portable, PortablePlace } from "../base/portable/types.ts";

/** Everything the loop touches outside itself, so tests can run it in-process. */
export interface HookIO {
  readonly env: Env;
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The agent host the hook answers (src/hosts/); chosen by the caller, never guessed. */
  readonly host: Host;
  now(): Date;
  readStdin(limits: StdinLimits): Promise<StdinResult>;
  /** Writes to stdout; resolves once the bytes are handed to the OS. */
  write(text: string): Promise<void>;
  /** Writes one diagnostic line to stderr. */
  writeErr(text: string): void;
  readonly stdinLimits?: Partial<StdinLimits>;
  /** Makes ctx.portable (the process entry and the test runner pass kit/portable's Bun implementation). */
  readonly portable?: (place: PortablePlace) => Portable;
}

export interface RunResult {
  exitCode: number;
}

/** Milliseconds before the hook's own timeout at which the loop stops waiting and answers by policy. */
const BUDGET_MARGIN_MS = 250;

/** The seconds a hook has: its own `timeout`, else the host's default for the event. */
export const effectiveTimeout = (def: HookDefinition, host: Host): number => def.timeout ?? host.defaultTimeout(def.event);

export async function runHook(def: HookDefinition, io: HookIO): Promise<RunResult> {
  const started = io.now().getTime();
  const host = io.host;
  const timeout = effectiveTimeout(def, host);
  // Paths, the log, metrics and usage are made on first use: a run that succeeds without logging
  // or metrics touches none of them but the failure counter's path (docs/startup-costs.md).
  let where: { stateRoot: string; stateDir: string; log: ErrorLog } | undefined;
  const place = () => {
    if (where) return where;
    const { stateRoot, stateDir, errorLog, errorLogRoot } = hookPlaces(def, io.env);
    // No write below a state root may follow a planted symlink out of it.
    const log = new ErrorLog(errorLog.file, errorLog.tag, () => io.now(), errorLogRoot);
    return (where = { stateRoot, stateDir, log });
  };
  const log = { write: (message: string) => place().log.write(message), get file() { return place().log.file; } };
  const counter = () => new FailureCounter(place().stateDir, place().stateRoot);
  let metricsMade: Metrics | undefined;
  let usageMade: Usage | undefined;
  let portableMade: Portable | undefined;
  const metrics = () => (metricsMade ??= new Metrics(def.maxMetrics ?? 20, (m) => log.write(m)));
  // Model-call usage joins the metrics once, however many ways the run ends.
  let finalMetrics: Readonly<Record<string, number | boolean>> | undefined | null = null;
  const metricsOut = () => {
    if (finalMetrics !== null) return finalMetrics;
    usageMade?.mergeInto(metrics());
    return (finalMetrics = metricsMade && metricsMade.size > 0 ? metricsMade.toJSON() : undefined);
  };
  let asyncStarted = false;
  // A reader that closed our stdout early (EPIPE) must neither crash the hook nor stop its work
  // (ensure-python keeps building after its async marker): the line is dropped and logged.
  const write = async (text: string): Promise<void> => {
    if (text === "") return;
    try {
      await io.write(text);
    } catch (error) {
      log.write(`stdout is closed (${describeError(error, { name: true })}); dropped: ${text.trim().slice(0, 200)}`);
    }
  };
  const send = async (encoded: Encoded): Promise<RunResult> => {
    if (encoded.stderr) io.writeErr(encoded.stderr);
    await write(encoded.stdout);
    return { exitCode: encoded.exitCode };
  };

  const ctx: HookContext = {
    hook: def.name,
    host: host.id,
    env: io.env,
    argv: io.argv,
    cwd: io.cwd,
    now: () => io.now(),
    log: (message) => log.write(message),
    get stateDir() {
      return place().stateDir;
    },
    get metrics() {
      return metrics();
    },
    get usage() {
      return (usageMade ??= new Usage());
    },
    deadline: started + timeout * 1000,
    get portable() {
      if (!io.portable) throw new Error("this run has no portable context (its HookIO passes no portable factory)");
      return (portableMade ??= io.portable({ hook: def.name, stateDir: place().stateDir, env: io.env, now: () => io.now().getTime() }));
    },
    async startAsync(timeoutMs) {
      if (asyncStarted) return;
      const marker = host.asyncMarker(timeoutMs);
      if (marker === undefined) throw new Error(`${host.name} has no asynchronous hook answers`);
      asyncStarted = true;
      await write(marker);
    },
  };

  /** `hostFault`: the input was unusable through no fault of the hook; it does not count toward the streak. */
  const fail = async (reason: string, hostFault = false): Promise<RunResult> => {
    log.write(reason);
    if (def.failClosed && !asyncStarted) {
      return send(host.failClosed(def.event, `${def.name}: ${reason} — blocking because this hook is fail-closed (log: ${log.file})`));
    }
    let notice: string | undefined;
    if (!hostFault) {
      const streak = counter().fail();
      if (streak >= (def.failureNoticeAfter ?? 3)) {
        notice = `hook ${def.name} has failed ${streak} times in a row and is giving no answer; details in ${log.file}`;
      }
    }
    return send(host.failOpen(def.event, notice, metricsOut()));
  };

  try {
    let input: unknown;
    if (def.stdin === "required") {
      host.prepare?.(def.event);
      const read = await io.readStdin({ ...DEFAULT_STDIN_LIMITS, ...io.stdinLimits });
      const parsed = parseInput(read);
      if ("problem" in parsed) return await fail(parsed.problem, true);
      const outcome = await host.readInput(def.event, parsed.value, def.matcher);
      if (!outcome.ok && outcome.skip) return await send(host.failOpen(def.event, undefined, undefined));
      if (!outcome.ok) return await fail(outcome.problem, outcome.hostFault);
      if (outcome.notes.length > 0) log.write(outcome.notes.join("; "));
      input = outcome.input;
    }

    const result = await withProtectedStdout(io, () => withinBudget(timeout, started, io, () => def.run(input as never, ctx)));
    if (result === "over-budget") return await fail(`handler did not finish within its ${timeout} s timeout`);
    let given = (result ?? { kind: "none" }) as Answer;
    if (def.answers && given.kind !== "none" && !def.answers.includes(given.kind)) {
      return await fail(`answer refused: a ${given.kind} answer, and the hook declares only ${def.answers.join(", ")} (answers)`);
    }
    if (host.degrade) given = host.degrade(def.event, given, def.degrade);
    const encoded = await host.encode(def.event, given, metricsOut());
    if ("refused" in encoded) return await fail(`answer refused: ${host.name} cannot honour it on ${def.event}: ${encoded.refused}`);
    counter().reset();
    return await send(encoded);
  } catch (error) {
    return await fail(`handler threw: ${describeError(error, { name: true })}`);
  }
}

function parseInput(read: StdinResult): { value: Record<string, unknown> } | { problem: string } {
  if (read.overflow) return { problem: `input larger than the stdin cap (${read.bytes}+ bytes); not read` };
  const text = read.text.trim();
  const late = read.timedOut ? ` (stdin still open after the deadline; used the ${read.bytes} bytes that arrived)` : "";
  if (text === "") return { problem: `empty input${late}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const kind = looksTruncated(text) ? "truncated JSON" : "invalid JSON";
    return { problem: `${kind} on stdin${late}: ${describeError(error, { name: true })}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { problem: `input is not a JSON object${late}` };
  }
  return { value: value as Record<string, unknown> };
}

function looksTruncated(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") depth--;
  }
  return depth > 0;
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

/** Runs the handler until shortly before the timeout; past that the loop answers by policy instead of being killed. */
async function withinBudget<T>(timeoutSeconds: number, started: number, io: HookIO, fn: () => T | Promise<T>): Promise<T | "over-budget"> {
  const remaining = Math.max(100, timeoutSeconds * 1000 - BUDGET_MARGIN_MS - (io.now().getTime() - started));
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
