// ensure-python: SessionStart bootstrap that makes a Python package importable for later hooks,
// building a venv when needed, and reports the outcome as integer telemetry. A drop-in for
// security-guidance's sg-python.sh + ensure_agent_sdk.py (defaults reproduce it); generic by
// flags/env. Details, configuration and the code table: ./ensure-python/README.md.
import { answer, defineHook, runHookMain } from "../index.ts";
import { envValue, expandHome } from "../base/state.ts";
import { bootstrap, excName, type BootstrapResult } from "./ensure-python/bootstrap.ts";
import { encodeErr, encodePhase, OUTCOME } from "./ensure-python/codes.ts";
import { loadConfig, readPluginVersion, securityStateDir } from "./ensure-python/config.ts";
import { joinFor } from "../kit/venv.ts";
import { describeError } from "../base/errors.ts";

/** The host's async budget; venv (60 s) + pip (120 s) fit in it, as in the seed. */
export const ASYNC_TIMEOUT_MS = 180_000;
// Leave time to print the answer before the host's async timeout.
const ANSWER_MARGIN_MS = 2_000;

function logDir(env: Record<string, string | undefined>): string {
  const explicit = envValue(env, "ENSURE_PYTHON_STATE_DIR");
  return explicit ? expandHome(explicit, env) : securityStateDir(env);
}

const hook = defineHook({
  name: "ensure-python",
  event: "SessionStart",
  description: "Make a Python package importable for later hooks (venv + pip when needed); integer telemetry.",
  timeout: 180,
  stdin: "none",
  // The log sits beside the venv, where a user debugging the bootstrap looks first.
  errorLog: (env) => ({ file: joinFor(process.platform, logDir(env), "ensure-python.log"), tag: "ensure-python" }),
  async run(_input, ctx) {
    // First line, flushed before any work: the host backgrounds us and moves on.
    await ctx.startAsync(ASYNC_TIMEOUT_MS);
    const t0 = performance.now();
    const config = loadConfig([...ctx.argv], ctx.env);
    for (const w of config.warnings) ctx.log(w);
    // Never run a step past the host's budget: a killed step still yields a coded answer.
    config.deadline = Math.min(ctx.deadline, Date.now() + ASYNC_TIMEOUT_MS) - ANSWER_MARGIN_MS;

    let result: BootstrapResult;
    try {
      result = await bootstrap(config, { env: ctx.env, cwd: ctx.cwd, now: () => ctx.now(), log: (m) => ctx.log(m) });
    } catch (error) {
      ctx.log(`bootstrap crashed: ${describeError(error, { stack: true })}`);
      result = { outcome: OUTCOME.BUILD_FAILED, phase: "main", kind: excName(error), pv: await readPluginVersion(config.pluginJson) };
    }

    // Key order matters: the host keeps the first N keys.
    const p = config.metricPrefix;
    ctx.metrics.set(p, result.outcome);
    ctx.metrics.set(`${p}_ms`, Math.round(performance.now() - t0));
    if (result.kind) {
      ctx.metrics.set(`${p}_phase`, encodePhase(result.phase || "pre"));
      ctx.metrics.set(`${p}_err`, encodeErr(result.kind));
    }
    if (result.pv) ctx.metrics.set("pv", result.pv);

    if (!result.notice) return answer.none();
    return answer.context(result.notice, { message: result.notice });
  },
});

export default hook;

if (import.meta.main) await runHookMain(hook);
