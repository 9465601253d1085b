import { describe, expect, test } from "bun:test";
import { isAskUserQuestion, optionLabels, questionId, questionsOf, recommendedOption, withoutMarker } from "./questions.ts";

describe("tool names", () => {
  test("native and MCP AskUserQuestion match, others do not", () => {
    expect(isAskUserQuestion("AskUserQuestion")).toBe(true);
    expect(isAskUserQuestion("mcp__conductor__AskUserQuestion")).toBe(true);
    expect(isAskUserQuestion("mcp__plugin_x_srv__AskUserQuestion")).toBe(true);
    expect(isAskUserQuestion("mcp____AskUserQuestion")).toBe(false); // server name must be non-empty
    expect(isAskUserQuestion("mcp__srv__AskUserQuestionV2")).toBe(false);
    expect(isAskUserQuestion("askuserquestion")).toBe(false);
    expect(isAskUserQuestion("Bash")).toBe(false);
  });
});

describe("markers", () => {
  test("id is the marker's content, case-insensitive tag, 1..64 kebab chars", () => {
    expect(questionId("<gstack-qid:ship-todos-create> Create?")).toBe("ship-todos-create");
    expect(questionId("Create? <GSTACK-QID:qa-tier>")).toBe("qa-tier");
    expect(questionId("no marker here")).toBeUndefined();
    expect(questionId("<gstack-qid:has space>")).toBeUndefined();
    expect(questionId(`<gstack-qid:${"a".repeat(65)}>`)).toBeUndefined();
  });
  test("withoutMarker removes the marker and trims", () => {
    expect(withoutMarker("<gstack-qid:qa-tier>  Which tier?  ")).toBe("Which tier?");
  });
  test("questionsOf tolerates odd shapes", () => {
    expect(questionsOf(undefined)).toEqual([]);
    expect(questionsOf({ questions: "x" })).toEqual([]);
    expect(questionsOf({ questions: [null, { question: "q" }] })).toEqual([{}, { question: "q" }]);
  });
});

describe("option labels", () => {
  test("string, label, description fallback, junk", () => {
    expect(optionLabels(["A) x", { label: "B) y" }, { description: "C) z" }, { label: "" }, 42, null])).toEqual([
      "A) x",
      "B) y",
      "C) z",
      "",
      "",
      "",
    ]);
    expect(optionLabels("nope")).toEqual([]);
  });
});

describe("recommended option", () => {
  test("one (recommended) label wins, suffix removed, A) prefix kept", () => {
    expect(recommendedOption("q", ["A) Fix now (recommended)", "B) Skip"])).toEqual({ kind: "found", option: "A) Fix now" });
    expect(recommendedOption("q", ["A) Fix now (Recommended)  ", "B) Skip"])).toEqual({ kind: "found", option: "A) Fix now" });
  });
  test("two (recommended) labels are ambiguous, even with prose", () => {
    expect(recommendedOption("Recommendation: A) Fix now", ["A) Fix now (recommended)", "B) Skip (recommended)"])).toEqual({
      kind: "ambiguous",
    });
  });
  test("(recommended) must be a suffix", () => {
    expect(recommendedOption("q", ["A) (recommended) fix", "B) Skip"])).toEqual({ kind: "none" });
  });
  test("prose recommendation matches on its first 12 characters", () => {
    expect(recommendedOption("Fix?\nRecommendation: A) Fix now", ["A) Fix now", "B) Skip"])).toEqual({ kind: "found", option: "A) Fix now" });
    // 12 chars of "A) Fix now because X" is "A) Fix now b", which no label starts with (observed upstream quirk).
    expect(recommendedOption("Recommendation: A) Fix now because X", ["A) Fix now", "B) Skip"])).toEqual({ kind: "none" });
    // Longer labels match when they share the first 12 characters.
    expect(recommendedOption("recommendation: a) fix the bug properly", ["A) Fix the bug properly today", "B) Skip"])).toEqual({
      kind: "found",
      option: "A) Fix the bug properly today",
    });
  });
  test("prose matching more than one label is ambiguous", () => {
    expect(recommendedOption("Recommendation: Deploy to staging", ["Deploy to staging first", "Deploy to staging and prod"])).toEqual({
      kind: "ambiguous",
    });
  });
  test("no recommendation at all, or an empty one, is none", () => {
    expect(recommendedOption("Which one?", ["A", "B"])).toEqual({ kind: "none" });
    // \s* after the colon crosses newlines, as upstream's regex does.
    expect(recommendedOption("Recommendation:\n  Which one", ["Which one", "Other"])).toEqual({ kind: "found", option: "Which one" });
    expect(recommendedOption("Recommendation: \t", ["Only option"])).toEqual({ kind: "none" });
  });
});
