/**
 * Start-up benchmark (`bun run bench/bench.ts [--rounds N] [--warmup N] [--out bench/REPORT.md]`).
 * Whole-process runs with piped stdin/stdout through bench/runbench.c (compiled with `cc` here), variants
 * interleaved round-robin, for: the C floor, Bun's floor (an empty compiled program), each shipped hook compiled
 * on realistic inputs per decision path (plugins/test/fixtures/scenarios.ts), the same hooks via `bun run src/...`, and the
 * launcher against the binary. Writes a markdown report; figures come from this run only.
 */
import { cpus, loadavg, release, tmpdir } from "node:os";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cp } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { COMPILE_FLAGS } from "../src/build/compile.ts";
import { NO_JIT } from "../src/runtime/define.ts";
import { spawnHook } from "../src/testing/index.ts";
import { makeScenarios, type Scenario } from "../plugins/test/fixtures/scenarios.ts";
import { hostBuild } from "../plugins/test/_binary.ts";

const REPO = join(import.meta.dir, "..");
/** Where each example hook's source lives (the `bun run` rows). */
const HOOK_SOURCE: Record<string, string> = {
  "question-preference": join(REPO, "plugins", "gstack-plan-tune", "src", "hooks", "question-preference", "main.ts"),
  "ensure-python": join(REPO, "plugins", "python-bootstrap", "src", "hooks", "ensure-python.ts"),
};

interface Variant {
  name: string;
  group: "floor" | "compiled" | "bun run" | "launcher";
  argv: string[];
  /** Dropped from the page cache before every run. */
  evict?: string;
  env: Record<string, string>;
  cwd: string;
  input: string;
}

export interface BenchOptions {
  rounds?: number;
  warmup?: number;
  /** Where to write the markdown report (default bench/REPORT.md; "" = do not write). */
  out?: string;
  log?: (line: string) => void;
}

