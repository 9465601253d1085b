// `hookkit bench`: runs the benchmark in bench/ (owned by the build work) as its own process, so its
// timings are not disturbed by the CLI, with every argument after `bench` passed through.
import { defineCommand } from "citty";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "../errors.ts";
import { log } from "../log.ts";

const ENTRIES = ["bench/index.ts", "bench/run.ts", "bench/bench.ts"];

export default defineCommand({
  meta: { name: "bench", description: "Measure hook start-up against Bun's and the C floor (runs bench/ in this checkout)" },
  args: {
    root: { type: "string", description: "Project root holding bench/ (default: this directory)", valueHint: "dir" },
  },
  async run({ args, rawArgs }) {
    const root = resolve(args.root ?? process.cwd());
    const entry = ENTRIES.map((e) => join(root, e)).find((e) => existsSync(e));
    if (!entry)
      throw new CliError(`no benchmark in ${root} (looked for ${ENTRIES.join(", ")}); run this from a hookkit checkout, or pass --root <dir>`);
    const bun = Bun.which("bun") ?? (/\bbun(\.exe)?$/.test(process.execPath) ? process.execPath : undefined);
    if (!bun) throw new CliError("the benchmark needs Bun on PATH (it compiles and times programs); install Bun, or run `npx bun run bench/...`");
    const passThrough = rawArgs.filter((a, i) => !(a === "--root" || a.startsWith("--root=") || rawArgs[i - 1] === "--root"));
    log.start(`${bun} run ${entry} ${passThrough.join(" ")}`.trim());
    const child = Bun.spawn([bun, "run", entry, ...passThrough], { cwd: root, stdio: ["inherit", "inherit", "inherit"] });
    return await child.exited;
  },
});
