/**
 * Release and first-run figures of a thin plugin (`bun run bench/release.ts [--all] [--rounds N] [--warm-rounds N]`).
 * Prints:
 * - the size of the thin plugin and of each compressed asset (hookkit's own hooks; `--all` builds the five
 *   shipped targets, else this machine's only), with the time `release` took;
 * - first-run cost: the fetcher (download from a loopback HTTP server, size and sha256 of the asset, gunzip,
 *   sha256 of the binary, chmod, rename) against `curl` + `sha256sum` + `gzip -d` + `sha256sum` of the same file,
 *   alternating in the same run; and the whole first hook call through the launcher;
 * - the warm path: the hooks.json command of the thin plugin and of today's full bundle against starting the
 *   binary directly, through bench/runbench.c (whole processes, piped stdin, interleaved rounds, medians).
 * Figures come from this run only; the loopback server runs in its own process.
 */
import { mkdtempSync, rmSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../src/build/build.ts";
import { release } from "../src/build/release/index.ts";
import { shellCommand } from "../src/hosts/claude/hooks-json.ts";
const REPO = join(import.meta.dir, "..", "plugins", "gstack-plan-tune"); // the example plugin whose hook the release serves

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const all = args.includes("--all");
const rounds = flag("--rounds", 5);
const warmRounds = flag("--warm-rounds", 40);
const quiet = { start() {}, success() {}, info() {}, warn() {}, log() {}, table() {} };
const work = mkdtempSync(join(tmpdir(), "hookkit-bench-release-"));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

try {
  console.log(`# thin plugin release bench (Bun ${Bun.version}, ${new Date().toISOString()})\n`);
  const t0 = performance.now();
  const built = await build({ root: REPO, targets: all ? ["all"] : ["host"], outDir: join(work, "dist"), writeRepoHooks: false, logger: quiet });
  const t1 = performance.now();

  // The server: its own process, so serving never competes with this one's event loop.
  const serverDir = join(work, "assets");
  const server = Bun.spawn([process.execPath, "-e", `
    const s = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (r) => new Response(Bun.file(${JSON.stringify(serverDir)} + new URL(r.url).pathname)) });
    console.log(s.port);`], { stdout: "pipe", stderr: "inherit" });
  const reader = server.stdout.getReader();
  const port = Number(new TextDecoder().decode((await reader.read()).value).trim());

  const rel = await release({ root: REPO, fromBuild: built.outDir, outDir: join(work, "release"), baseUrl: `http://127.0.0.1:${port}`, logger: quiet });
  const t2 = performance.now();
  await Bun.$`mv ${join(rel.outDir, "assets")} ${serverDir}`.quiet();

  console.log(`## sizes (release of ${Object.keys(rel.manifest.targets).length} target(s): build ${((t1 - t0) / 1000).toFixed(1)} s, release ${((t2 - t1) / 1000).toFixed(1)} s)\n`);
  console.log("| what | size |\n|---|---:|");
  const files = readdirSync(rel.pluginDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  console.log(`| thin plugin (${files.length} files, no binary) | ${(rel.pluginBytes / 1024).toFixed(1)} KB |`);
  for (const [name, t] of Object.entries(rel.manifest.targets)) {
    console.log(`| ${t.asset} (binary ${mb(t.size)}) | ${mb(t.assetSize)} (${((100 * t.assetSize) / t.size).toFixed(1)} %) |`);
  }

  // --- first run ---
  const host = Object.entries(rel.manifest.targets).find(([n]) => n === `${process.platform === "darwin" ? "darwin" : "linux"}-${process.arch}`)!;
  const [, t] = host;
  const url = t.urls[0]!;
  const fetcher = join(rel.pluginDir, "bin", `${rel.manifest.bin}-fetch`);
  const baseline = `set -e; curl -fsS -o "$1/a.gz" "${url}"; sha256sum "$1/a.gz" >/dev/null; gzip -dc "$1/a.gz" >"$1/b"; sha256sum "$1/b" >/dev/null; chmod 755 "$1/b"`;
  const hookEnv = (data: string) => ({ PATH: process.env.PATH!, HOME: join(work, "home"), CLAUDE_PLUGIN_ROOT: rel.pluginDir, CLAUDE_PLUGIN_DATA: data });
  const event = JSON.stringify({ session_id: "b", transcript_path: "/tmp/t", cwd: "/tmp", hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "ls" }, tool_use_id: "t" });
  const hooksJson = JSON.parse(await Bun.file(join(rel.pluginDir, "hooks", "hooks.json")).text());
  const qpCommand = hooksJson.hooks.PreToolUse[0].hooks[0].command as string;
  const qpEvent = JSON.stringify({ ...JSON.parse(event), tool_name: "AskUserQuestion", tool_input: { questions: [{ question: "Go?", header: "Go", multiSelect: false, options: [{ label: "A" }, { label: "B" }] }] } });
  const timed = (argv: string[], env: Record<string, string>, stdin?: string) => {
    const start = performance.now();
    const p = Bun.spawnSync(argv, { env, stdin: stdin === undefined ? "ignore" : new TextEncoder().encode(stdin), stdout: "pipe", stderr: "pipe" });
    const elapsed = performance.now() - start;
    if (p.exitCode !== 0) throw new Error(`${argv.join(" ")} exited ${p.exitCode}: ${p.stderr}`);
    return elapsed;
  };
  const fetchTimes: number[] = [];
  const baseTimes: number[] = [];
  const hookTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const a = mkdtempSync(join(work, "fetch-"));
    fetchTimes.push(timed(["/bin/sh", fetcher, "--quiet"], hookEnv(a)));
    rmSync(a, { recursive: true, force: true });
    const b = mkdtempSync(join(work, "base-"));
    baseTimes.push(timed(["/bin/sh", "-c", baseline, "sh", b], { PATH: process.env.PATH! }));
    rmSync(b, { recursive: true, force: true });
    const c = mkdtempSync(join(work, "hook-"));
    hookTimes.push(timed(["/bin/sh", "-c", qpCommand], hookEnv(c), qpEvent));
    rmSync(c, { recursive: true, force: true });
  }
  console.log(`\n## first run (${mb(t.assetSize)} asset from 127.0.0.1, ${rounds} alternating rounds, medians)\n`);
  console.log("| what | median | min | max |\n|---|---:|---:|---:|");
  const row = (name: string, xs: number[]) => console.log(`| ${name} | ${ms(median(xs))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`);
  row("`curl` + `sha256sum` + `gzip -d` + `sha256sum` + `chmod` (by hand)", baseTimes);
  row("the fetcher: download, size + sha256 of asset, gunzip, size + sha256 of binary, chmod, rename", fetchTimes);
  row("first hook call (question-preference): launcher, fetch in the background, wait, exec", hookTimes);
  console.log(`\nfetcher / by hand: ${(median(fetchTimes) / median(baseTimes)).toFixed(2)}x`);

  // --- warm path, through runbench.c ---
  const cc = Bun.which("cc") ?? Bun.which("gcc");
  if (!cc) throw new Error("the warm-path figures need a C compiler (cc)");
  const runbench = join(work, "runbench");
  Bun.spawnSync([cc, "-O2", "-o", runbench, join(import.meta.dir, "runbench.c")]);
  const warmData = join(work, "warm-data");
  timed(["/bin/sh", fetcher, "--quiet"], hookEnv(warmData));
  timed(["/bin/sh", "-c", qpCommand], hookEnv(warmData), qpEvent); // leaves the link
  const binary = join(warmData, "bin", t.sha256, t.file);
  // Today's full bundle: the same binary next to the launcher in the plugin root, the link made by a first run.
  const full = built.pluginDir;
  const fullCommand = shellCommand(rel.manifest.bin, "question-preference");
  Bun.spawnSync(["/bin/sh", "-c", fullCommand], { env: { PATH: process.env.PATH!, CLAUDE_PLUGIN_ROOT: full }, stdin: new TextEncoder().encode(qpEvent) });
  const input = join(work, "event.json");
  writeFileSync(input, qpEvent);
  const env = (extra: Record<string, string>) => Object.entries({ PATH: process.env.PATH!, HOME: join(work, "home"), ...extra }).map(([k, v]) => `E ${k}=${v}`);
  const variants: [string, string[]][] = [
    ["binary started directly (BUN_JSC_useJIT=0)", ["D /tmp", `I ${input}`, ...env({ BUN_JSC_useJIT: "0" }), `A ${binary}`, "A question-preference"]],
    ["today's full bundle: hooks.json command (link in the plugin root)", ["D /tmp", `I ${input}`, ...env({ CLAUDE_PLUGIN_ROOT: full }), "A /bin/sh", "A -c", `A ${fullCommand}`]],
    ["thin plugin: hooks.json command (link in the data folder)", ["D /tmp", `I ${input}`, ...env({ CLAUDE_PLUGIN_ROOT: rel.pluginDir, CLAUDE_PLUGIN_DATA: warmData }), "A /bin/sh", "A -c", `A ${qpCommand}`]],
    ["thin plugin, no link (Windows Git Bash, no data folder): the launcher every time", ["D /tmp", `I ${input}`, ...env({ CLAUDE_PLUGIN_ROOT: rel.pluginDir, CLAUDE_PLUGIN_DATA: warmData, BUN_JSC_useJIT: "0" }), "A /bin/sh", `A ${join(rel.pluginDir, "bin", rel.manifest.bin)}`, "A question-preference"]],
  ];
  // The same commands with a C no-op behind the link instead of the 107 MB binary: the command's own cost, without
  // Bun's start-up noise (which grows with the machine's load far more than a few shell builtins do).
  const noop = join(work, "noop");
  Bun.spawnSync([cc, "-O2", "-o", noop, join(import.meta.dir, "noop.c")]);
  const noopData = join(work, "noop-data");
  const noopRoot = join(work, "noop-root");
  await Bun.$`mkdir -p ${join(noopData, "bin")} ${join(noopRoot, "bin")} && ln -s ${noop} ${join(noopData, "bin", `${rel.manifest.bin}-${rel.manifest.release}`)} && ln -s ${noop} ${join(noopRoot, "bin", `.${rel.manifest.bin}-current`)}`.quiet();
  variants.push(
    ["C no-op started directly", ["D /tmp", `I ${input}`, ...env({}), `A ${noop}`]],
    ["C no-op behind today's full-bundle command", ["D /tmp", `I ${input}`, ...env({ CLAUDE_PLUGIN_ROOT: noopRoot }), "A /bin/sh", "A -c", `A ${fullCommand}`]],
    ["C no-op behind the thin plugin's command", ["D /tmp", `I ${input}`, ...env({ CLAUDE_PLUGIN_ROOT: rel.pluginDir, CLAUDE_PLUGIN_DATA: noopData }), "A /bin/sh", "A -c", `A ${qpCommand}`]],
  );
  const spec = join(work, "spec");
  writeFileSync(spec, variants.map(([name, lines]) => [`V ${name}`, ...lines].join("\n")).join("\n") + "\n");
  const out = Bun.spawnSync([runbench, spec, "5", String(warmRounds)], { stdout: "pipe", stderr: "pipe" });
  if (out.exitCode !== 0) throw new Error(`runbench failed: ${out.stderr}`);
  const times: number[][] = variants.map((): number[] => []);
  let failures = 0;
  for (const line of out.stdout.toString().trim().split("\n")) {
    const [i, ns, status] = line.split(" ").map(Number) as [number, number, number];
    if (status !== 0) failures++;
    times[i]!.push(ns / 1e6);
  }
  const direct = median(times[0]!);
  console.log(`\n## warm path (question-preference pass-through, ${warmRounds} interleaved rounds, medians${failures ? `, ${failures} failed runs` : ""})\n`);
  console.log("| what starts | median | p90 | vs direct (the binary, or the no-op) |\n|---|---:|---:|---:|");
  variants.forEach(([name], i) => {
    const s = [...times[i]!].sort((a, b) => a - b);
    const base = i >= 4 ? median(times[4]!) : direct;
    console.log(`| ${name} | ${ms(median(s))} | ${ms(s[Math.floor(s.length * 0.9)]!)} | ${median(s) - base >= 0 ? "+" : ""}${ms(median(s) - base)} |`);
  });
  server.kill();
} finally {
  rmSync(work, { recursive: true, force: true });
}
