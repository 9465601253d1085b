// Runs a hook as a process: real stdin/stdout/stderr, process env and argv. Used by src/main.ts
// (the compiled multi-call binary) and by each hook file's dev mode (`bun run src/hooks/x.ts`).
// Only Bun.stdin / Bun.write / console.error are touched: process.stdout and friends cost 3–12 ms
// each and process.stdout.write + exit truncates at 64 KiB (bun-compile.md §3).
import { NO_JIT } from "./define.ts";
import { readStdin, type StdinLimits } from "./stdin.ts";
import { runHook, type HookIO } from "./run.ts";
import type { HookDefinition } from "./types.ts";

const writeErr = console.error.bind(console);

export function processIO(argv: readonly string[]): HookIO {
  return {
    env: process.env,
    argv,
    cwd: process.cwd(),
    now: () => new Date(),
    readStdin: (limits: StdinLimits) => readStdin(limits),
    write: async (text) => {
      await Bun.write(Bun.stdout, text);
    },
    writeErr: (text) => writeErr(text),
  };
}

/** Runs `def` against this process's stdio and sets the exit code. */
export async function runHookMain(def: HookDefinition, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // The generated hooks.json starts hooks with BUN_JSC_useJIT=0 (src/build/hooks-json.ts). JSC read
  // it at start-up; dropped now, it reaches neither the handler's env nor the hook's children, which
  // start with JSC's defaults (a `bun` script the hook runs may well want its JIT). Children get it
  // only if spawned with an explicit env (kit/subprocess childEnv), as every hookkit spawn is.
  if (process.env[NO_JIT.name] === NO_JIT.value) delete process.env[NO_JIT.name];
  const io = processIO(argv);
  // HOOKKIT_RECORD=<dir> tees real events into replayable fixtures (`hookkit test <dir>`);
  // unset, it costs one env lookup and the recorder is never loaded.
  const recordDir = process.env.HOOKKIT_RECORD;
  const result = recordDir ? await (await import("../cli/record.ts")).runRecorded(def, io, recordDir) : await runHook(def, io);
  // Exit as soon as the answer is out (awaited Bun.write: the bytes are with the OS, nothing is
  // cut off; bun-compile.md §3). Letting the event loop wind down instead costs 1.5–2 ms after a
  // stdin read (Bun tears the pipe reader down through its thread pool), a quarter of Bun's whole
  // start-up; it would also wait on an abandoned stdin read or a runaway handler. Detached
  // children (question-preference's --derive) are unref'd and outlive us either way.
  process.exit(result.exitCode);
}
