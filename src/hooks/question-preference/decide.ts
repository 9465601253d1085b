/**
 * The decision tree of gstack's question-preference hook, with the fixes gstack made since, free of I/O:
 * every question of the call must carry a marker, an enforcing preference, a two-way door
 * and exactly one recommended option, or nothing is auto-decided (all-or-nothing per call).
 */
import { conductorReason } from "./conductor.ts";
import { destructiveIntent, type DestructiveCategory } from "./destructive.ts";
import { memoryContext } from "./memory.ts";
import type { PreferenceHit } from "./preferences.ts";
import { optionLabels, type Question, questionId, questionText, recommendedOption, withoutMarker } from "./questions.ts";
import type { Registry, RegistryEntry } from "./registry.ts";

export interface AutoDecision {
  id: string;
  recommended: string;
  /** Question text without the marker, trimmed (the log's question_summary before cutting). */
  summary: string;
  optionsCount: number;
  preferenceSource: PreferenceHit["source"];
}

/** Why a question stopped the call from being auto-decided. */
export type Hold =
  | "no-questions"
  | "no-marker"
  | "no-preference"
  | "always-ask"
  | "one-way"
  | `destructive:${DestructiveCategory}`
  | "ambiguous"
  | "no-recommendation";

export type Decision =
  | { kind: "auto-decide"; reason: string; decisions: AutoDecision[] }
  | { kind: "conductor"; reason: string; hold: Hold }
  | { kind: "pass"; context?: string; hold: Hold };

export interface DecisionInputs {
  questions: Question[];
  registry: () => Registry;
  preference: (id: string) => PreferenceHit | undefined;
  nuggets: unknown[];
  conductor: boolean;
}

export function entryFor(registry: Registry, id: string): RegistryEntry | undefined {
  // Ids such as "constructor" are valid markers; never read them off Object.prototype.
  return Object.hasOwn(registry, id) ? registry[id] : undefined;
}

export function autoDecideLine(d: Pick<AutoDecision, "id" | "recommended">): string {
  return `[plan-tune auto-decide] ${d.id} \u2192 ${d.recommended} (your never-ask preference). Proceed with that option without re-prompting. Change with /plan-tune.`;
}

function judge(q: Question, inputs: DecisionInputs): AutoDecision | Hold {
  const text = questionText(q);
  const id = questionId(text);
  if (!id) return "no-marker";
  const pref = inputs.preference(id);
  if (!pref) return "no-preference";
  if (pref.preference === "always-ask") return "always-ask";
  const entry = entryFor(inputs.registry(), id);
  const summary = withoutMarker(text);
  if (entry?.door_type === "one-way") return "one-way";
  if (!entry) {
    const hit = destructiveIntent(summary);
    if (hit) return `destructive:${hit}`;
  }
  const labels = optionLabels(q.options);
  const rec = recommendedOption(text, labels);
  if (rec.kind === "ambiguous") return "ambiguous";
  if (rec.kind === "none") return "no-recommendation";
  return { id, recommended: rec.option, summary, optionsCount: labels.length, preferenceSource: pref.source };
}

/** Memory context for the call: nuggets of every marked question's signal_key, in question order. */
export function callMemoryContext(questions: Question[], registry: () => Registry, nuggets: unknown[]): string | undefined {
  if (!nuggets.length) return undefined;
  const keys: string[] = [];
  for (const q of questions) {
    const id = questionId(questionText(q));
    const key = id ? entryFor(registry(), id)?.signal_key : undefined;
    if (key) keys.push(key);
  }
  return memoryContext(nuggets, keys);
}

export function decide(inputs: DecisionInputs): Decision {
  // Nothing to ask about: no opinion, and no Conductor brief either (gstack returns early here).
  if (!inputs.questions.length) return { kind: "pass", hold: "no-questions" };
  const decisions: AutoDecision[] = [];
  let hold: Hold | undefined;
  for (const q of inputs.questions) {
    const verdict = judge(q, inputs);
    if (typeof verdict === "string") {
      hold = verdict;
      break;
    }
    decisions.push(verdict);
  }
  if (!hold && decisions.length) {
    // The memory context is not repeated on a deny: the reason already names the answer.
    return { kind: "auto-decide", reason: decisions.map(autoDecideLine).join("\n"), decisions };
  }
  hold ??= "no-marker";
  const context = callMemoryContext(inputs.questions, inputs.registry, inputs.nuggets);
  if (inputs.conductor) return { kind: "conductor", reason: conductorReason(context), hold };
  return { kind: "pass", context, hold };
}
