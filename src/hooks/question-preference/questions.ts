/**
 * Reading an AskUserQuestion call: question ids (the `<gstack-qid:…>` marker), option
 * labels and the recommended option, exactly as gstack's plan-tune hook reads them.
 */

export interface Question {
  question?: unknown;
  options?: unknown;
}

const MARKER_RE = /<gstack-qid:([a-z0-9-]{1,64})>/i;
const RECOMMENDED_LABEL_RE = /\(recommended\)\s*$/i;
const RECOMMENDATION_PROSE_RE = /Recommendation:\s*([^\n]+)/i;
/** gstack compares only this many leading characters of the prose recommendation (quirk kept). */
const PROSE_PREFIX = 12;
const MCP_ASK_RE = /^mcp__.+__AskUserQuestion$/;

export function isAskUserQuestion(toolName: string): boolean {
  return toolName === "AskUserQuestion" || MCP_ASK_RE.test(toolName);
}

/** The questions array of a tool_input, tolerating any shape (non-objects become empty questions). */
export function questionsOf(toolInput: unknown): Question[] {
  const list = (toolInput as { questions?: unknown } | undefined)?.questions;
  if (!Array.isArray(list)) return [];
  // A loop, not map(): every call comes through here, and map's first call is compiled in every process (docs/startup-costs.md).
  const questions: Question[] = [];
  for (let i = 0; i < list.length; i++) {
    const q: unknown = list[i];
    questions.push(q && typeof q === "object" ? (q as Question) : {});
  }
  return questions;
}

export function questionText(q: Question): string {
  return typeof q.question === "string" ? q.question : "";
}

/** The question id from the marker; unmarked questions are never enforced (gstack D18). */
export function questionId(text: string): string | undefined {
  return text.match(MARKER_RE)?.[1];
}

/** The question text without its marker, trimmed: what the log summary and keyword screen see. */
export function withoutMarker(text: string): string {
  return text.replace(MARKER_RE, "").trim();
}

/** An option is a string or `{label, description}`; its label is `label || description || ""`. */
export function optionLabels(options: unknown): string[] {
  if (!Array.isArray(options)) return [];
  return options.map((o) => {
    if (typeof o === "string") return o;
    if (!o || typeof o !== "object") return "";
    const { label, description } = o as { label?: unknown; description?: unknown };
    if (typeof label === "string" && label) return label;
    return typeof description === "string" ? description : "";
  });
}

export type Recommendation =
  | { kind: "found"; option: string }
  | { kind: "ambiguous" }
  | { kind: "none" };

/**
 * First an option label ending in `(recommended)` (suffix removed, `A) ` prefix kept);
 * else `Recommendation: X` in the question text, matched case-insensitively on its first
 * 12 characters against the start of each label. More than one match is ambiguous.
 */
export function recommendedOption(text: string, labels: string[]): Recommendation {
  const tagged = labels.filter((l) => RECOMMENDED_LABEL_RE.test(l));
  if (tagged.length === 1) return { kind: "found", option: tagged[0]!.replace(RECOMMENDED_LABEL_RE, "").trim() };
  if (tagged.length > 1) return { kind: "ambiguous" };
  const phrase = text.match(RECOMMENDATION_PROSE_RE)?.[1]?.trim();
  // An empty phrase would prefix-match every label; the original then picked a lone option.
  if (!phrase) return { kind: "none" };
  const prefix = phrase.toLowerCase().slice(0, PROSE_PREFIX);
  const matches = labels.filter((l) => l.toLowerCase().startsWith(prefix));
  if (matches.length === 1) return { kind: "found", option: matches[0]! };
  return matches.length > 1 ? { kind: "ambiguous" } : { kind: "none" };
}
