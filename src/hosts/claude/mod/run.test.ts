// The mod runner's pure parts: a command hook's matcher as Claude Code applies it, and each answer as the
// host's classic.PreToolUse result. (Its calls into the host are exercised in real sessions: test/mods/.)
import { describe, expect, test } from "bun:test";
import { answer } from "../../../runtime/answer.ts";
import { matchesTool, toPreToolUseResult } from "./run.ts";

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
});
