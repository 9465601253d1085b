import { describe, expect, test } from "bun:test";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { HOOK_EVENTS, InputChecks, OutputChecks, checkInput_Unknown, checkAsyncMarker, explainInput } from "./index.ts";
import { GENERATED_DIR, generateValidators } from "./generate.ts";
import { sampleInput } from "./samples.ts";
import { defineHook, answer } from "../runtime/index.ts";
import { invokeHook } from "../testing/invoke.ts";

describe("inputs", () => {
  test("the protocol has all 33 events", () => {
    expect(HOOK_EVENTS).toHaveLength(33);
  });

  test.each(HOOK_EVENTS)("a realistic %s input is accepted, with unknown fields", (event) => {
    const input = { ...sampleInput(event), field_from_a_future_release: { nested: [1, 2] } };
    expect(InputChecks[event]!(input)).toBe(true);
  });

  test.each(HOOK_EVENTS)("%s input without session_id, transcript_path and cwd is accepted", (event) => {
    const { session_id: _s, transcript_path: _t, cwd: _c, ...rest } = sampleInput(event);
    expect(InputChecks[event]!(rest)).toBe(true);
  });

  test.each(["PreToolUse", "PostToolUse", "PermissionRequest"] as const)("%s input without an object tool_input is rejected", (event) => {
    expect(InputChecks[event]!({ ...sampleInput(event), tool_input: "rm -rf /" })).toBe(false);
    const { tool_name: _, ...nameless } = sampleInput(event);
    expect(InputChecks[event]!(nameless)).toBe(false);
  });

  test("an unknown event passes the common-field check", () => {
    expect(checkInput_Unknown({ ...sampleInput("Stop"), hook_event_name: "SomethingNew2027", extra: 1 })).toBe(true);
  });

  test("errors name the field", async () => {
    const bad = { ...sampleInput("PreToolUse"), tool_input: "rm -rf /" };
    expect(await explainInput("PreToolUse", bad)).toContain("/tool_input");
  });

  test("unknown fields reach the handler", async () => {
    let seen: unknown;
    const hook = defineHook({
      name: "keeps-fields",
      event: "PreToolUse",
      stateDir: () => "/nonexistent/hookkit-test",
      run(input) {
        seen = (input as Record<string, unknown>).brand_new;
        return answer.none();
      },
    });
    await invokeHook(hook, { ...sampleInput("PreToolUse"), brand_new: { a: 1 } });
    expect(seen).toEqual({ a: 1 });
  });
});

describe("outputs", () => {
  const pre = OutputChecks.PreToolUse!;
  test("a decision inside hookSpecificOutput is valid", () => {
    expect(pre({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "x" } })).toBe(true);
  });
  test("a flat permissionDecision or top-level additionalContext is refused", () => {
    expect(pre({ permissionDecision: "deny" })).toBe(false);
    expect(pre({ additionalContext: "x" })).toBe(false);
  });
  test("hookEventName must be the hook's own event", () => {
    expect(pre({ hookSpecificOutput: { hookEventName: "PostToolUse", additionalContext: "x" } })).toBe(false);
  });
  test("decision:block only where it means something", () => {
    expect(OutputChecks.Stop!({ decision: "block", reason: "keep going" })).toBe(true);
    expect(OutputChecks.SessionStart!({ decision: "block", reason: "x" })).toBe(false);
  });
  test("metrics: pattern, value types and 20-key cap", () => {
    expect(pre({ metrics: { ok_key: 1, flag: false } })).toBe(true);
    expect(pre({ metrics: { "Bad-Key": 1 } })).toBe(false);
    expect(pre({ metrics: { s: "text" } })).toBe(false);
    expect(pre({ metrics: { n: null } })).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));
    expect(pre({ metrics: many })).toBe(false);
  });
  test("the async marker", () => {
    expect(checkAsyncMarker({ async: true, asyncTimeout: 180000 })).toBe(true);
    expect(checkAsyncMarker({ async: true, asyncTimeout: 0 })).toBe(false);
  });
});

test("the committed validators are up to date with the schemas (run `bun run gen`)", () => {
  const expected = generateValidators();
  const committed = readdirSync(GENERATED_DIR).filter((name) => name.endsWith(".gen.ts"));
  expect(committed.sort()).toEqual([...expected.keys()].sort());
  for (const [name, content] of expected) expect({ name, content: readFileSync(join(GENERATED_DIR, name), "utf8") }).toEqual({ name, content });
});

test("naming a tool in a fixture brings that tool's input, unless the test gives one", () => {
  const ask = sampleInput("PreToolUse", { tool_name: "AskUserQuestion" });
  expect(Array.isArray((ask.tool_input as { questions?: unknown }).questions)).toBe(true);
  expect(sampleInput("PreToolUse", { tool_name: "Edit", tool_input: { x: 1 } }).tool_input).toEqual({ x: 1 });
  expect(sampleInput("SessionStart", { tool_name: "Edit" } as never)).not.toHaveProperty("tool_input");
});
