// Checks that run things: the platform binary starts, each hook answers a sample event within its
// timeout the way Claude Code runs it, and the state dirs hooks write to are writable.
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hostTarget } from "../../build/targets.ts";
import { hookkitStateRoot, hookPlaces } from "../../base/state.ts";
// spawnHook runs a command as the host does: piped stdio, and at the timeout its whole process group
// is killed, so a grandchild (`sleep`, a stuck python) cannot hold the pipes open and keep doctor waiting.
import { spawnHook } from "../../runtime/spawn.ts";
import type { HookDefinition } from "../../runtime/types.ts";
import { substitutePlain } from "../shell.ts";
import { entryName, type Check, type CommandEntry } from "./config.ts";
import { hookVars, type Env } from "./commands.ts";
import { sampleFor } from "../sample.ts";
import { defaultTimeout } from "../../protocol/config.ts";
import { explainOutput, isHookEventName, OutputSchemas, type HookEventName } from "../../protocol/index.ts";
import { describeError } from "../../base/errors.ts";

/** `<plugin>/bin/<name>-<os>-<cpu>[.exe]` for this machine exists and answers `--version`. */
export async function checkBinary(pluginRoot: string, env: Env): Promise<Check> {
  const target = hostTarget();
  const suffix = `-${target.name}${target.os === "windows" ? ".exe" : ""}`;
  const subject = `binary ${target.name}`;
  let names: string[] = [];
  try {
    names = readdirSync(join(pluginRoot, "bin")).filter((n) => n.endsWith(suffix));
  } catch {}
  let bin: string;
  if (names.length > 0) bin = join(pluginRoot, "bin", names[0]!);
  else {
    // A thin plugin (`hookkit release`) carries a manifest instead: its launcher fetches the binary on first use.
    const thin = await thinBinary(pluginRoot, target.name, env);
    if (!thin)
      return { status: "fail", subject, detail: `no binary for this platform in ${join(pluginRoot, "bin")} (looked for *${suffix})`, fix: "build it: `hookkit build --target host` (or all targets)" };
    if (!thin.path)
      return { status: "skip", subject, detail: `thin plugin: not fetched yet; its launcher downloads ${thin.asset} on first use from ${thin.url}`, fix: `fetch it now: hookkit fetch --plugin ${pluginRoot}` };
    bin = thin.path;
  }
  const run = await spawnHook([bin, "--version"], "", { env, cwd: pluginRoot, timeoutMs: 10_000 });
  if (run.exitCode !== 0)
    return { status: "fail", subject, detail: `${bin} --version failed (exit ${run.exitCode}${run.timedOut ? ", timed out" : ""}): ${firstLine(run.stderr)}`, fix: "rebuild it for this platform (`hookkit build --target host`)" };
  return { status: "ok", subject, detail: `${bin} runs (v${run.stdout.trim()}, ${run.ms.toFixed(0)} ms)` };
}

/** A thin plugin's binary for this machine: where the launcher would find it (undefined: not fetched), or undefined when the plugin has no release manifest. */
async function thinBinary(pluginRoot: string, target: string, env: Env): Promise<{ path?: string; asset: string; url: string } | undefined> {
  const manifest = (await Bun.file(join(pluginRoot, "manifest.json")).json().catch(() => undefined)) as
    | { schema?: number; targets?: Record<string, { file: string; sha256: string; asset: string; urls: string[] }> }
    | undefined;
  const t = manifest?.schema === 1 ? manifest.targets?.[target] : undefined;
  if (!t) return undefined;
  const stores = [env.CLAUDE_PLUGIN_DATA ? join(env.CLAUDE_PLUGIN_DATA, "bin") : undefined, join(hookkitStateRoot(env), "bin")];
  for (const store of stores) {
    if (store && (await Bun.file(join(store, t.sha256, t.file)).exists())) return { path: join(store, t.sha256, t.file), asset: t.asset, url: t.urls[0] ?? "" };
  }
  return { asset: t.asset, url: t.urls[0] ?? "" };
}

/** Runs the entry as the host would (`sh -c` or exec form) on a sample event, within its timeout. */
export async function checkAnswer(entry: CommandEntry, env: Env, cwd: string): Promise<Check> {
  return { ...(await answerCheck(entry, env, cwd)), file: entry.source.file };
}

