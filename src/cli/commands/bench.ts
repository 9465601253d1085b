// `hookkit bench`: runs the start-up benchmark (bench/bench.ts, owned by the build work) in its own
// process, so the CLI does not disturb its timings. It needs a hookkit checkout and Bun on PATH.
import { defineCommand } from "citty";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "../errors.ts";
import { log } from "../log.ts";

export default defineCommand({
  meta: { name: "bench", description: "Measure hook start-up against Bun's and the C floor (runs bench/bench.ts)" },
  args: {
    rounds: { type: "string", description: "Measured rounds per variant (bench default)", valueHint: "n" },
    warmup: { type: "string", description: "Warm-up rounds per variant (bench default)", valueHint: "n" },
    out: { type: "string", description: 'Markdown report path (default bench/REPORT.md; "" = do not write)', valueHint: "file" },
    root: { type: "string", description: "hookkit checkout holding bench/ (default: this directory)", valueHint: "dir" },
  },
  async run({ args }) {
    const root = resolve(args.root ?? process.cwd());
    const entry = join(root, "bench", "bench.ts");
    if (!existsSync(entry)) throw new CliError(`no benchmark at ${entry}; run this from a hookkit checkout, or pass --root <dir>`);
    for (const [name, value] of [["rounds", args.rounds], ["warmup", args.warmup]] as const)
      if (value !== undefined && !/^[1-9]\d*$/.test(value)) throw new CliError(`--${name} must be a positive whole number (got "${value}")`);
    const bun = Bun.which("bun") ?? (/\bbun(\.exe)?$/.test(process.execPath) ? process.execPath : undefined);
    if (!bun) throw new CliError("the benchmark needs Bun on PATH (it compiles and times programs); install Bun, or run it with `npx bun run bench/bench.ts`");
    const argv = [bun, "run", entry];
    if (args.rounds) argv.push("--rounds", args.rounds);
    if (args.warmup) argv.push("--warmup", args.warmup);
    if (args.out !== undefined) argv.push("--out", args.out);
    log.start(`benchmarking: ${argv.slice(1).join(" ")} (progress below; this takes a while)`);
    const child = Bun.spawn(argv, { cwd: root, stdio: ["inherit", "inherit", "inherit"] });
    return await child.exited;
  },
});
