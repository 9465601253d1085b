/**
 * question-preference: PreToolUse on AskUserQuestion. Enforces a gstack user's plan-tune
 * never-ask preferences deterministically — a drop-in for gstack's question-preference-hook.ts
 * that needs no Bun at run time and never answers `defer` (which hangs AskUserQuestion in
 * Desktop, the SDK and -p). How it decides: question-preference/decide.ts; README beside it.
 */
// Start-up matters here (every AskUserQuestion pays it): nothing below loads node:fs, node:path
// or bun:sqlite when the module loads. node:fs, kit/files and the registry's sqlite cache load
// only on the paths that need them (README, "Figures").
import { hookkitStateRoot, envValue } from "../base/state.ts";
import { openCache, peekCache } from "../kit/cache.ts";
import { answer, defineHook, runHookMain, type HookContext } from "../index.ts";
import { isConductor } from "./question-preference/conductor.ts";
import { decide, type AutoDecision } from "./question-preference/decide.ts";
import { ensureSessionCache, loadMemoryNuggets } from "./question-preference/memory.ts";
import { gstackInstallRoot, gstackStateRoot, join, sessionDir } from "./question-preference/paths.ts";
import { loadPreferences } from "./question-preference/preferences.ts";
import { isAskUserQuestion, questionId, questionsOf, questionText } from "./question-preference/questions.ts";
import { deriveBin, logAutoDecisions, startDerive, writeMarker } from "./question-preference/record.ts";
import { loadRegistry, type Registry } from "./question-preference/registry.ts";
import { basenameSlug, projectSlug } from "./question-preference/slug.ts";
import { describeError } from "../base/errors.ts";

interface CallState {
  ctx: HookContext;
  stateRoot: string;
  cwd: string;
  sessionId: string | undefined;
  toolUseId: string | undefined;
  sessionDir: string | undefined;
  slug: string;
}

function registryLoader(ctx: HookContext, gstackRoot: string): () => Registry {
  let registry: Registry | undefined;
  return () => {
    const root = hookkitStateRoot(ctx.env);
    const file = join(root, "question-preference", "cache.sqlite");
    registry ??= loadRegistry(
      join(gstackRoot, "scripts", "question-registry.ts"),
      // Rollback journal: read at every marked question, written only when the registry changes.
      { peek: (key) => peekCache(file, key), open: () => openCache(file, ctx.log, root, { journal: "delete" }) },
      ctx.log,
    );
    return registry;
  };
}

/** Leave the traces gstack's tools expect; each step is best effort and logged on failure. */
function recordAutoDecisions(decisions: AutoDecision[], call: CallState, gstackRoot: string): void {
  const { ctx } = call;
  try {
    writeMarker(call.sessionDir, call.toolUseId, call.stateRoot);
  } catch (e) {
    ctx.log(`markAutoDecided failed: ${describeError(e)}`);
  }
  let written = false;
  try {
    const logFile = join(call.stateRoot, "projects", call.slug, "question-log.jsonl");
    const outcomes = logAutoDecisions(decisions, { logFile, sessionId: call.sessionId, toolUseId: call.toolUseId, now: ctx.now(), root: call.stateRoot });
    for (const o of outcomes) {
      if (o === "written") written = true;
      else if (typeof o === "object") ctx.log(`question-log rejected the auto-decision: ${o.rejected}`);
    }
  } catch (e) {
    ctx.log(`logAutoDecided failed: ${describeError(e)}`);
  }
  if (!written || envValue(ctx.env, "GSTACK_QUESTION_LOG_NO_DERIVE")) return;
  try {
    const bin = deriveBin(gstackRoot);
    if (bin) startDerive(bin, call.cwd, ctx.env);
  } catch (e) {
    ctx.log(`gstack-developer-profile --derive failed to start: ${describeError(e)}`);
  }
}

const hook = defineHook({
  name: "question-preference",
  event: "PreToolUse",
  description: "Enforce gstack plan-tune never-ask preferences on AskUserQuestion",
  matcher: "AskUserQuestion|mcp__.*__AskUserQuestion",
  timeout: 5,
  // gstack's tools read this log; keep its place and tag.
  errorLog: (env) => ({ file: join(gstackStateRoot(env), "hook-errors.log"), tag: "question-preference-hook" }),
  async run(input, ctx) {
    if (!isAskUserQuestion(input.tool_name)) return answer.none();
    const questions = questionsOf(input.tool_input);
    if (!questions.length) return answer.none();

    const stateRoot = gstackStateRoot(ctx.env);
    const gstackRoot = gstackInstallRoot(ctx.env, ctx.argv);
    const cwd = input.cwd || ctx.cwd;
    const session = sessionDir(stateRoot, input.session_id);
    let marked = false;
    for (const q of questions) if (questionId(questionText(q))) marked = true;
    if (!marked) {
      // Nothing to enforce and no memory context (it is keyed by marker ids): the answer is a
      // pass, or Conductor's brief. Only gstack's per-session cache write is kept.
      await ensureSessionCache(stateRoot, session, ctx.now(), ctx.log);
      const decision = decide({ questions, registry: () => ({}), preference: () => undefined, nuggets: [], conductor: isConductor(ctx.env) });
      return decision.kind === "conductor" ? answer.deny(decision.reason) : answer.none();
    }

    const slug = await projectSlug(cwd, stateRoot, envValue(ctx.env, "GSTACK_PROJECT_SLUG"));
    const base = basenameSlug(cwd);
    // Loaded (and the session cache written through) even when nothing is enforced, as gstack does.
    const [nuggets, preferences] = await Promise.all([
      loadMemoryNuggets(stateRoot, session, ctx.now(), ctx.log),
      loadPreferences(stateRoot, base && base !== slug ? [slug, base] : [slug]),
    ]);
    const decision = decide({
      questions,
      registry: registryLoader(ctx, gstackRoot),
      preference: (id) => preferences.lookup(id),
      nuggets,
      conductor: isConductor(ctx.env),
    });
    if (decision.kind === "pass") return (decision.context ? answer.context(decision.context) : answer.none());
    if (decision.kind === "conductor") return answer.deny(decision.reason);
    recordAutoDecisions(decision.decisions, { ctx, stateRoot, cwd, sessionId: input.session_id, toolUseId: input.tool_use_id, sessionDir: session, slug }, gstackRoot);
    return answer.deny(decision.reason);
  },
});

export default hook;

if (import.meta.main) await runHookMain(hook);
