/**
 * question-preference: the compiled hook against the hook it replaces, in one interleaved run.
 *
 *   bun bench/question-preference.ts [--runs 200] [--binary path/to/hookkit] [--baseline path/to/older/hookkit]
 *
 * Variants, each a whole process with piped stdin and stdout, timed by the project's C harness
 * (bench/runbench.c: fork, exec, write the event, close, drain, wait; round-robin interleaving):
 *   compiled deny         `hookkit question-preference`, a never-ask question (marker, log, deny).
 *                         The event is the same every run, so after the first the log append is
 *                         skipped by dedup (the tail is still read)
 *   compiled pass         `hookkit question-preference`, a marked question without a preference
 *   compiled unmarked     `hookkit question-preference`, a question without a marker (the common call: one stat)
 *   empty Bun program     bench/empty.ts compiled with the hooks' flags: Bun's own start-up floor
 *   compiled floor        `hookkit question-preference` on a non-AskUserQuestion call: runtime start,
 *                         stdin, validation and nothing else (what the hook's own work is measured against)
 *   source pass           `bun plugins/gstack-plan-tune/src/hooks/question-preference/main.ts`, pass-through (for reference)
 *   baseline …            with --baseline, the same three through another build (an older commit's binary), interleaved
 *   seed pass             `bun <gstack>/hosts/claude/hooks/question-preference-hook.ts` (bench/seed/,
 *                         the original), pass-through; it answers `defer` there
 * The world is realistic: a git repo with an origin remote as cwd, a registry of gstack's size
 * (53 entries, 12 one-way, 21 with signal_key), memory nuggets, and a warm per-session cache.
 * Each variant's answer is checked before timing, and any non-zero exit discards the figures.
 *
 * A second table times the registry load alone inside a fresh compiled process: a read through the
 * portable context and one scan (the hook keeps no cache: the Claude Code mod could not keep a sqlite one).
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const REPO = resolve(import.meta.dir, "..");
const { values: args } = parseArgs({ options: { runs: { type: "string", default: "200" }, binary: { type: "string" }, baseline: { type: "string" } } });
const RUNS = Number(args.runs);

// ---- the world ----
const dir = mkdtempSync(join(tmpdir(), "qp-bench-"));
const binary = join(dir, "hookkit");
// A private copy: the shared e2e build cache is replaced whenever src/ changes.
for (let attempt = 0; ; attempt++) {
  try {
    cpSync(args.binary ?? (await (await import("../plugins/test/_binary.ts")).hostBinary()), binary);
    break;
  } catch (error) {
    if (attempt === 3) throw error;
  }
}
chmodSync(binary, 0o755);
const stateRoot = join(dir, "state");
const gstack = join(dir, "gstack");
const project = join(dir, "work", "app");
mkdirSync(join(gstack, "scripts"), { recursive: true });
mkdirSync(join(gstack, "hosts", "claude", "hooks"), { recursive: true });
mkdirSync(project, { recursive: true });
// The seed finds its registry three folders above itself, so it goes where gstack puts it.
const seed = join(gstack, "hosts", "claude", "hooks", "question-preference-hook.ts");
cpSync(join(REPO, "bench", "seed", "question-preference-hook.ts"), seed);

function registryOfGstackSize(): string {
  const entries: string[] = [];
  for (let i = 0; i < 53; i++) {
    const id = i === 0 ? "ship-pre-landing-review-fix" : `bench-question-${i}`;
    const door = i >= 41 ? "one-way" : "two-way";
    const signal = i < 21 ? ` signal_key: 'signal-${i % 7}',` : "";
    entries.push(
      `  '${id}': {\n    id: '${id}', skill: 'ship', category: 'approval', door_type: '${door}',\n` +
        `    options: ['fix-now','skip'],${signal}\n    description: "Question ${i} — fix now or later?",\n  },`,
    );
  }
  return `export const QUESTIONS = {\n${entries.join("\n")}\n} as const;\n`;
}
writeFileSync(join(gstack, "scripts", "question-registry.ts"), registryOfGstackSize());
mkdirSync(stateRoot, { recursive: true });
writeFileSync(join(stateRoot, "global-question-preferences.json"), JSON.stringify({ "bench-question-5": "never-ask" }, null, 2));
writeFileSync(
  join(stateRoot, "free-text-memory.json"),
  JSON.stringify({
    nuggets: Array.from({ length: 12 }, (_, i) => ({
      nugget: `Past answer ${i}`,
      applies_to_signal_keys: [`signal-${(i % 6) + 1}`],
      applied_at: `2026-0${(i % 9) + 1}-01T00:00:00Z`,
    })),
  }),
);
const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
Bun.spawnSync(["git", "init", "-q"], { cwd: project, env: gitEnv });
Bun.spawnSync(["git", "remote", "add", "origin", "git@github.com:acme/app.git"], { cwd: project, env: gitEnv });

const env: Record<string, string> = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: join(dir, "home"),
  GSTACK_STATE_ROOT: stateRoot,
  GSTACK_ROOT: gstack,
  HOOKKIT_STATE_DIR: join(dir, "hookkit-state"),
  GSTACK_QUESTION_LOG_NO_DERIVE: "1",
};

function event(questionId: string, toolName = "AskUserQuestion", marked = true): string {
  return `${JSON.stringify({
    session_id: "bench-session",
    transcript_path: join(dir, "t.jsonl"),
    cwd: project,
    permission_mode: "default",
    hook_event_name: "PreToolUse",
    tool_name: toolName,
    tool_input: {
      questions: [
        {
          question: `${marked ? `<gstack-qid:${questionId}> ` : ""}The pre-landing review flagged an issue in src/app.ts.\nRecommendation: A) Fix now`,
          header: "Review",
          options: [{ label: "A) Fix now", description: "Apply the fix" }, { label: "B) Skip" }],
          multiSelect: false,
        },
      ],
    },
    tool_use_id: `toolu_bench_${questionId}`,
  })}\n`;
}

interface Variant {
  name: string;
  command: string[];
  input: string;
  check: (stdout: string) => boolean;
}
const bun = process.execPath;
const empty = join(dir, "empty");
{
  const { COMPILE_FLAGS } = await import("../src/build/compile.ts");
  const built = Bun.spawnSync([bun, "build", ...COMPILE_FLAGS, join(import.meta.dir, "empty.ts"), "--outfile", empty], { cwd: REPO, stdout: "ignore", stderr: "pipe" });
  if (built.exitCode !== 0) throw new Error(built.stderr.toString());
}
/** The same calls through another build, copied like the binary under test. */
function baselineVariants(path: string): Variant[] {
  const copy = join(dir, "hookkit-baseline");
  cpSync(path, copy);
  chmodSync(copy, 0o755);
  return [
    { name: "baseline, deny", command: [copy, "question-preference"], input: event("bench-question-5"), check: (o) => o.includes('"permissionDecision":"deny"') },
    { name: "baseline, pass-through", command: [copy, "question-preference"], input: event("bench-question-30"), check: (o) => o === "" },
    { name: "baseline, unmarked", command: [copy, "question-preference"], input: event("bench-question-30", "AskUserQuestion", false), check: (o) => o === "" },
  ];
}
const variants: Variant[] = [
  { name: "empty compiled Bun program", command: [empty], input: event("bench-question-30"), check: (o) => o === "" },
  { name: "compiled, deny", command: [binary, "question-preference"], input: event("bench-question-5"), check: (o) => o.includes('"permissionDecision":"deny"') },
  { name: "compiled, pass-through", command: [binary, "question-preference"], input: event("bench-question-30"), check: (o) => o === "" },
  { name: "compiled, unmarked", command: [binary, "question-preference"], input: event("bench-question-30", "AskUserQuestion", false), check: (o) => o === "" },
  { name: "compiled, floor (not AskUserQuestion)", command: [binary, "question-preference"], input: event("bench-question-30", "Bash"), check: (o) => o === "" },
  { name: "source via bun, pass-through", command: [bun, join(REPO, "plugins", "gstack-plan-tune", "src", "hooks", "question-preference", "main.ts")], input: event("bench-question-30"), check: (o) => o === "" },
  ...(args.baseline ? baselineVariants(args.baseline) : []),
  { name: "seed via bun, pass-through", command: [bun, seed], input: event("bench-question-30"), check: (o) => o.includes('"permissionDecision":"defer"') },
];

