/**
 * A native `gstack-question-log`: the exact line gstack's bin would append to
 * `<root>/projects/<slug>/question-log.jsonl` (validation, cuts, injection rejection,
 * dedup, field order as gstack writes them today), without spawning bash + bun.
 * The append goes through ctx.portable.appendLine: in the binary one O_APPEND write of one line, so
 * parallel writers never interleave; in the Claude Code mod a read and a whole rewrite (the host has
 * no append), so two sessions logging at the same instant can lose one of the lines.
 */
import type { Portable } from "hookkit/portable";

export type LogRecord = Record<string, unknown>;

const KEBAB = /^[a-z0-9-]+$/;
const SOURCES = new Set(["agent", "hook", "auq-other", "auto-decided", "codex-import-marker", "codex-import-pattern"]);
const CATEGORIES = new Set(["approval", "clarification", "routing", "cherry-pick", "feedback-loop"]);
const DOOR_TYPES = new Set(["one-way", "two-way"]);
const RECOMMENDED_SUFFIX = /\(recommended\)\s*$/i;
const DEDUP_WINDOW = 100;

// gstack lib/jsonl-store.ts hasInjection, case-insensitive.
const INJECTION_PATTERNS = [
  /ignore\s+(all\s+)?previous\s+(instructions|context|rules)/i,
  /you\s+are\s+now\s+/i,
  /always\s+output\s+no\s+findings/i,
  /skip\s+(all\s+)?(security|review|checks)/i,
  /\boverride\s+(all\s+)?(previous|prior|above|the\s+(rules|instructions|system\s+prompt))/i,
  /\bsystem\s*:/i,
  /\bassistant\s*:/i,
  /\buser\s*:/i,
  /\bhuman\s*:/i,
  /disregard\s+(all\s+)?(previous|above|prior)/i,
  /from\s+now\s+on\b/i,
  /do\s+not\s+(report|flag|mention)/i,
  /approve\s+(all|every|this)/i,
];

export function hasInjection(text: string): boolean {
  return INJECTION_PATTERNS.some((re) => re.test(text));
}

const oneLine = (s: string, max: number) => s.slice(0, max).replace(/\n+/g, " ");
const stripRecommended = (s: string) => s.replace(RECOMMENDED_SUFFIX, "").trim();

/** Validate and normalise a payload like gstack-question-log; an error string means "write nothing". */
export function buildLogRecord(payload: LogRecord, now: Date): { record: LogRecord } | { error: string } {
  const r: LogRecord = { ...payload };
  const str = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : undefined);
  if (!str("skill") || !KEBAB.test(str("skill")!)) return { error: "skill must be kebab-case" };
  const qid = str("question_id");
  if (!qid || !KEBAB.test(qid) || qid.length > 64) return { error: "question_id must be kebab-case, <= 64 chars" };
  if (r.source === undefined) r.source = "agent";
  else if (typeof r.source !== "string" || !SOURCES.has(r.source)) return { error: `invalid source` };
  if (r.tool_use_id !== undefined && (typeof r.tool_use_id !== "string" || r.tool_use_id.length > 128)) {
    return { error: "tool_use_id must be a string <= 128 chars" };
  }
  if (r.free_text !== undefined) {
    if (typeof r.free_text !== "string") return { error: "free_text must be a string" };
    r.free_text = oneLine(r.free_text, 300);
  }
  const summary = str("question_summary");
  if (!summary) return { error: "question_summary required" };
  r.question_summary = oneLine(summary, 200);
  if (hasInjection(r.question_summary as string)) return { error: "question_summary looks like prompt injection" };
  if (r.category !== undefined && !CATEGORIES.has(r.category as string)) return { error: "invalid category" };
  if (r.door_type !== undefined && !DOOR_TYPES.has(r.door_type as string)) return { error: "invalid door_type" };
  if (r.options_count !== undefined) {
    const n = typeof r.options_count === "string" && r.options_count.trim() ? Number(r.options_count) : r.options_count;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 26) return { error: "options_count must be 1..26" };
    r.options_count = n;
  }
  const choice = str("user_choice");
  if (!choice) return { error: "user_choice required" };
  r.user_choice = oneLine(choice, 64);
  if (r.recommended !== undefined) {
    if (typeof r.recommended !== "string") return { error: "recommended must be a string" };
    const recommended = r.recommended.slice(0, 64);
    r.recommended = recommended;
    if (r.user_choice !== "__unknown__") {
      r.followed_recommendation = stripRecommended(r.user_choice as string) === stripRecommended(recommended);
    }
  }
  if (r.session_id !== undefined) {
    if (typeof r.session_id !== "string") return { error: "session_id must be a string" };
    r.session_id = r.session_id.slice(0, 64);
  }
  if (r.ts === undefined) r.ts = now.toISOString();
  return { record: r };
}

/** The last `DEDUP_WINDOW` non-empty lines of the file, or [] when it is absent or unreadable. */
async function lastLines(io: Portable, file: string): Promise<string[]> {
  let text: string | undefined;
  try {
    text = await io.readText(file);
  } catch {
    return [];
  }
  return (text ?? "").split("\n").filter((l) => l.trim()).slice(-DEDUP_WINDOW);
}

export async function isDuplicate(io: Portable, file: string, record: LogRecord): Promise<boolean> {
  if (typeof record.tool_use_id !== "string") return false;
  const key = `${record.source}:${record.tool_use_id}`;
  return (await lastLines(io, file)).some((line) => {
    try {
      const seen = JSON.parse(line) as LogRecord;
      return `${seen.source}:${seen.tool_use_id}` === key;
    } catch {
      return false;
    }
  });
}

export type LogOutcome = "written" | "duplicate" | { rejected: string };

/**
 * Append the payload's line to `file` unless invalid or already logged for this tool_use_id. With
 * `root`, never through a symlink below it that leads outside.
 */
export async function appendQuestionLog(io: Portable, file: string, payload: LogRecord, now: Date, root?: string): Promise<LogOutcome> {
  const built = buildLogRecord(payload, now);
  if ("error" in built) return { rejected: built.error };
  if (await isDuplicate(io, file, built.record)) return "duplicate";
  await io.appendLine(file, JSON.stringify(built.record), root === undefined ? {} : { confineTo: root });
  return "written";
}
