// The mod runner's pure parts: a command hook's matcher as Claude Code applies it, and each answer as the
// host's result on classic.PreToolUse and the other classic events. (Its calls into the host are exercised in real sessions: test/mods/.)
import { describe, expect, test } from "bun:test";
import { answer } from "../../../runtime/answer.ts";
import { matchesTool, toClassicResult, toPreToolUseResult } from "./run.ts";

describe("mod runner", () => {
  test("matchers: exact names, a regex, none", () => {
    expect(matchesTool("Bash", "Bash")).toBe(true);
    expect(matchesTool("Bash", "BashOutput")).toBe(false);
    expect(matchesTool("Edit|Write", "Write")).toBe(true);
    expect(matchesTool("AskUserQuestion|mcp__.*__AskUserQuestion", "mcp__s__AskUserQuestion")).toBe(true);
    expect(matchesTool("AskUserQuestion|mcp__.*__AskUserQuestion", "Bash")).toBe(false);
    expect(matchesTool(undefined, "Anything")).toBe(true);
    expect(matchesTool("*", "Anything")).toBe(true);
  });

  test("answers become the host's result; no opinion is undefined (the call passes on)", () => {
    expect(toPreToolUseResult(answer.deny("no", { context: "why" }))).toEqual({ deny: "no", additionalContext: ["why"] });
    expect(toPreToolUseResult(answer.ask("sure?"))).toEqual({ ask: "sure?" });
    expect(toPreToolUseResult(answer.allow({ updatedInput: { command: "ls -la" } }))).toEqual({ allow: true, updatedInput: { command: "ls -la" } });
    expect(toPreToolUseResult(answer.context("note"))).toEqual({ additionalContext: ["note"] });
    expect(toPreToolUseResult(answer.json("PreToolUse", { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "native" } }))).toEqual({ deny: "native" });
    expect(toPreToolUseResult(answer.blockByExit("stop"))).toEqual({ deny: "stop" });
    expect(toPreToolUseResult(answer.message("for the user only"))).toBeUndefined();
    expect(toPreToolUseResult(answer.none())).toBeUndefined();
    expect(toPreToolUseResult(undefined)).toBeUndefined();
  });

  test("on the other classic events: context, block, exit 2 where the event can block, and native output", () => {
    expect(toClassicResult("SessionStart", answer.context("note"))).toEqual({ additionalContext: ["note"] });
    expect(toClassicResult("Stop", answer.block("go on"))).toEqual({ block: "go on" });
    expect(toClassicResult("UserPromptSubmit", answer.blockByExit("no"))).toEqual({ block: "no" });
    // Exit 2 on SessionStart only shows the line to the user: no opinion for the model.
    expect(toClassicResult("SessionStart", answer.blockByExit("shown"))).toBeUndefined();
    expect(toClassicResult("Stop", answer.json("Stop", { decision: "block", reason: "native" }))).toEqual({ block: "native" });
    expect(toClassicResult("Stop", answer.json("Stop", { continue: false, stopReason: "done" }))).toEqual({ preventContinuation: true, stopReason: "done" });
    expect(toClassicResult("PostToolUse", answer.json("PostToolUse", { hookSpecificOutput: { hookEventName: "PostToolUse", additionalContext: "n" } }))).toEqual({ additionalContext: ["n"] });
    expect(toClassicResult("Stop", answer.none())).toBeUndefined();
  });
});