export interface Stats {
  name: string;
  group: Variant["group"];
  median: number;
  p90: number;
  min: number;
  max: number;
  failures: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function spawnOk(cmd: string[], cwd?: string): void {
  const p = Bun.spawnSync(cmd, { cwd, stderr: "pipe", stdout: "pipe" });
  if (p.exitCode !== 0) throw new Error(`${cmd.join(" ")} failed:\n${p.stderr.toString()}`);
}

type Floors = { runbench: string; noop: string; empty: string; io: string; trivial: string };

/** Compiles the harness, the C no-op hook and the Bun floors (empty, stdin + JSON, trivial defineHook) into `dir`. */
function buildFloors(dir: string): Floors {
  const cc = Bun.which("cc") ?? Bun.which("gcc");
  if (!cc) throw new Error("bench needs a C compiler (`cc`); install build-essential");
  const runbench = join(dir, "runbench");
  const noop = join(dir, "noop");
  spawnOk([cc, "-O2", "-o", runbench, join(import.meta.dir, "runbench.c")]);
  spawnOk([cc, "-O2", "-o", noop, join(import.meta.dir, "noop.c")]);
  const bun = (name: string) => {
    const out = join(dir, name);
    spawnOk([process.execPath, "build", ...COMPILE_FLAGS, join(import.meta.dir, `${name}.ts`), "--outfile", out], REPO);
    return out;
  };
  return { runbench, noop, empty: bun("empty"), io: bun("stdin-json"), trivial: bun("trivial-hook") };
}

/**
 * Fresh copies of the cached build, written now like the floors are built now. A 109 MB binary's start-up depends on
 * how its pages sit in the page cache: the same bytes started from a file written minutes ago ran 1.6 ms (25%) faster
 * than from an older file whose pages had been evicted and read back piecemeal (695 vs 731 page faults per start).
 * Hard links to the cached build measured that against the hooks. A copy also keeps a test run elsewhere that
 * rebuilds and prunes the cache from pulling the binary out from under the bench.
 */
async function privateCopy(build: { binary: string; pluginDir: string }, to: string) {
  const plugin = join(to, "plugin");
  await cp(build.pluginDir, plugin, { recursive: true, verbatimSymlinks: true });
  return { binary: join(plugin, "bin", basename(build.binary)), pluginDir: plugin };
}

const EMPTY = "empty compiled Bun program";
/** The generated hooks.json starts hooks with JSC's JIT off (src/hosts/claude/hooks-json.ts); the bench starts them the same way. */
const NO_JIT_ENV = { [NO_JIT.name]: NO_JIT.value };
/** Suffix of the rows that start a hook with JSC's JIT, as the exec form (no shell) or a direct run does. */
export const JIT_ON = ", JIT on (exec form, direct runs)";

function variants(s: Scenario[], floors: Floors, binary: string, cold: string, pluginDir: string, hooksJsonCommand: string): Variant[] {
  const base = s[0]!;
  const plain = (name: string, group: Variant["group"], argv: string[], env: Record<string, string> = {}): Variant => ({
    name,
    group,
    argv,
    env: { ...base.env, ...env },
    cwd: base.cwd,
    input: base.input,
  });
  const out: Variant[] = [
    plain("C no-op hook (cc -O2)", "floor", [floors.noop]),
    plain(EMPTY, "floor", [floors.empty]),
    plain(`${EMPTY}, BUN_JSC_useJIT=0`, "floor", [floors.empty], NO_JIT_ENV),
    plain("Bun: read stdin + JSON.parse, compiled", "floor", [floors.io]),
    plain("hookkit runtime: a defineHook that answers nothing, compiled, BUN_JSC_useJIT=0", "floor", [floors.trivial], NO_JIT_ENV),
  ];
  for (const x of s) out.push({ name: x.id, group: "compiled", argv: [binary, x.hook], env: { ...x.env, ...NO_JIT_ENV }, cwd: x.cwd, input: x.input });
  for (const x of s.filter((x) => !x.id.includes("cold:"))) {
    out.push({ name: `${x.id}${JIT_ON}`, group: "compiled", argv: [binary, x.hook], env: x.env, cwd: x.cwd, input: x.input });
  }
  // A copy of its own, so evicting it does not make the other variants cold too.
  out.push({ ...plain(`${base.id}, binary evicted from the page cache (first run after install)`, "compiled", [cold, base.hook], NO_JIT_ENV), evict: cold });
  for (const x of s) {
    const argv = [process.execPath, "run", HOOK_SOURCE[x.hook]!];
    out.push({ name: x.id, group: "bun run", argv, env: x.env, cwd: x.cwd, input: x.input });
  }
  // Launcher vs direct, on the most frequent path (the first scenario), as the host starts them.
  const launcher = join(pluginDir, "bin", "examples"); // plugins/test's bundle holds both example hooks
  // Every launcher row starts JSC the same way (the hooks.json command sets BUN_JSC_useJIT=0 itself), so the
  // differences are the shell's and the launcher's alone.
  const env = { ...base.env, ...NO_JIT_ENV, CLAUDE_PLUGIN_ROOT: pluginDir, HOOKKIT_BIN: binary };
  const l = (name: string, argv: string[]): Variant => ({ name, group: "launcher", argv, env, cwd: base.cwd, input: base.input });
  out.push(
    l("direct exec of the binary (no shell)", [binary, base.hook]),
    l(`sh -c 'exec "$BIN" hook': the binary in shell form, the reference`, ["/bin/sh", "-c", `exec "$HOOKKIT_BIN" ${base.hook}`]),
    l(`sh -c '"$BIN" hook': the same without exec`, ["/bin/sh", "-c", `"$HOOKKIT_BIN" ${base.hook}`]),
    l("sh -c <generated hooks.json command>: link tested and exec'd by the host's shell", ["/bin/sh", "-c", hooksJsonCommand]),
    l(`sh -c 'exec "$R/bin/hookkit" hook': the launcher script (dash, link)`, ["/bin/sh", "-c", `exec "$CLAUDE_PLUGIN_ROOT/bin/examples" ${base.hook}`]),
    l("exec form: bin/hookkit started directly (dash, link)", [launcher, base.hook]),
    l("bash bin/hookkit ($OSTYPE path, as on macOS and Git Bash)", ["/bin/bash", launcher, base.hook]),
  );
  return out;
}

function specFile(dir: string, vs: Variant[]): string {
  const lines: string[] = [];
  vs.forEach((v, i) => {
    const input = join(dir, `input-${i}.json`);
    writeFileSync(input, v.input);
    lines.push(`V ${v.group}: ${v.name}`, `I ${input}`, `D ${v.cwd}`);
    if (v.evict) lines.push(`X ${v.evict}`);
    for (const [k, val] of Object.entries(v.env)) lines.push(`E ${k}=${val}`);
    for (const a of v.argv) lines.push(`A ${a}`);
  });
  const path = join(dir, "spec.txt");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

export async function runBench(options: BenchOptions = {}): Promise<{ report: string; stats: Stats[] }> {
  const rounds = options.rounds ?? 40;
  const warmup = options.warmup ?? 5;
  const log = options.log ?? ((line: string) => console.error(line));
  const dir = mkdtempSync(join(tmpdir(), "hookkit-bench-"));
  const { scenarios, cleanup } = makeScenarios();
  try {
    log("building the host binary, the C harness and the floors");
    const { binary, pluginDir } = await privateCopy(await hostBuild(), join(dir, "build"));
    const floors = buildFloors(dir);
    const hooksJson = await Bun.file(join(pluginDir, "hooks", "hooks.json")).json();
    const first = scenarios[0]!.hook;
    const command = (Object.values(hooksJson.hooks) as { hooks: { command: string }[] }[][])
      .flatMap((groups) => groups.flatMap((g) => g.hooks.map((h) => h.command)))
      .find((c) => c.endsWith(` ${first}`))!;
    const cold = join(dir, "cold-copy");
    await cp(binary, cold);
    const vs = variants(scenarios, floors, binary, cold, pluginDir, command);
    // Every route must give the expected answer before its time means anything.
    for (const v of vs.filter((v) => v.group !== "floor")) {
      const s = scenarios.find((x) => x.input === v.input && x.cwd === v.cwd)!;
      const r = await spawnHook(v.argv, v.input, { env: v.env, cwd: v.cwd, timeoutMs: 60_000 });
      if (r.exitCode !== s.expect.exitCode || !s.expect.stdout.test(r.stdout)) {
        throw new Error(`${v.group}: ${v.name} answered ${JSON.stringify(r.stdout)} (exit ${r.exitCode}); stderr: ${r.stderr}`);
      }
    }
    log(`timing ${vs.length} variants x ${rounds} rounds (+${warmup} warm-up), interleaved`);
    const loadBefore = loadavg()[0]!;
    const p = Bun.spawnSync([floors.runbench, specFile(dir, vs), String(warmup), String(rounds)], { stdout: "pipe", stderr: "pipe" });
    if (p.exitCode !== 0) throw new Error(`runbench failed: ${p.stderr.toString()}`);
    const samples = vs.map(() => [] as number[]);
    const failures = vs.map(() => 0);
    for (const row of p.stdout.toString().trim().split("\n")) {
      const [i, ns, status] = row.split(" ").map(Number) as [number, number, number];
      samples[i]!.push(ns / 1e6);
      if (status !== 0) failures[i]!++;
    }
    const failed = vs.flatMap((v, i) => (failures[i] ? [`${v.group}: ${v.name} (${failures[i]} non-zero exits)`] : []));
    if (failed.length) throw new Error(`runs failed during timing, figures discarded:\n${failed.join("\n")}`);
    const stats: Stats[] = vs.map((v, i) => {
      const s = [...samples[i]!].sort((a, b) => a - b);
      return { name: v.name, group: v.group, median: median(s), p90: quantile(s, 0.9), min: s[0]!, max: s.at(-1)!, failures: failures[i]! };
    });
    const pairs = (a: number, b: number) => median(samples[a]!.map((x, k) => x - samples[b]![k]!));
    const idx = (prefix: string) => vs.findIndex((v) => v.group === "launcher" && v.name.startsWith(prefix));
    const reference = idx(`sh -c 'exec "$BIN"`);
    const overhead = {
      shipped: pairs(idx("sh -c <generated"), reference),
      script: pairs(idx(`sh -c 'exec "$R`), reference),
      noExec: pairs(idx(`sh -c '"$BIN"`), reference),
      exec: pairs(idx("exec form"), idx("direct exec")),
      bash: pairs(idx("bash bin/hookkit"), idx("direct exec")),
    };
    const load = [loadBefore, loadavg()[0]!];
    const report = renderReport(stats, overhead, { rounds, warmup, load });
    const out = options.out ?? join(import.meta.dir, "REPORT.md");
    if (out) {
      await Bun.write(out, report);
      log(`report: ${relative(process.cwd(), out)}`);
    }
    return { report, stats };
  } finally {
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (x: number) => x.toFixed(2);

/** The two promises the issue measures: start-up near Bun's floor, and a launcher that costs (almost) nothing. */
function targets(stats: Stats[], floor: number, floorNoJit: number, launcher: number): string[] {
  const startup = stats.filter((s) => s.group === "compiled" && !s.name.includes("cold:") && !s.name.includes("evicted") && !s.name.endsWith(JIT_ON));
  const worst = startup.reduce((a, b) => (b.median > a.median ? b : a));
  const verdict = (ok: boolean) => (ok ? "met" : "**not met**");
  return [
    `- Each compiled shipped hook's median at most 1.3× the empty compiled Bun program (${ms(floor)} ms): ${verdict(worst.median <= 1.3 * floor)};`,
    `  ${startup.map((s) => `${s.name} ${(s.median / floor).toFixed(2)}×`).join(", ")}.`,
    "  The hooks run as the generated hooks.json starts them, with `BUN_JSC_useJIT=0`; the empty program runs",
    `  with Bun's defaults. Against the empty program started without JIT too (${ms(floorNoJit)} ms) the same hooks are`,
    `  ${startup.map((s) => `${(s.median / floorNoJit).toFixed(2)}×`).join(", ")}. The ensure-python cold path`,
    "  is left out: it waits for a `python3` probe, which is work, not start-up. The floors below split the rest:",
    "  Bun's own I/O, the hookkit run loop (a hook that answers nothing), then each hook's own work.",
    `- Launcher overhead at most 1.5 ms median: ${verdict(launcher <= 1.5)}; the generated hooks.json command costs ${ms(launcher)} ms`,
    "  against starting the binary the same way (paired per round; details under Launcher).",
  ];
}

function renderReport(stats: Stats[], overhead: Record<"shipped" | "script" | "noExec" | "exec" | "bash", number>, run: { rounds: number; warmup: number; load: number[] }): string {
  const floor = stats.find((s) => s.name === EMPTY)!.median;
  const floorNoJit = stats.find((s) => s.name === `${EMPTY}, BUN_JSC_useJIT=0`)!.median;
  const table = (rows: Stats[], ratio: boolean) => [
    `| variant | median ms | p90 | min | max |${ratio ? " × empty Bun |" : ""}`,
    `|---|---:|---:|---:|---:|${ratio ? "---:|" : ""}`,
    ...rows.map(
      (s) =>
        `| ${s.name}${s.failures ? ` (**${s.failures} non-zero exits**)` : ""} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.min)} | ${ms(s.max)} |${ratio ? ` ${(s.median / floor).toFixed(2)} |` : ""}`,
    ),
  ];
  const group = (g: Stats["group"]) => stats.filter((s) => s.group === g);
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return [
    "# Start-up benchmark",
    "",
    `Generated by \`bun run bench/bench.ts\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, Linux ${release()}, Bun ${Bun.version}.`,
    `${run.rounds} rounds after ${run.warmup} warm-up rounds; every variant runs once per round (round-robin), as a`,
    "whole process with piped stdin and stdout (bench/runbench.c: fork, exec, write the event, close, drain, wait).",
    "Binaries are warm in the page cache, except in the one row that evicts its copy before every run.",
    `The machine is a shared VM (1-minute load average ${run.load.map((l) => l.toFixed(1)).join(" at the start, ")} at the end):`,
    "differences under ~1 ms are noise. Medians are the figures to compare; ratios come from the same run.",
    "",
    "## Targets",
    "",
    ...targets(stats, floor, floorNoJit, overhead.shipped),
    "",
    "## Floors",
    "",
    ...table(group("floor"), true),
    "",
    "## Shipped hooks, compiled (`hookkit <hook>`), per decision path",
    "",
    ...table(group("compiled"), true),
    "",
    "Rows without a suffix start the hook as the generated hooks.json does: `BUN_JSC_useJIT=0` (JSC without its JIT",
    `compilers; a hook's few ms of JavaScript never pay them back). Rows ending "${JIT_ON.slice(2)}" start it with Bun's defaults.`,
    "",
    "The ensure-python cold path runs `python3` to probe the interpreter: that time is the probe's, not start-up.",
    "The evicted row is the first run after install or after memory pressure: the runtime is paged in from disk.",
    "",
    "## The same hooks via `bun run src/hooks/<hook>.ts`",
    "",
    ...table(group("bun run"), true),
    "",
    "## Launcher",
    "",
    ...table(group("launcher"), false),
    "",
    "Overhead, median of per-round differences (paired samples), against the binary started the same way:",
    "",
    `- **the generated hooks.json command** (after the launcher's first run): **${ms(overhead.shipped)} ms**`,
    `- the launcher script through \`sh -c\` (first run, or a plugin folder without the link): ${ms(overhead.script)} ms`,
    `- exec form, bin/hookkit started directly vs the binary started directly: ${ms(overhead.exec)} ms`,
    `- bash running the launcher (the \`$OSTYPE\`/\`$HOSTTYPE\` branch, as on macOS and Git Bash) vs the binary: ${ms(overhead.bash)} ms`,
    `- for scale, a plain \`"$BIN" hook\` without \`exec\` (dash forks for it): ${ms(overhead.noExec)} ms`,
    "",
  ].join("\n");
}

if (import.meta.main) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({ args: process.argv.slice(2), options: { rounds: { type: "string" }, warmup: { type: "string" }, out: { type: "string" } } });
  await runBench({ rounds: values.rounds ? Number(values.rounds) : undefined, warmup: values.warmup ? Number(values.warmup) : undefined, out: values.out });
}
