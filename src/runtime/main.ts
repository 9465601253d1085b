// A hook run as a process: real stdin/stdout/stderr, process env and argv. Only Bun.stdin /
// Bun.write / console.error are touched: process.stdout and friends cost milliseconds each to set
// up, and process.stdout.write followed by exit can cut output short (docs/startup-costs.md).
import type { Host } from "./host.ts";
import type { HookIO } from "./run.ts";
import { readStdin, type StdinLimits } from "./stdin.ts";

const writeErr = console.error.bind(console);

export function processIO(argv: readonly string[], host: Host): HookIO {
  return {
    env: process.env,
    argv,
    cwd: process.cwd(),
    host,
    now: () => new Date(),
    readStdin: (limits: StdinLimits) => readStdin(limits),
    write: async (text) => {
      await Bun.write(Bun.stdout, text);
    },
    writeErr: (text) => writeErr(text),
  };
}
