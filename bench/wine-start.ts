/**
 * A hook's start under Wine next to the same hook on Linux (`bun run bench/wine-start.ts [--rounds N] [--warmup N]`).
 * Informative only: Wine is not Windows, and its figures say what the Windows build costs under Wine on this machine.
 * Whole-process runs with piped stdin/stdout through bench/runbench.c, all variants interleaved round-robin:
 * the C no-op floor and an empty compiled Bun program (each built for both), then question-preference's three
 * decision paths (test/fixtures/scenarios.ts) through hookkit-linux-x64 and through hookkit-windows-x64.exe under
 * wine64 (the private prefix of test/windows/_wine.ts, its wineserver kept running). Prints a markdown table.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMPILE_FLAGS } from "../src/build/compile.ts";
import { NO_JIT } from "../src/runtime/define.ts";
import { spawnHook } from "../src/testing/index.ts";
import { makeScenarios } from "../test/fixtures/scenarios.ts";
import { hostBuild, REPO } from "../test/e2e/_binary.ts";
import { mingwBuild, wine, winPath } from "../test/windows/_wine.ts";

interface Variant {
  name: string;
  platform: "linux" | "wine";
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  input: string;
  expect?: RegExp;
}

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function spawnOk(cmd: string[]): void {
  const p = Bun.spawnSync(cmd, { cwd: REPO, stdout: "pipe", stderr: "pipe" });
  if (p.exitCode !== 0) throw new Error(`${cmd.join(" ")} failed:\n${p.stderr.toString()}`);
}

const rounds = arg("rounds", 20);
const warmup = arg("warmup", 3);
const w = await wine();
if (typeof w === "string") throw new Error(w);
const dir = mkdtempSync(join(tmpdir(), "hookkit-wine-bench-"));
const { scenarios, cleanup } = makeScenarios();
try {
  const cc = Bun.which("cc") ?? Bun.which("gcc");
  if (!cc) throw new Error("needs a C compiler (`cc`)");
  const runbench = join(dir, "runbench");
  spawnOk([cc, "-O2", "-o", runbench, join(import.meta.dir, "runbench.c")]);
  spawnOk([cc, "-O2", "-o", join(dir, "noop"), join(import.meta.dir, "noop.c")]);
  await mingwBuild(w.mingw, ["-o", join(dir, "noop.exe"), join(import.meta.dir, "noop.c")]);
  const empty = join(import.meta.dir, "empty.ts");
  spawnOk([process.execPath, "build", ...COMPILE_FLAGS, empty, "--outfile", join(dir, "empty")]);
  spawnOk([process.execPath, "build", ...COMPILE_FLAGS, "--target=bun-windows-x64", empty, "--outfile", join(dir, "empty.exe")]);
  const linuxBin = (await hostBuild()).binary;

  const noJit = { [NO_JIT.name]: NO_JIT.value };
  // Under Wine a Unix path in the env becomes its Z:\ name, as a Windows host would hand over Windows paths.
  const forWine = (env: Record<string, string>) =>
    Object.fromEntries(Object.entries(env).flatMap(([k, v]) => (k === "PATH" || k === "HOME" ? [] : [[k, v.startsWith("/") ? winPath(v) : v]])));
  const pair = (name: string, linux: string[], windows: string[], env: Record<string, string>, cwd: string, input: string, expect?: RegExp): Variant[] => [
    { name, platform: "linux", argv: linux, env: { ...env, ...noJit }, cwd, input, expect },
    { name, platform: "wine", argv: [w.loader, ...windows], env: { ...w.env, ...forWine(env), ...noJit }, cwd, input, expect },
  ];
  const qp = scenarios.filter((s) => s.hook === "question-preference");
  const base = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  const vs: Variant[] = [
    ...pair("C no-op (reads stdin, answers nothing)", [join(dir, "noop")], [join(dir, "noop.exe")], base, dir, "{}\n"),
    ...pair("empty compiled Bun program", [join(dir, "empty")], [join(dir, "empty.exe")], base, dir, "{}\n"),
    ...qp.flatMap((s) => pair(s.id, [linuxBin, s.hook], [w.exe, s.hook], s.env, s.cwd, s.input, s.expect.stdout)),
  ];
  // Each route must give the scenario's answer before its time means anything.
  for (const v of vs.filter((v) => v.expect)) {
    const r = await spawnHook(v.argv, v.input, { env: v.env, cwd: v.cwd, timeoutMs: 60_000 });
    if (r.exitCode !== 0 || !v.expect!.test(r.stdout)) throw new Error(`${v.platform}: ${v.name} answered ${JSON.stringify(r.stdout)} (exit ${r.exitCode})`);
  }

  const lines: string[] = [];
  vs.forEach((v, i) => {
    const input = join(dir, `input-${i}.json`);
    writeFileSync(input, v.input);
    lines.push(`V ${v.platform}: ${v.name}`, `I ${input}`, `D ${v.cwd}`);
    for (const [k, val] of Object.entries(v.env)) lines.push(`E ${k}=${val}`);
    for (const a of v.argv) lines.push(`A ${a}`);
  });
  writeFileSync(join(dir, "spec.txt"), `${lines.join("\n")}\n`);
  console.error(`timing ${vs.length} variants x ${rounds} rounds (+${warmup} warm-up), interleaved`);
  const p = Bun.spawnSync([runbench, join(dir, "spec.txt"), String(warmup), String(rounds)], { stdout: "pipe", stderr: "pipe" });
  if (p.exitCode !== 0) throw new Error(`runbench failed: ${p.stderr.toString()}`);
  const samples = vs.map(() => [] as number[]);
  for (const row of p.stdout.toString().trim().split("\n")) {
    const [i, ns, status] = row.split(" ").map(Number) as [number, number, number];
    if (status !== 0) throw new Error(`${vs[i]!.platform}: ${vs[i]!.name} exited ${status} during timing; figures discarded`);
    samples[i]!.push(ns / 1e6);
  }
  const out = [
    `Bun ${Bun.version}, ${(await Bun.$`${w.loader} --version`.nothrow().quiet().text()).trim() || "wine"}; ${rounds} interleaved rounds, medians in ms.`,
    "",
    "| what starts | Linux (native) | Windows build under Wine | × |",
    "|---|---:|---:|---:|",
  ];
  for (let i = 0; i < vs.length; i += 2) {
    const [l, x] = [median(samples[i]!), median(samples[i + 1]!)];
    out.push(`| ${vs[i]!.name} | ${l.toFixed(1)} | ${x.toFixed(1)} | ${(x / l).toFixed(1)} |`);
  }
  console.log(out.join("\n"));
} finally {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
}