/** Interleaved whole-process timings from bench/runbench.c, in ms per variant. */
function timeWithRunbench(vs: Variant[], warmup: number, rounds: number): number[][] {
  const cc = Bun.which("cc") ?? Bun.which("gcc");
  if (!cc) throw new Error("the bench needs a C compiler (`cc`) for bench/runbench.c");
  const runbench = join(dir, "runbench");
  const built = Bun.spawnSync([cc, "-O2", "-o", runbench, join(import.meta.dir, "runbench.c")], { stderr: "pipe" });
  if (built.exitCode !== 0) throw new Error(built.stderr.toString());
  const spec: string[] = [];
  vs.forEach((v, i) => {
    const input = join(dir, `input-${i}.json`);
    writeFileSync(input, v.input);
    spec.push(`V ${v.name}`, `I ${input}`, `D ${project}`, ...Object.entries(env).map(([k, x]) => `E ${k}=${x}`), ...v.command.map((x) => `A ${x}`));
  });
  writeFileSync(join(dir, "spec.txt"), `${spec.join("\n")}\n`);
  const run = Bun.spawnSync([runbench, join(dir, "spec.txt"), String(warmup), String(rounds)], { stdout: "pipe", stderr: "pipe" });
  if (run.exitCode !== 0) throw new Error(`runbench failed: ${run.stderr.toString()}`);
  const samples = vs.map(() => [] as number[]);
  for (const row of run.stdout.toString().trim().split("\n")) {
    const [i, ns, status] = row.split(" ").map(Number) as [number, number, number];
    if (status !== 0) throw new Error(`${vs[i]!.name} exited ${status} during timing; figures discarded`);
    samples[i]!.push(ns / 1e6);
  }
  return samples;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;

/** Registry load inside a fresh compiled process: a read through the portable context and one scan, in ms. */
async function registryLoadTimes(rounds: number): Promise<Record<string, number[]>> {
  const entry = join(dir, "registry-load.ts");
  writeFileSync(
    entry,
    `import { testPortable } from ${JSON.stringify(join(REPO, "src/testing/portable.ts"))};
import { loadRegistry } from ${JSON.stringify(join(REPO, "plugins/gstack-plan-tune/src/hooks/question-preference/registry.ts"))};
const reg = process.argv.at(-1);
const io = testPortable();
const t = performance.now();
const r = await loadRegistry(io, reg);
console.log(Object.keys(r).length === 53 ? performance.now() - t : -1);
`,
  );
  const exe = join(dir, "registry-load");
  const built = Bun.spawnSync([bun, "build", "--compile", "--minify", "--bytecode", "--format=esm", entry, "--outfile", exe], { stdout: "ignore", stderr: "pipe" });
  if (built.exitCode !== 0) throw new Error(built.stderr.toString());
  const reg = join(gstack, "scripts", "question-registry.ts");
  const out: Record<string, number[]> = { "portable read + scan": [] };
  for (let r = 0; r < rounds; r++) {
    const ms = Number(Bun.spawnSync([exe, reg]).stdout.toString());
    if (!(ms >= 0)) throw new Error("registry load failed");
    out["portable read + scan"]!.push(ms);
  }
  return out;
}

try {
  // Every route must give its expected answer before its time means anything.
  for (const v of variants) {
    const child = Bun.spawn(v.command, { stdin: "pipe", stdout: "pipe", stderr: "pipe", env, cwd: project });
    child.stdin.write(v.input);
    await child.stdin.end();
    const [stdout, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
    if (code !== 0 || !v.check(stdout)) throw new Error(`${v.name}: unexpected answer (exit ${code}): ${stdout.slice(0, 300)}`);
  }
  const samples = timeWithRunbench(variants, 5, RUNS);
  const cpu = (await Bun.file("/proc/cpuinfo").text().catch(() => "")).match(/model name\s*:\s*(.+)/)?.[1] ?? process.arch;
  console.log(`question-preference bench — ${RUNS} interleaved rounds, ${new Date().toISOString()}, bun ${Bun.version}, ${process.platform}-${process.arch}, ${cpu}\n`);
  console.log("| variant | median ms | p90 ms | min ms |");
  console.log("|---|---:|---:|---:|");
  variants.forEach((v, i) => {
    const s = [...samples[i]!].sort((a, b) => a - b);
    console.log(`| ${v.name} | ${pct(s, 0.5).toFixed(2)} | ${pct(s, 0.9).toFixed(2)} | ${s[0]!.toFixed(2)} |`);
  });
  console.log("\nRegistry load inside a fresh compiled process (53 entries, ~20 KB):\n");
  console.log("| registry load | median ms | p90 ms | min ms |");
  console.log("|---|---:|---:|---:|");
  for (const [name, times] of Object.entries(await registryLoadTimes(RUNS))) {
    const s = [...times].sort((a, b) => a - b);
    console.log(`| ${name} | ${pct(s, 0.5).toFixed(3)} | ${pct(s, 0.9).toFixed(3)} | ${s[0]!.toFixed(3)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
