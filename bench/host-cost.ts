/**
 * What a PreToolUse hook costs inside the real Claude Code, by the host's own clock
 * (`bun run bench/host-cost.ts [--sessions N] [--turns N] [--warmup N] [--out bench/HOST-COST.md]`).
 *
 * Each session is the pinned Claude Code (test/hosts/claude) offline against the scripted model, whose every
 * turn is one Bash call (`true`), allowed by a rule so nothing but the hook stands between the model's call
 * and the next request. Variants, interleaved round-robin, one session each per round: no hook, a C hook
 * (bench/noop.c), a hookkit hook compiled into a plugin bundle by hookkit's build and started by its generated
 * hooks.json, the same do-nothing hook as a hookkit mod (in-process, its compiled twin loaded and refused), a
 * bare mod whose one hook only passes the call on (the host's own floor for a mod), and a Node hook. The figures come from the host's debug log (--debug-file):
 * - per tool call, the time from the first chunk of the model's tool_use answer to the host's next API request
 *   (the whole tool round trip: hook, permission check, Bash, building the request), and
 * - the host's own duration of the hook process ("Hooks: PreToolUse:Bash [...] finished with status 0 (N ms)"),
 *   or for the mod, of its dispatch ("hooks module <mod> classic.PreToolUse settled in N ms"), and
 * - once per session, the time from the debug log's first line to the first API request (start-up: where a
 *   mod's hooks worker is spawned and its module loaded).
 * The cost a user feels is the first one minus the same span with no hook.
 */
import { cpus, loadavg, release, tmpdir } from "node:os";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { compileBundle, REPO } from "../test/hosts/claude/_bundle.ts";
import { build } from "../src/build/index.ts";

const quiet = { start() {}, success() {}, info() {}, warn() {}, log() {}, table() {} };
import { CLAUDE_VERSION, runSession, type SessionOptions } from "../test/hosts/claude/_session.ts";

export interface HostCostOptions {
  /** Measured sessions per variant (after one warm-up round). */
  sessions?: number;
  /** Bash calls (model turns) per session. */
  turns?: number;
  /** Uncounted rounds first (default 1: the page cache and the host's own caches warm up). */
  warmup?: number;
  /** Markdown report path ("" = do not write). */
  out?: string;
  log?: (line: string) => void;
}

export interface VariantResult {
  name: string;
  /** Tool round trips (ms) by the host's clock, every measured call. */
  spans: number[];
  /** The hook's own duration (ms) as the host logs it. */
  hookMs: number[];
  /** Per session: debug log's first line → first API request (ms). */
  startMs: number[];
  /** Sessions whose debug log did not show one span per turn. */
  broken: number;
}

export interface HostCostResult {
  variants: VariantResult[];
  report: string;
  isolated: boolean;
}

const median = (xs: number[]) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** The mean of the middle 80 % (the tails are the shared machine's, not the hook's). */
const trimmedMean = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const kept = s.slice(Math.floor(s.length * 0.1), Math.ceil(s.length * 0.9));
  return kept.length === 0 ? Number.NaN : kept.reduce((a, b) => a + b, 0) / kept.length;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/** Debug-log timestamps are ISO with milliseconds at the start of each line. */
const stamp = (line: string) => Date.parse(line.slice(0, 24));

/** Per tool call: first chunk of the model's answer → the host's next API request. */
export function toolRoundTrips(debugLog: string): number[] {
  const spans: number[] = [];
  let streamAt: number | undefined;
  for (const line of debugLog.split("\n")) {
    if (line.includes("Stream started - received first chunk")) streamAt = stamp(line);
    else if (line.includes("[API REQUEST] /v1/messages") && streamAt !== undefined) {
      spans.push(stamp(line) - streamAt);
      streamAt = undefined;
    }
  }
  return spans;
}

/** Per session: the debug log's first stamp to its first API request. */
export function sessionStart(debugLog: string): number | undefined {
  const first = debugLog.slice(0, 24);
  const request = debugLog.split("\n").find((line) => line.includes("[API REQUEST] /v1/messages"));
  return request === undefined ? undefined : stamp(request) - Date.parse(first);
}

/** The host's own duration of each classic.PreToolUse dispatch into a mod (worker hop and next() included). */
export function modDurations(debugLog: string, mod: string): number[] {
  const escaped = mod.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...debugLog.matchAll(new RegExp(`hooks module ${escaped}@inline classic\\.PreToolUse settled in ([\\d.]+)ms`, "g"))].map((m) => Number(m[1]));
}

/**
 * A mod with one classic.PreToolUse hook on Bash that only calls next(e): what any mod costs the host per
 * call before its own code runs. The difference to hookkit's mod is hookkit's runner.
 */
function bareMod(dir: string): string {
  const root = join(dir, "bare-mod");
  mkdirSync(join(root, ".claude-plugin"), { recursive: true });
  mkdirSync(join(root, "hooks"), { recursive: true });
  writeFileSync(join(root, ".claude-plugin", "plugin.json"), JSON.stringify({ name: "hk-bench-bare", version: "1.0.0" }));
  writeFileSync(join(root, "hooks", "hooks.json"), JSON.stringify({ modules: ["./register.ts"] }));
  writeFileSync(join(root, "hooks", "register.ts"), 'export const register = (on) => {\n  on("classic.PreToolUse", { tool: "Bash" }, ($, e, next) => next(e));\n};\n');
  return root;
}

