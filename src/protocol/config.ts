// Per-event configuration facts Claude Code enforces (docs/protocol/claude-code.md): which events take
// matchers and on which field, which handler types run, default timeouts. Used by doctor, new, run.
import { HOOK_EVENTS, type HookEventName } from "./inputs.ts";

export const EVENTS: readonly string[] = HOOK_EVENTS;

/** A broken entry under these events disables every hook in the file (observed on Claude Code 2.1.270). */
export const FILE_CRITICAL = new Set(["PreToolUse", "PermissionRequest"]);

/** Events whose matcher is ignored: the hook always fires. */
export const NO_MATCHER = new Set([
  "UserPromptSubmit", "PostToolBatch", "Stop", "TeammateIdle", "TaskCreated", "TaskCompleted",
  "WorktreeCreate", "WorktreeRemove", "MessageDisplay", "CwdChanged",
]);

/** Matchers compared with tool_name; `if` is only evaluated on these. */
export const TOOL_EVENTS = new Set(["PreToolUse", "PostToolUse", "PostToolUseFailure", "PermissionRequest", "PermissionDenied"]);

/** Exact-match only, with a narrower character set. */
export const NARROW_MATCHER = new Set(["FileChanged", "StopFailure"]);

const ALL_TYPES = ["command", "prompt", "agent", "http", "mcp_tool"];
const ALL_TYPE_EVENTS = new Set([
  ...TOOL_EVENTS, "PostToolBatch", "Stop", "SubagentStop", "TaskCompleted", "TaskCreated", "TeammateIdle",
  "UserPromptExpansion", "UserPromptSubmit",
]);

export function handlerTypes(event: string): string[] {
  if (ALL_TYPE_EVENTS.has(event)) return ALL_TYPES;
  if (event === "SessionStart" || event === "Setup") return ["command", "mcp_tool"];
  return ["command", "http", "mcp_tool"];
}

/** The input field a matcher is compared with, for picking a sample event that the matcher selects. */
export const MATCHED_FIELD: Partial<Record<HookEventName, string>> = {
  PreToolUse: "tool_name", PostToolUse: "tool_name", PostToolUseFailure: "tool_name", PermissionRequest: "tool_name",
  PermissionDenied: "tool_name", SessionStart: "source", Setup: "trigger", SessionEnd: "reason",
  Notification: "notification_type", SubagentStart: "agent_type", SubagentStop: "agent_type", PreCompact: "trigger",
  PostCompact: "trigger", ConfigChange: "source", DirectoryAdded: "source", StopFailure: "error",
  InstructionsLoaded: "load_reason", UserPromptExpansion: "command_name", Elicitation: "mcp_server_name",
  ElicitationResult: "mcp_server_name",
};

export { defaultTimeout } from "./facts.ts";
