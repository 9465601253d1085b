// Compile-time checks of the answer types, run by test/types/typecheck.test.ts with tsc. Each
// `@ts-expect-error` must meet an error: if a wrong answer started to compile, tsc would report the
// directive as unused and the test would fail.
import { answer, defineHook } from "../../src/index.ts";

// Right answers on the right events compile.
defineHook({ name: "t-deny", event: "PreToolUse", run: () => answer.deny("no") });
defineHook({ name: "t-ask", event: "PreToolUse", run: () => answer.ask("sure?") });
defineHook({ name: "t-allow", event: "PermissionRequest", run: () => answer.allow() });
defineHook({ name: "t-context", event: "SessionStart", run: () => answer.context("hello") });
defineHook({ name: "t-block", event: "Stop", run: () => answer.block("keep going") });
defineHook({ name: "t-none", event: "SessionEnd", run: () => answer.none() });
defineHook({
  name: "t-native",
  event: "PreToolUse",
  run: () => answer.json("PreToolUse", { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny" } }),
});

// A decision on an event that takes none.
// @ts-expect-error deny is not an answer on SessionStart
defineHook({ name: "t-wrong-deny", event: "SessionStart", run: () => answer.deny("no") });
// @ts-expect-error ask exists on PreToolUse only
defineHook({ name: "t-wrong-ask", event: "PermissionRequest", run: () => answer.ask("sure?") });
// @ts-expect-error Stop takes no permission decision
defineHook({ name: "t-wrong-allow", event: "Stop", run: () => answer.allow() });
// @ts-expect-error SessionEnd takes no additionalContext
defineHook({ name: "t-wrong-context", event: "SessionEnd", run: () => answer.context("late") });
// @ts-expect-error SessionStart cannot block
defineHook({ name: "t-wrong-block", event: "SessionStart", run: () => answer.block("no") });
// @ts-expect-error a PreToolUse answer given in a Stop hook
defineHook({ name: "t-wrong-native", event: "Stop", run: () => answer.json("PreToolUse", {}) });

// Misspelled or misplaced output fields.
answer.json("PreToolUse", {
  // @ts-expect-error permisionDecision is a typo
  hookSpecificOutput: { hookEventName: "PreToolUse", permisionDecision: "deny" },
});
// @ts-expect-error a flat permissionDecision is silently dropped by the host
answer.json("PreToolUse", { permissionDecision: "deny" });
// @ts-expect-error the hookEventName must be the event the answer is for
answer.json("PreToolUse", { hookSpecificOutput: { hookEventName: "Stop" } });
// @ts-expect-error SessionStart has no decision field
answer.json("SessionStart", { decision: "block" });
