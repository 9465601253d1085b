// `hookkit run <hook>`: one hook, one event, in-process through the same run loop as the binary, with
// the answer spelled out. The event comes from a file, stdin, or a realistic fixture you adjust.
import { defineCommand } from "citty";
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { hookPlaces } from "../../base/state.ts";
import { HOOK_EVENTS, isHookEventName } from "../../protocol/index.ts";
import type { HookDefinition } from "../../runtime/types.ts";
import { claude } from "../../hosts/claude/adapter.ts";
import { invokeHook } from "../../runtime/invoke.ts";
import { describeAnswer } from "../answer.ts";
import { repeated } from "../args.ts";
import { CliError, closest } from "../errors.ts";
import { loadHook } from "../hooks.ts";
import { bold, gray, log } from "../log.ts";
import { sampleFor } from "../sample.ts";
import { renderTable } from "../table.ts";
import { describeError } from "../../base/errors.ts";

export default defineCommand({
  meta: { name: "run", description: "Run a hook on a given or synthesized event and show its answer" },
  args: {
    hook: { type: "positional", description: "Registered hook name, or a path to a hook file", required: true },
    input: { type: "string", description: "Event JSON file, or - for stdin (default: a sample event)", valueHint: "file|-" },
    event: { type: "string", description: "Event of the sample input (default: the hook's event)", valueHint: "Event" },
    tool: { type: "string", description: "tool_name of the sample input" },
    set: { type: "string", description: "Set a field: key=value, dots for nesting, JSON values parsed (repeatable)", valueHint: "key=value" },
    json: { type: "boolean", description: "Print the hook's raw stdout only; exit with its exit code" },
  },
  async run({ args, rawArgs }) {
    const cwd = process.cwd();
    const def = await loadHook(args.hook, cwd);
    const input = await buildInput(def, args, repeated(rawArgs, "set"), cwd);
    const logFile = errorLogOf(def);
    const logSize = sizeOf(logFile);
    const started = performance.now();
    const run = await invokeHook(def, input, { env: process.env, cwd, host: claude });
    const ms = performance.now() - started;
    if (args.json) {
      if (run.stdout) console.log(run.stdout.replace(/\n$/, ""));
      if (run.stderr) console.error(run.stderr);
      return run.exitCode;
    }
    const logged = newLines(logFile, logSize);
    const fields = typeof input === "object" ? (input as { hook_event_name?: string; tool_name?: string }) : {};
    const event = fields.hook_event_name && `${fields.hook_event_name}${fields.tool_name ? ` · tool ${fields.tool_name}` : ""}`;
    const rows: string[][] = [
      ["hook", `${def.name} (${def.event}${def.matcher ? `, matcher ${def.matcher}` : ""})`],
      ["event", event ?? (args.input ? `from ${args.input}` : "?")],
      ...describeAnswer(run.exitCode, run.output, run.stdout, run.stderr).map((line, i) => [i === 0 ? "answer" : "", line]),
      ["exit code", String(run.exitCode)],
      ["time", `${ms.toFixed(1)} ms in-process ${gray("(a compiled hook adds process start-up; see hookkit bench)")}`],
      ["stdout", run.stdout.trim() || gray("(empty)")],
      ["stderr", run.stderr.trim() || gray("(empty)")],
    ];
    if (logged) rows.push(["error log", `${logged.trim()} ${gray(`(${logFile})`)}`]);
    console.error(renderTable(["", ""], rows.map(([k, v]) => [bold(k!), v!]), process.stderr.columns ?? 0, false));
    return run.exitCode;
  },
});

type RunArgs = { input?: string; event?: string; tool?: string };

async function buildInput(def: HookDefinition, args: RunArgs, sets: string[], cwd: string): Promise<unknown> {
  if (args.input !== undefined) {
    let text: string;
    try {
      text = args.input === "-" ? await Bun.stdin.text() : readFileSync(resolve(cwd, args.input), "utf8");
    } catch (error) {
      throw new CliError(`cannot read the event from ${args.input} (${describeError(error)}); check the path`);
    }
    if (sets.length === 0 && args.tool === undefined) return text; // raw, so broken input reaches the loop as it would in production
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new CliError(`${args.input} is not JSON, so --set/--tool cannot apply; drop them to run the hook on the raw text`);
    }
    return applySets(value as Record<string, unknown>, args.tool, sets);
  }
  const event = args.event ?? def.event;
  if (!isHookEventName(event)) {
    const guess = closest(event, [...HOOK_EVENTS]);
    throw new CliError(`unknown event "${event}"${guess ? `; did you mean ${guess}?` : ""}`);
  }
  if (event !== def.event) log.warn(`${def.name} handles ${def.event}; a ${event} event shows what it does with the wrong event`);
  // The hook's own matcher picks the sample (AskUserQuestion for question-preference), unless --tool says otherwise.
  const sample = sampleFor(event, event === def.event ? def.matcher : undefined, cwd, args.tool);
  return applySets(sample, args.tool, sets);
}

/** `a.b=1` sets input.a.b to 1; values that parse as JSON are JSON, anything else a string. */
export function applySets(input: Record<string, unknown>, tool: string | undefined, sets: string[]): Record<string, unknown> {
  const out = structuredClone(input);
  if (tool !== undefined) out.tool_name = tool;
  for (const set of sets) {
    const eq = set.indexOf("=");
    if (eq <= 0) throw new CliError(`--set ${set}: expected key=value, e.g. --set tool_input.command="rm -rf /"`);
    const path = set.slice(0, eq).split(".");
    const raw = set.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {}
    let node = out as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path.at(-1)!] = value;
  }
  return out;
}

function errorLogOf(def: HookDefinition): string {
  return hookPlaces(def, process.env).errorLog.file;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** What the run loop appended to the error log during this run (rotation aside). */
function newLines(file: string, from: number): string {
  try {
    const data = readFileSync(file);
    return data.length >= from ? data.subarray(from).toString("utf8") : data.toString("utf8");
  } catch {
    return "";
  }
}
