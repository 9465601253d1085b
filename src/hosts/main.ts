// The process entry of a hook: `hookkit <hook> [--host <id>] [args…]` in the compiled binary, or
// `if (import.meta.main) await runHookMain(hook)` in a hook file run from source. It picks the host
// the command names (Claude Code when none), runs the loop against this process's stdio and exits.
import { NO_JIT } from "../runtime/define.ts";
import type { Host } from "../runtime/host.ts";
import { processIO } from "../runtime/main.ts";
import { bunPortable } from "../kit/portable.ts";
import { runHook } from "../runtime/run.ts";
import type { HookDefinition } from "../runtime/types.ts";
import { DEFAULT_HOST, HOST_IDS, isHostId, loadHost } from "./index.ts";

/** Splits a leading `--host <id>` / `--host=<id>` off the hook's arguments. */
export function hostArg(argv: readonly string[]): { host: string; rest: readonly string[] } {
  if (argv[0] === "--host" && argv[1] !== undefined) return { host: argv[1], rest: argv.slice(2) };
  if (argv[0]?.startsWith("--host=")) return { host: argv[0].slice(7), rest: argv.slice(1) };
  return { host: DEFAULT_HOST, rest: argv };
}

/** Runs `def` against this process's stdio and exits with the answer's code. */
export async function runHookMain(def: HookDefinition, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // The generated command starts hooks with BUN_JSC_useJIT=0 (src/hosts/claude/hooks-json.ts). JSC read
  // it at start-up; dropped now, it reaches neither the handler's env nor the hook's children, which
  // start with JSC's defaults. Children get it only if spawned with an explicit env (kit/subprocess
  // childEnv), as every hookkit spawn is.
  if (process.env[NO_JIT.name] === NO_JIT.value) delete process.env[NO_JIT.name];
  const { host: id, rest } = hostArg(argv);
  if (!isHostId(id)) {
    // A command naming a host this binary does not know is a broken install. No answer can be
    // encoded for a host we cannot speak to; exit 2 blocks on every process-hook host.
    console.error(`${def.name}: unknown host "${id}" in the hook's command (this binary knows: ${HOST_IDS.join(", ")})`);
    process.exit(def.failClosed ? 2 : 0);
  }
  const host: Host = await loadHost(id);
  const io = { ...processIO(rest, host), portable: bunPortable };
  // HOOKKIT_RECORD=<dir> tees real events into replayable fixtures (`hookkit test <dir>`);
  // unset, it costs one env lookup and the recorder is never loaded.
  const recordDir = process.env.HOOKKIT_RECORD;
  const result = recordDir ? await (await import("./record.ts")).runRecorded(def, io, recordDir) : await runHook(def, io);
  // Exit as soon as the answer is out (an awaited Bun.write: the bytes are with the OS). Letting the
  // event loop wind down instead costs 1.5–2 ms after a stdin read and would wait on an abandoned
  // stdin read or a runaway handler. Detached children are unref'd and outlive us either way.
  process.exit(result.exitCode);
}