/** The host's own duration of each PreToolUse:Bash hook run. */
export function hookDurations(debugLog: string): number[] {
  return [...debugLog.matchAll(/Hooks: PreToolUse:Bash \[.*\] (?:\(plugin [^)]*\) )?finished with status 0 \((\d+)ms\)/g)].map((m) => Number(m[1]));
}

function compileNoop(dir: string): string {
  const cc = Bun.which("cc") ?? Bun.which("gcc");
  if (!cc) throw new Error("host-cost needs a C compiler (`cc`) for the C variant; install build-essential");
  const out = join(dir, "noop");
  const run = Bun.spawnSync([cc, "-O2", "-o", out, join(import.meta.dir, "noop.c")], { stderr: "pipe" });
  if (run.exitCode !== 0) throw new Error(`cc failed: ${run.stderr.toString()}`);
  return out;
}

const settingsHook = (command: string) => ({ hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command, timeout: 10 }] }] } });

export async function runHostCost(options: HostCostOptions = {}): Promise<HostCostResult> {
  const sessions = options.sessions ?? 5;
  const turns = options.turns ?? 8;
  const warmup = options.warmup ?? 1;
  const log = options.log ?? ((line: string) => console.error(line));
  const dir = mkdtempSync(join(tmpdir(), "host-cost-"));
  const bundle = await compileBundle("bench/host-cost/hooks.ts", "hk-bench");
  // The mod and its twin: hookkit's build writes both for a registry whose every hook is mod-capable.
  const modBuilt = await build({ root: REPO, hooks: "bench/host-cost/mod-hooks.ts", targets: ["host"], outDir: join(dir, "mod-build"), pluginName: "hk-bench-twin", writeRepoHooks: false, logger: quiet });
  if (!modBuilt.mod?.written) throw new Error(`host-cost: no mod was built: ${JSON.stringify(modBuilt.mod?.verdicts)}`);
  const bare = bareMod(dir);
  try {
    const noop = compileNoop(dir);
    const node = Bun.which("node");
    const variants: { name: string; session: Partial<SessionOptions>; mod?: { name: string; twin?: string } }[] = [
      { name: "no hook", session: {} },
      { name: "C hook (bench/noop.c, cc -O2)", session: { settings: settingsHook(`"${noop}"`) } },
      { name: "hookkit hook, compiled, plugin bundle (generated hooks.json)", session: { pluginDirs: [bundle.pluginDir] } },
      { name: "hookkit mod (in-process; compiled twin loaded and refused)", session: { pluginDirs: [modBuilt.mod.dir, modBuilt.pluginDir] }, mod: { name: "hk-bench-twin-mod", twin: "hk-bench-twin" } },
      { name: "bare mod (one classic.PreToolUse hook that only calls next: the host's floor)", session: { pluginDirs: [bare] }, mod: { name: "hk-bench-bare" } },
      ...(node ? [{ name: `Node hook (node ${relative(REPO, join(import.meta.dir, "host-cost", "node-hook.mjs"))})`, session: { settings: settingsHook(`node "${join(import.meta.dir, "host-cost", "node-hook.mjs")}"`) } }] : []),
    ];
    if (!node) log("host-cost: no node on PATH; the Node variant is left out");
    const script = { turns: Array.from({ length: turns }, (_, i) => [{ tool: "Bash", input: { command: "true", description: `step ${i}` } }]) };
    const results: VariantResult[] = variants.map((v) => ({ name: v.name, spans: [], hookMs: [], startMs: [], broken: 0 }));
    let isolated = true;
    const load = [loadavg()[0]!];
    for (let round = 1 - warmup; round <= sessions; round++) {
      for (const [i, variant] of variants.entries()) {
        const s = await runSession({ script, args: ["--allowedTools", "Bash"], parent: dir, timeoutMs: 120_000, ...variant.session });
        isolated &&= s.isolated;
        const spans = toolRoundTrips(s.debugLog);
        const hookMs = variant.mod ? modDurations(s.debugLog, variant.mod.name) : hookDurations(s.debugLog);
        const start = sessionStart(s.debugLog);
        // The mod must have answered (refused its twin, so the twin's command hook never ran).
        const modAnswered = !variant.mod?.twin || (s.debugLog.includes(`${variant.mod.twin}: its hooks run in-process`) && hookDurations(s.debugLog).length === 0);
        s.cleanup();
        // Warm-up rounds (round <= 0) are not counted.
        if (round <= 0) continue;
        const r = results[i]!;
        // One span per Bash call (the last request answers with text and has none after it).
        if (s.exitCode !== 0 || spans.length !== turns || (i > 0 && hookMs.length !== turns) || !modAnswered || start === undefined) {
          r.broken++;
          log(`host-cost: ${variant.name}, round ${round}: exit ${s.exitCode}, ${spans.length} spans, ${hookMs.length} hook runs; not counted`);
          continue;
        }
        r.spans.push(...spans);
        r.hookMs.push(...hookMs);
        r.startMs.push(start);
      }
      log(`host-cost: round ${round}/${sessions} done${round <= 0 ? " (warm-up)" : ""}`);
    }
    load.push(loadavg()[0]!);
    const report = render(results, { sessions, turns, warmup, isolated, load });
    if (options.out !== "") writeFileSync(options.out ?? join(import.meta.dir, "HOST-COST.md"), report);
    return { variants: results, report, isolated };
  } finally {
    bundle.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(results: VariantResult[], run: { sessions: number; turns: number; warmup: number; isolated: boolean; load: number[] }): string {
  const base = median(results[0]!.spans);
  const baseMean = trimmedMean(results[0]!.spans);
  const baseStart = median(results[0]!.startMs);
  const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
  // The C hook (row 1) is the yardstick for a hook process: a mod's target is half its added latency.
  const cAdded = median(results[1]!.spans) - base;
  const cAddedMean = trimmedMean(results[1]!.spans) - baseMean;
  const times = (added: number, yardstick: number) => (yardstick > 0 ? `${(added / yardstick).toFixed(2)}×` : "–");
  const rows = results.map((r, i) => {
    const med = median(r.spans);
    const mean = trimmedMean(r.spans);
    const added = i === 0 ? "0 (reference)" : ms(med - base);
    const addedMean = i === 0 ? "0 (reference)" : ms(mean - baseMean);
    const ratio = i < 2 ? "–" : `${times(med - base, cAdded)} / ${times(mean - baseMean, cAddedMean)}`;
    const hook = i === 0 ? "–" : ms(median(r.hookMs));
    const start = median(r.startMs);
    const startAdded = i === 0 ? "0 (reference)" : ms(start - baseStart);
    return `| ${r.name}${r.broken ? ` (${r.broken} sessions not counted)` : ""} | ${r.spans.length} | ${ms(med)} | ${ms(quantile(r.spans, 0.9))} | **${added}** | **${addedMean}** | ${ratio} | ${hook} | ${ms(start)} | ${startAdded} |`;
  });
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return [
    "# Host-measured cost of a PreToolUse hook in Claude Code",
    "",
    `Generated by \`bun run bench/host-cost.ts\` on ${new Date().toISOString().slice(0, 10)}: Claude Code ${CLAUDE_VERSION} (the pinned`,
    `test/hosts/claude install), ${cpus().length} × ${cpu}, Linux ${release()}, Bun ${Bun.version}.`,
    `${run.sessions} sessions per variant after ${run.warmup} warm-up round${run.warmup === 1 ? "" : "s"}, ${run.turns} Bash calls (\`true\`, allowed by a rule) per session,`,
    "variants interleaved round-robin, one session each per round. Every session runs offline against the scripted",
    `model API${run.isolated ? " in its own network namespace" : " (no network namespace on this machine)"}. 1-minute load average ${run.load.map((l) => l.toFixed(1)).join(" at the start, ")} at the end`,
    "(a shared VM: compare rows of one run, not runs).",
    "",
    "Both clocks are the host's, read from its `--debug-file`. *Tool round trip*: from the first chunk of the",
    "model's tool_use answer to the host's next API request (hook, permission check, the Bash call, building the",
    "request). *Added*: this variant's median round trip minus the no-hook median, and the same for the mean of",
    "the middle 80 % of round trips (the stamps are whole milliseconds, so the median moves in steps of 1 ms and",
    "the trimmed mean resolves less). *Hook run*: the host's own",
    "duration of the hook process (`finished with status 0 (N ms)`), spawn to exit; for a mod, the host's time for",
    "its `classic.PreToolUse` dispatch (`settled in N ms`: the hop to the hooks worker and back, `next()` included).",
    "The bare mod is a hand-written module whose one hook only calls `next(e)`: the host's own cost for any mod.",
    "*Session start*: the debug log's first line to the first API request, once per session (a mod's hooks worker",
    "is spawned and its module loaded in it); *added at start*: minus the no-hook median.",
    "",
    "| variant | tool calls | median round trip (ms) | p90 (ms) | added per call, median (ms) | added per call, trimmed mean (ms) | × the C hook's added (median / trimmed mean) | hook run, host's figure (ms) | session start (ms) | added at start (ms) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    "The debug log stamps whole milliseconds, and the host's event loop does other work in the same span, so",
    "differences under ~2 ms are noise.",
    "",
  ].join("\n");
}

if (import.meta.main) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { sessions: { type: "string" }, turns: { type: "string" }, warmup: { type: "string" }, out: { type: "string" } },
  });
  const result = await runHostCost({
    sessions: values.sessions ? Number(values.sessions) : undefined,
    turns: values.turns ? Number(values.turns) : undefined,
    warmup: values.warmup ? Number(values.warmup) : undefined,
    out: values.out,
  });
  console.log(result.report);
}
