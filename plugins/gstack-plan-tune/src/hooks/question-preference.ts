/**
 * question-preference: PreToolUse on AskUserQuestion. Enforces a gstack user's plan-tune
 * never-ask preferences deterministically — a drop-in for gstack's question-preference-hook.ts
 * that needs no Bun at run time and never answers `defer` (which hangs AskUserQuestion in
 * Desktop, the SDK and -p). How it decides: question-preference/decide.ts; README beside it.
 */
// Everything outside pure code goes through ctx.portable, so the same source runs as the compiled
// binary and in-process as a Claude Code mod (`hookkit build` says "mod-capable"). Start-up matters
// in the binary (every AskUserQuestion pays it): the portable context loads node:fs only for a write,
// and an unmarked question costs one native stat.
import { answer, defineHook, type HookContext } from "hookkit";
import { describeError, type Portable } from "hookkit/portable";
import { isConductor } from "./question-preference/conductor.ts";
import { decide, type AutoDecision } from "./question-preference/decide.ts";
import { ensureSessionCache, loadMemoryNuggets } from "./question-preference/memory.ts";
import { gstackInstallRoot, gstackStateRoot, join, sessionDir } from "./question-preference/paths.ts";
import { loadPreferences, type PreferenceStore } from "./question-preference/preferences.ts";
import { isAskUserQuestion, questionId, questionsOf, questionText, type Question } from "./question-preference/questions.ts";
import { deriveBin, logAutoDecisions, startDerive, writeMarker } from "./question-preference/record.ts";
import { loadRegistry, type Registry } from "./question-preference/registry.ts";
import { basenameSlug, projectSlug } from "./question-preference/slug.ts";

interface CallState {
  ctx: HookContext;
  io: Portable;
  stateRoot: string;
  cwd: string;
  sessionId: string | undefined;
  toolUseId: string | undefined;
  sessionDir: string | undefined;
  slug: string;
}

/**
 * Whether deciding can consult the registry: a marked question with an enforcing preference (its door
 * type), or nuggets to match (signal keys). Otherwise the registry is not read at all.
 */
function needsRegistry(questions: Question[], preferences: PreferenceStore, nuggets: unknown[]): boolean {
  if (nuggets.length > 0) return true;
  return questions.some((q) => {
    const id = questionId(questionText(q));
    const hit = id ? preferences.lookup(id) : undefined;
    return hit !== undefined && hit.preference !== "always-ask";
  });
}

/** Leave the traces gstack's tools expect; each step is best effort and logged on failure. */
async function recordAutoDecisions(decisions: AutoDecision[], call: CallState, gstackRoot: string): Promise<void> {
  const { ctx, io } = call;
  try {
    await writeMarker(io, call.sessionDir, call.toolUseId, call.stateRoot);
  } catch (e) {
    ctx.log(`markAutoDecided failed: ${describeError(e)}`);
  }
  let written = false;
  try {
    const logFile = join(call.stateRoot, "projects", call.slug, "question-log.jsonl");
    const outcomes = await logAutoDecisions(io, decisions, { logFile, sessionId: call.sessionId, toolUseId: call.toolUseId, now: ctx.now(), root: call.stateRoot });
    for (const o of outcomes) {
      if (o === "written") written = true;
      else if (typeof o === "object") ctx.log(`question-log rejected the auto-decision: ${o.rejected}`);
    }
  } catch (e) {
    ctx.log(`logAutoDecided failed: ${describeError(e)}`);
  }
  if (!written || io.env("GSTACK_QUESTION_LOG_NO_DERIVE")) return;
  try {
    const bin = await deriveBin(io, gstackRoot);
    if (bin) await startDerive(io, bin, call.cwd);
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
  // Only a pass, a deny (auto-decided, or Conductor's brief) or memory context.
  answers: ["deny", "context"],
  // gstack's tools read this log; keep its place and tag.
  errorLog: (vars) => ({ file: join(gstackStateRoot((name) => vars[name] || undefined), "hook-errors.log"), tag: "question-preference-hook" }),
  async run(input, ctx) {
    if (!isAskUserQuestion(input.tool_name)) return answer.none();
    const questions = questionsOf(input.tool_input);
    if (!questions.length) return answer.none();

    const io = ctx.portable;
    const env = io.env;
    const stateRoot = gstackStateRoot(env);
    const cwd = input.cwd || ctx.cwd;
    const session = sessionDir(stateRoot, input.session_id);
    const conductor = isConductor({ CONDUCTOR_WORKSPACE_PATH: env("CONDUCTOR_WORKSPACE_PATH"), CONDUCTOR_PORT: env("CONDUCTOR_PORT") });
    let marked = false;
    for (const q of questions) if (questionId(questionText(q))) marked = true;
    if (!marked) {
      // Nothing to enforce and no memory context (it is keyed by marker ids): the answer is a
      // pass, or Conductor's brief. Only gstack's per-session cache write is kept.
      await ensureSessionCache(io, stateRoot, session, ctx.now(), ctx.log);
      const decision = decide({ questions, registry: () => ({}), preference: () => undefined, nuggets: [], conductor });
      return decision.kind === "conductor" ? answer.deny(decision.reason) : answer.none();
    }

    const gstackRoot = gstackInstallRoot(env, ctx.argv);
    const slug = await projectSlug(io, cwd, stateRoot, env("GSTACK_PROJECT_SLUG"));
    const base = basenameSlug(cwd);
    // Loaded (and the session cache written through) even when nothing is enforced, as gstack does.
    const [nuggets, preferences] = await Promise.all([
      loadMemoryNuggets(io, stateRoot, session, ctx.now(), ctx.log),
      loadPreferences(io, stateRoot, base && base !== slug ? [slug, base] : [slug]),
    ]);
    const registry: Registry = needsRegistry(questions, preferences, nuggets) ? await loadRegistry(io, join(gstackRoot, "scripts", "question-registry.ts"), ctx.log) : {};
    const decision = decide({
      questions,
      registry: () => registry,
      preference: (id) => preferences.lookup(id),
      nuggets,
      conductor,
    });
    if (decision.kind === "pass") return decision.context ? answer.context(decision.context) : answer.none();
    if (decision.kind === "conductor") return answer.deny(decision.reason);
    await recordAutoDecisions(decision.decisions, { ctx, io, stateRoot, cwd, sessionId: input.session_id, toolUseId: input.tool_use_id, sessionDir: session, slug }, gstackRoot);
    return answer.deny(decision.reason);
  },
});

export default hook;
