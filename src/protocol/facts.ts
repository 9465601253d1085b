// Protocol facts the hook path needs at run time, in a module that imports nothing: the schema
// modules load TypeBox, which a hook's start must not pay for.

/** Metric keys Claude Code keeps: lower-case snake, at most 40 characters. */
export const METRIC_KEY_PATTERN = "^[a-z][a-z0-9_]{0,39}$";

/**
 * The events on which the capability table and the mod runner count a `block` answer (and a fail-closed
 * failure) as blocking. Claude Code's complete lists, for every event, are BLOCKING_DECISION_EVENTS and
 * EXIT2_BLOCKS in protocol/outputs.ts, which loads TypeBox and so cannot serve the hook path or a mod.
 */
export const BLOCKING_EVENTS: readonly string[] = ["PostToolUse", "UserPromptSubmit", "Stop", "SubagentStop", "PostToolUseFailure"];

/** Claude Code's default timeouts in seconds, for command hooks whose entry gives none. */
export function defaultTimeout(event: string, type = "command"): number {
  if (type === "prompt") return 30;
  if (type === "agent") return 60;
  if (event === "UserPromptSubmit" || event === "PreModelSwitch" || event === "PostModelSwitch") return 30;
  if (event === "MessageDisplay") return 10;
  return 600;
}
