/**
 * Keyword screen for destructive intent, applied to questions whose id is not in gstack's
 * registry (an unregistered id would otherwise default to two-way and could be auto-decided).
 * A hit makes the question one-way: it is always asked. A false positive only costs one
 * prompt, a false negative can auto-approve a deletion, so patterns lean broad.
 * Mirrors gstack's `scripts/one-way-doors.ts` classifyQuestion, widened (infrastructure,
 * credentials and structural changes are one-way too).
 */

export type DestructiveCategory = "removal" | "git" | "infrastructure" | "credentials" | "structure";

const SECRET = String.raw`(?:api[\s_-]?keys?|tokens?|secrets?|credentials?|access[\s_-]?keys?|passwords?)`;

// Word-bounded and case-insensitive. `(?=\s|$)` stands in for \b after a non-word character.
// The first match names the category, so a narrow rule comes before a broad one that also
// matches its text (`kubectl delete` before `delete`); a test checks that none is shadowed.
export const DESTRUCTIVE_PATTERNS: ReadonlyArray<readonly [DestructiveCategory, RegExp]> = [
  ["infrastructure", /\bkubectl\s+delete\b/i],
  ["infrastructure", /\bterraform\s+destroy\b/i],
  ["infrastructure", /\broll[\s-]?back\b/i],
  ["removal", /\brm\s+-(?:rf|fr)\b/i],
  ["removal", /\bdelete\b/i],
  ["removal", /\bremove\s+(?:(?:the|this|that|these|those|all)\s+)?(?:director(?:y|ies)|folders?|files?)\b/i],
  ["removal", /\b(?:wipe|purge|truncate)\b/i],
  ["removal", /\bdrop\s+(?:table|database|schema|index|column)s?\b/i],
  ["git", /\bforce[\s-]?push(?:es|ed|ing)?\b/i],
  ["git", /\bpush\s+(?:-f\b|--force\b)/i],
  ["git", /\breset\s+--hard\b/i],
  ["git", /\bcheckout\s+--(?=\s|$)/i],
  ["git", /\brestore\s+\.(?=\s|$|[?!,;:])/i],
  ["git", /\bclean\s+-[a-z]*f/i],
  ["git", /\bbranch\s+-D\b/i],
  ["credentials", new RegExp(String.raw`\b(?:revoke|reset|rotate)\b[^.?!\n]{0,60}?\b${SECRET}\b`, "i")],
  ["structure", /\barchitect(?:ure|ural)\s+(?:change|fork|shift|decision)s?\b/i],
  ["structure", /\bdata[\s-]?model\s+changes?\b/i],
  ["structure", /\bschema\s+migrations?\b/i],
  ["structure", /\bbreaking\s+changes?\b/i],
];

/** The category of the first destructive pattern the text matches, or undefined. */
export function destructiveIntent(text: string): DestructiveCategory | undefined {
  for (const [category, re] of DESTRUCTIVE_PATTERNS) if (re.test(text)) return category;
  return undefined;
}
