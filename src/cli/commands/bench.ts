// `hookkit bench`: how long each of the project's hooks takes to answer, started as Claude Code starts it
// (the generated hooks.json command, through /bin/sh, from the compiled binary for this machine). Rounds
// are interleaved across hooks so a busy moment on the machine spreads over all of them; the binary's
// `--version` (a start that runs no hook) is the floor every hook pays. hookkit's own start-up study,
// against Bun's and the C floor, is bench/bench.ts in hookkit's repository.
import { defineCommand } from "citty";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProject, hooksJsonHandler, runBuiltHook } from "../../build/project-build.ts";
import { spawnHook } from "../../runtime/spawn.ts";
import { CliError } from "../errors.ts";
import { currentProject } from "../hooks.ts";
import { log } from "../log.ts";
import { sampleFor } from "../sample.ts";
import { renderTable } from "../table.ts";
import { hostTarget } from "../../build/targets.ts";

const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(value)) throw new CliError(`--${name} must be a positive whole number (got "${value}")`);
  return Number(value);
};

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export default defineCommand({
  meta: { name: "bench", description: "Time each of the project's hooks as its compiled binary answers a sample event" },
  args: {
    rounds: { type: "string", description: "Measured rounds per hook (default 20)", valueHint: "n" },
    warmup: { type: "string", description: "Unmeasured rounds first (default 3)", valueHint: "n" },
    json: { type: "boolean", description: "Print the figures as JSON on stdout" },
  },
  async run({ args }) {
    const project = currentProject();
    const rounds = positive("rounds", args.rounds, 20);
    const warmup = positive("warmup", args.warmup, 3);
    const names = Object.keys(project.hooks);
    if (names.length === 0) throw new CliError("the project has no hooks to time; add one with `hookkit new <name> --event <Event>`");
    log.start(`building ${project.name} for this machine`);
    const build = await buildProject(project.root);
    const state = mkdtempSync(join(tmpdir(), "hookkit-bench-"));
    const env = { ...process.env, HOOKKIT_STATE_DIR: join(state, "state"), HOME: join(state, "home") };
    const own = readdirSync(join(build.pluginDir, "bin")).find((n) => n.endsWith(`-${hostTarget().name}`));
    if (!own) throw new CliError(`the build has no binary for ${hostTarget().name} in ${join(build.pluginDir, "bin")}`);
    const binary = join(build.pluginDir, "bin", own);
    const times = new Map<string, number[]>([["(floor: the binary's --version)", []], ...names.map((n): [string, number[]] => [n, []])]);
    try {
      const inputs = new Map(names.map((n) => {
        const handler = hooksJsonHandler(build, n);
        const matcher = build.hooksJson.hooks[handler.event]?.find((g) => g.hooks.some((h) => h.command === handler.command))?.matcher;
        return [n, `${JSON.stringify(sampleFor(handler.event, matcher, project.root))}\n`];
      }));
      log.start(`${warmup} warm-up and ${rounds} measured rounds per hook`);
      for (let round = 0; round < warmup + rounds; round++) {
        const floor = await spawnHook([binary, "--version"], "", { env });
        if (round >= warmup) times.get("(floor: the binary's --version)")!.push(floor.ms);
        for (const name of names) {
          const run = await runBuiltHook(build, name, inputs.get(name)!, { env, cwd: project.root });
          if (run.timedOut) throw new CliError(`${name} did not answer its sample event within its timeout; try \`hookkit run ${name}\``);
          if (round >= warmup) times.get(name)!.push(run.ms);
        }
      }
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
    const rows = [...times].map(([name, ms]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return { hook: name, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), rounds: sorted.length };
    });
    if (args.json) console.log(JSON.stringify({ project: project.name, rounds, rows }, null, 2));
    else {
      const table = rows.map((r) => [r.hook, `${r.median.toFixed(1)} ms`, `${r.p90.toFixed(1)} ms`]);
      console.error(renderTable(["hook", "median", "p90"], table, process.stderr.columns ?? 0));
      log.info("whole-process times through /bin/sh as hooks.json starts them, stdin piped; compare hooks within one run");
    }
    return 0;
  },
});
