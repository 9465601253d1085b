import { describe, expect, test } from "bun:test";
import { decide, type DecisionInputs } from "./decide.ts";
import type { Question } from "./questions.ts";
import type { Registry } from "./registry.ts";

const REGISTRY: Registry = {
  "ship-todos-create": { id: "ship-todos-create", door_type: "two-way" },
  "ship-pre-landing-review-fix": { id: "ship-pre-landing-review-fix", door_type: "two-way", signal_key: "code-quality-care" },
  "plan-ceo-review-mode": { id: "plan-ceo-review-mode", door_type: "two-way", signal_key: "scope-appetite" },
  "review-sql-safety": { id: "review-sql-safety", door_type: "one-way", signal_key: "code-quality-care" },
};
const q = (id: string | undefined, text: string, options: string[]): Question => ({
  question: id ? `<gstack-qid:${id}> ${text}` : text,
  options: options.map((label) => ({ label })),
});
const fix = q("ship-pre-landing-review-fix", "Review flagged an issue.", ["A) Fix now (recommended)", "B) Skip"]);
function inputs(over: Partial<DecisionInputs> & { prefs?: Record<string, string> } = {}): DecisionInputs {
  const prefs = over.prefs ?? { "ship-pre-landing-review-fix": "never-ask", "plan-ceo-review-mode": "never-ask", "review-sql-safety": "never-ask" };
  return {
    questions: [fix],
    registry: () => REGISTRY,
    preference: (id) => (prefs[id] ? { preference: prefs[id]!, source: "global" } : undefined),
    nuggets: [],
    conductor: false,
    ...over,
  };
}