async function answerCheck(entry: CommandEntry, env: Env, cwd: string): Promise<Check> {
  const subject = `${entryName(entry)} answers`;
  const vars = hookVars(entry, cwd, env);
  const { command, args } = entry.handler;
  const timeout = entry.handler.timeout ?? defaultTimeout(entry.event);
  const argv = args !== undefined ? [substitutePlain(command, vars), ...args.map((a) => substitutePlain(a, vars))] : ["/bin/sh", "-c", command];
  if (entry.handler.shell === "powershell" && process.platform !== "win32") return { status: "skip", subject, detail: "PowerShell command; run only on Windows" };
  let run;
  try {
    run = await spawnHook(argv, `${JSON.stringify(sampleFor(entry.event, entry.matcher, cwd))}\n`, { env: { ...env, ...vars }, cwd, timeoutMs: timeout * 1000 });
  } catch (error) {
    return { status: "fail", subject, detail: `could not start ${argv[0]}: ${describeError(error)}`, fix: "fix the command path; see the command check above" };
  }
  const took = `${run.ms.toFixed(0)} ms`;
  if (run.timedOut)
    return { status: "fail", subject, detail: `no answer to a sample ${entry.event} event within its ${timeout} s timeout; Claude Code cancels it and discards its output`, fix: "make the hook answer sooner, or raise its timeout" };
  if (run.exitCode === 127)
    return { status: "fail", subject, detail: `command not found (exit 127): ${firstLine(run.stderr)}`, fix: "fix the command path; see the command check above" };
  if (run.exitCode !== 0 && run.exitCode !== 2)
    return { status: "fail", subject, detail: `exit ${run.exitCode} on a sample ${entry.event} event (a non-blocking error in Claude Code): ${firstLine(run.stderr)}`, fix: `run it by hand: hookkit run <hook> --event ${entry.event}` };
  const bad = stdoutProblem(run.stdout);
  if (bad) return { status: "fail", subject, detail: bad, fix: "write exactly one JSON object line on stdout (logs go to stderr)" };
  const line = run.stdout.split("\n").filter((l) => l.trim() !== "").at(-1);
  if (line !== undefined && !/^\{"async":true/.test(line) && isHookEventName(entry.event)) {
    const problem = await answerProblem(entry.event, JSON.parse(line));
    if (problem) return { status: "fail", subject, detail: `${problem}: ${line.slice(0, 100)}`, fix: problemFix(problem) };
  }
  const answer = line !== undefined ? `answered ${line.slice(0, 80)}` : "answered with no decision";
  return { status: "ok", subject, detail: `${answer} (exit ${run.exitCode}, ${took})` };
}

// A metric that says the hook itself failed: `err`, `error`, `fail`, `failed`, `failure(s)` as a word of
// the key (ensure-python's `ep_err`, an `api_error`), set to true or a non-zero number.
const FAILURE_METRIC = /(^|_)(err|errs|error|errors|fail|failed|failure|failures)(_|$)/;

/**
 * What is wrong with an answer Claude Code would get, or undefined: not the event's output schema (a flat
 * permissionDecision, a field of another event), "defer" (which says nothing: no opinion is an empty
 * stdout), or a failure the hook reports in its own metrics.
 */
export async function answerProblem(event: HookEventName, value: unknown): Promise<string | undefined> {
  const { Value } = await import("@sinclair/typebox/value");
  if (!Value.Check(OutputSchemas[event], value)) return `not a valid ${event} answer (${await explainOutput(event, value, 2)})`;
  const output = value as { hookSpecificOutput?: { permissionDecision?: string }; metrics?: Record<string, number | boolean> };
  if (output.hookSpecificOutput?.permissionDecision === "defer")
    return 'permissionDecision "defer" is not an opinion; a hook with no opinion prints nothing';
  const failed = Object.entries(output.metrics ?? {}).filter(([key, v]) => FAILURE_METRIC.test(key) && v !== false && v !== 0);
  if (failed.length > 0) return `the hook reports a failure in its own answer (${failed.map(([k, v]) => `${k}=${v}`).join(", ")})`;
  return undefined;
}

const problemFix = (problem: string) =>
  problem.startsWith("the hook reports")
    ? "run it by hand (`hookkit run <hook>`) and read its error log"
    : problem.includes("defer")
      ? "return answer.none() for no opinion"
      : "answer with hookkit's `answer.*` helpers; decisions go in hookSpecificOutput with hookEventName";

function stdoutProblem(stdout: string): string | undefined {
  const lines = stdout.split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) return undefined;
  for (const line of lines) {
    try {
      const value = JSON.parse(line);
      if (typeof value !== "object" || value === null || Array.isArray(value)) return `stdout line is JSON but not an object: ${line.slice(0, 60)}`;
    } catch {
      return `stdout is not JSON ("${line.slice(0, 60)}"); Claude Code treats it as plain text and ignores any decision`;
    }
  }
  if (lines.length > 1 && !/^\{"async":true/.test(lines[0]!)) return `${lines.length} JSON lines on stdout; Claude Code reads only one object`;
  return undefined;
}

/** hookkit's state root and each hook's state dir accept a write. */
export function checkStateDirs(hooks: HookDefinition[], env: Env): Check[] {
  const dirs = new Map<string, string>([[hookkitStateRoot(env), "hookkit state root"]]);
  for (const def of hooks) dirs.set(hookPlaces(def, env).stateDir, `${def.name} state`);
  return [...dirs].map(([dir, label]) => {
    const probe = join(dir, `.doctor-${process.pid}`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(probe, "ok");
      unlinkSync(probe);
      return { status: "ok", subject: label, detail: `${dir} is writable` };
    } catch (error) {
      return { status: "fail", subject: label, detail: `${dir} is not writable (${describeError(error)}); the hook cannot keep state or log errors`, fix: "fix its permissions, or set HOOKKIT_STATE_DIR to a writable directory" };
    }
  });
}

const firstLine = (text: string) => text.trim().split("\n")[0]?.slice(0, 160) || "(no stderr)";
