// `hookkit test [dir]`: replays fixtures (event + expected answer, as HOOKKIT_RECORD writes them)
// through the hooks in-process and reports every answer that changed; --update accepts the new ones.
import { defineCommand } from "citty";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { atomicWrite } from "../../kit/files.ts";
import { claude } from "../../hosts/claude/adapter.ts";
import { invokeHook } from "../../runtime/invoke.ts";
import { CliError } from "../errors.ts";
import { loadHook } from "../hooks.ts";
import { green, log, red, yellow } from "../log.ts";
import { expectedOf, type Fixture } from "../../hosts/record.ts";
import { deepEqual, isObject } from "../../hosts/claude/settings.ts";
import { renderTable } from "../table.ts";
import { describeError } from "../../base/errors.ts";

export const DEFAULT_FIXTURES = "test/fixtures/recorded";

type Outcome = { file: string; hook: string; status: "pass" | "fail" | "updated" | "broken"; detail: string };

export default defineCommand({
  meta: { name: "test", description: "Replay recorded fixtures (event + expected answer) through the hooks" },
  args: {
    dir: { type: "positional", description: `Fixture directory or file (default: ${DEFAULT_FIXTURES})`, required: false },
    update: { type: "boolean", description: "Rewrite the expected answer of every fixture that no longer matches" },
  },
  async run({ args }) {
    const cwd = process.cwd();
    const target = resolve(cwd, args.dir ?? DEFAULT_FIXTURES);
    const files = fixtureFiles(target);
    if (files.length === 0)
      throw new CliError(`no fixtures in ${relative(cwd, target) || target}; record some with HOOKKIT_RECORD=${relative(cwd, target) || target} set while Claude Code runs your hooks, or write <hook>/<name>.json by hand (see src/cli/README.md)`);
    log.start(`replaying ${files.length} fixture${files.length === 1 ? "" : "s"} from ${relative(cwd, target) || target}`);
    const outcomes: Outcome[] = [];
    for (const file of files) outcomes.push(await replay(file, Boolean(args.update), cwd));
    const badge = { pass: green("ok"), updated: yellow("updated"), fail: red("FAIL"), broken: red("BROKEN") };
    const base = files.length === 1 && files[0] === target ? dirname(target) : target;
    console.error(renderTable(["", "fixture", "hook", "result"], outcomes.map((o) => [badge[o.status], relative(base, o.file), o.hook, o.detail])));
    const failed = outcomes.filter((o) => o.status === "fail" || o.status === "broken").length;
    const updated = outcomes.filter((o) => o.status === "updated").length;
    const passed = outcomes.length - failed - updated;
    const summary = `${passed} passed, ${failed} failed${updated ? `, ${updated} updated` : ""}`;
    if (failed > 0) log.error(`${summary}; accept intended changes with \`hookkit test ${args.dir ?? ""} --update\``.replace("  ", " "));
    else log.success(summary);
    return failed > 0 ? 1 : 0;
  },
});

function fixtureFiles(target: string): string[] {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return [];
  }
  if (stat.isFile()) return [target];
  return (readdirSync(target, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(target, f))
    .sort();
}

async function replay(file: string, update: boolean, cwd: string): Promise<Outcome> {
  let fixture: Fixture;
  try {
    fixture = JSON.parse(readFileSync(file, "utf8"));
    if (!isObject(fixture) || typeof fixture.hook !== "string" || !isObject(fixture.expected)) throw new Error('needs "hook", "input" and "expected"');
  } catch (error) {
    return { file, hook: "?", status: "broken", detail: `not a fixture: ${describeError(error)}` };
  }
  let def;
  try {
    def = await loadHook(fixture.hook, cwd);
  } catch (error) {
    return { file, hook: fixture.hook, status: "broken", detail: describeError(error) };
  }
  // A fresh state dir per fixture: replays neither see nor touch the failure counters of real runs.
  const state = mkdtempSync(join(tmpdir(), "hookkit-test-"));
  try {
    const stdin = typeof fixture.input === "string" ? fixture.input : `${JSON.stringify(fixture.input)}\n`;
    const run = await invokeHook(def, undefined, {
      stdin,
      env: { ...process.env, HOOKKIT_STATE_DIR: state, HOOKKIT_RECORD: "", ...fixture.env },
      now: fixture.recordedAt ? () => new Date(fixture.recordedAt!) : undefined,
      cwd,
      host: claude,
    });
    const got = expectedOf({ exitCode: run.exitCode, stdout: run.stdout });
    const ignore = fixture.ignore ?? [];
    if (deepEqual(strip(got, ignore), strip(fixture.expected, ignore))) return { file, hook: fixture.hook, status: "pass", detail: describe(got) };
    if (update) {
      atomicWrite(file, `${JSON.stringify({ ...fixture, expected: got }, null, 2)}\n`);
      return { file, hook: fixture.hook, status: "updated", detail: `now ${describe(got)}` };
    }
    return { file, hook: fixture.hook, status: "fail", detail: `expected ${describe(fixture.expected)}, got ${describe(got)}${run.stderr ? ` (stderr: ${run.stderr.split("\n")[0]})` : ""}` };
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

/** The expected answer without the ignored top-level answer keys (e.g. "metrics" holding timings). */
function strip(expected: Fixture["expected"], ignore: string[]): unknown {
  if (ignore.length === 0 || !isObject(expected.output)) return { ...expected, output: expected.output ?? null };
  const output = Object.fromEntries(Object.entries(expected.output).filter(([k]) => !ignore.includes(k)));
  return { ...expected, output };
}

function describe(expected: Fixture["expected"]): string {
  const body = expected.stdout ?? (expected.output == null ? "no output" : JSON.stringify(expected.output));
  return `exit ${expected.exitCode}, ${body.length > 140 ? `${body.slice(0, 140)}…` : body}`;
}