describe("decide", () => {
  test("never-ask + two-way + recommendation: auto-decide with the exact reason line", () => {
    const d = decide(inputs());
    expect(d.kind).toBe("auto-decide");
    if (d.kind !== "auto-decide") return;
    expect(d.reason).toBe(
      "[plan-tune auto-decide] ship-pre-landing-review-fix \u2192 A) Fix now (your never-ask preference). Proceed with that option without re-prompting. Change with /plan-tune.",
    );
    expect(d.decisions).toEqual([
      { id: "ship-pre-landing-review-fix", recommended: "A) Fix now", summary: "Review flagged an issue.", optionsCount: 2, preferenceSource: "global" },
    ]);
  });
  test("ask-only-for-one-way and unknown values enforce like never-ask (upstream hook semantics)", () => {
    for (const v of ["ask-only-for-one-way", "bogus"]) {
      expect(decide(inputs({ prefs: { "ship-pre-landing-review-fix": v } })).kind).toBe("auto-decide");
    }
  });
  const holds: Array<[string, Partial<DecisionInputs> & { prefs?: Record<string, string> }, string]> = [
    ["no questions", { questions: [] }, "no-questions"],
    ["unmarked question", { questions: [q(undefined, "Fix?", ["A) Fix (recommended)"])] }, "no-marker"],
    ["no preference", { prefs: {} }, "no-preference"],
    ["always-ask", { prefs: { "ship-pre-landing-review-fix": "always-ask" } }, "always-ask"],
    ["one-way from the registry", { questions: [q("review-sql-safety", "Fix SQL?", ["A) Fix (recommended)", "B) Accept"])] }, "one-way"],
    [
      "one-way from keywords for an unregistered id",
      { questions: [q("cleanup-old-data", "Delete the old exports?", ["A) Yes (recommended)", "B) No"])], prefs: { "cleanup-old-data": "never-ask" } },
      "destructive:removal",
    ],
    ["two (recommended) labels", { questions: [q("ship-pre-landing-review-fix", "x", ["A (recommended)", "B (recommended)"])] }, "ambiguous"],
    ["no recommendation", { questions: [q("ship-pre-landing-review-fix", "x", ["A", "B"])] }, "no-recommendation"],
  ];
  for (const [name, over, hold] of holds) {
    test(`${name}: pass-through (${hold})`, () => {
      const d = decide(inputs(over));
      expect(d).toEqual({ kind: "pass", context: undefined, hold: hold as never });
    });
  }
  test("keywords are not applied to registered two-way ids", () => {
    const d = decide(inputs({ questions: [q("ship-pre-landing-review-fix", "Delete the dead code?", ["A) Yes (recommended)", "B) No"])] }));
    expect(d.kind).toBe("auto-decide");
  });
  test("an unregistered id without destructive words is auto-decided (default two-way)", () => {
    const d = decide(inputs({ questions: [q("custom-q", "Rename the module?", ["A) Yes (recommended)", "B) No"])], prefs: { "custom-q": "never-ask" } }));
    expect(d.kind).toBe("auto-decide");
  });
  test("registry ids never come from Object.prototype", () => {
    const d = decide(inputs({ questions: [q("constructor", "Rename?", ["A) Yes (recommended)"])], prefs: { constructor: "never-ask" } }));
    expect(d.kind).toBe("auto-decide");
  });
  test("multi-question calls are all-or-nothing", () => {
    const mode = q("plan-ceo-review-mode", "Which mode? Recommendation: B) Selective", ["A) Expansion", "B) Selective expansion", "C) Hold"]);
    const all = decide(inputs({ questions: [fix, mode] }));
    expect(all.kind).toBe("auto-decide");
    if (all.kind === "auto-decide") expect(all.reason.split("\n")).toHaveLength(2);
    const mixed = decide(inputs({ questions: [fix, q("ship-todos-create", "Create?", ["A) Yes (recommended)"])] }));
    expect(mixed).toMatchObject({ kind: "pass", hold: "no-preference" });
  });
  test("memory context: question order, 3 per signal, dedup; not added to an auto-decide", () => {
    const nuggets = [
      { nugget: "cq1", applies_to_signal_keys: ["code-quality-care"], applied_at: "2026-01-04" },
      { nugget: "cq2", applies_to_signal_keys: ["code-quality-care"], applied_at: "2026-01-03" },
      { nugget: "shared", applies_to_signal_keys: ["code-quality-care", "scope-appetite"], applied_at: "2026-01-02" },
      { nugget: "cq4", applies_to_signal_keys: ["code-quality-care"], applied_at: "2026-01-01" },
      { nugget: "sa1", applies_to_signal_keys: ["scope-appetite"], applied_at: "2026-02-01" },
    ];
    const mode = q("plan-ceo-review-mode", "Which mode?", ["A", "B"]);
    const d = decide(inputs({ questions: [fix, mode], nuggets }));
    expect(d).toEqual({ kind: "pass", hold: "no-recommendation", context: "[plan-tune memory] Past answers suggest: cq1 | cq2 | shared | sa1" });
    const reversed = decide(inputs({ questions: [mode, fix], nuggets }));
    expect(reversed.kind === "pass" && reversed.context).toBe("[plan-tune memory] Past answers suggest: sa1 | shared | cq1 | cq2");
    const auto = decide(inputs({ nuggets }));
    expect(auto.kind === "auto-decide" && auto.reason.includes("memory")).toBe(false);
  });
  test("Conductor: anything not fully auto-decidable is denied with the prose brief, memory on its own line", () => {
    const nuggets = [{ nugget: "keep scope tight", applies_to_signal_keys: ["code-quality-care"] }];
    const d = decide(inputs({ prefs: {}, conductor: true, nuggets }));
    expect(d.kind).toBe("conductor");
    if (d.kind !== "conductor") return;
    const [brief, memory] = d.reason.split("\n");
    expect(brief).toStartWith("[conductor]");
    for (const phrase of ["Do not call AskUserQuestion", "mcp__*__AskUserQuestion", "prose", "recommendation", "lettered options", "reply with a letter", "stop", "explicit confirmation", "gstack-question-log"]) {
      expect(brief).toContain(phrase);
    }
    expect(memory).toBe("[plan-tune memory] Past answers suggest: keep scope tight");
    const bare = decide(inputs({ prefs: {}, conductor: true }));
    expect(bare.kind === "conductor" && bare.reason).toBe(brief!);
  });
  test("Conductor: a fully auto-decidable call gets the plan-tune deny; no questions stays a pass", () => {
    expect(decide(inputs({ conductor: true })).kind).toBe("auto-decide");
    expect(decide(inputs({ conductor: true, questions: [] })).kind).toBe("pass");
  });
});
