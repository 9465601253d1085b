// Input schemas for every hook event, in Claude Code's vocabulary (docs/protocol/claude-code.md). The schemas are the single source of
// truth: static types come from them (Static<>), and src/protocol/validators.gen.ts is generated
// from them at build time (no eval at run time).
//
// Tolerance is deliberate: Claude Code adds input fields every few releases and widens enums
// (notification types, sources), so objects accept unknown properties and enum-like fields are
// plain strings whose known values are listed in `description`.
import { Type, type TSchema, type TObject, type TProperties, type Static } from "@sinclair/typebox";

const S = Type.String();
const Opt = Type.Optional;
const known = (values: string) => Type.String({ description: `known values: ${values}` });
const AnyObject = Type.Record(Type.String(), Type.Unknown());

export const McpServer = Type.Object({ name: S, source: S });

/**
 * Fields every Claude Code event carries. All optional: other hosts and the test suites of the hooks
 * hookkit replaces send payloads without some of them, and a hook must still answer (a field of the
 * wrong type is dropped by the host adapter, not fatal). `hook_event_name` is filled in from the
 * hook's own event when a payload lacks it.
 */
export const CommonFields = {
  session_id: Opt(S),
  transcript_path: Opt(S),
  cwd: Opt(S),
  hook_event_name: S,
  prompt_id: Opt(S),
  permission_mode: Opt(known("default, plan, acceptEdits, auto, dontAsk, bypassPermissions")),
  agent_id: Opt(S),
  agent_type: Opt(S),
  effort: Opt(Type.Object({ level: S })),
  scratchpad_dir: Opt(S),
};

function event<N extends string, P extends TProperties>(name: N, props: P) {
  return Type.Object({ ...CommonFields, hook_event_name: Type.Literal(name), ...props }, { $id: `${name}Input` });
}

/** What a tool hook cannot work without: the tool's name and an object input. */
const ToolFields = { tool_name: S, tool_input: AnyObject };
const BackgroundTask = Type.Object({ id: S, type: S, status: S, description: S });
const SessionCron = Type.Object({ id: S, schedule: S, recurring: Type.Boolean(), prompt: S });
const TaskFields = {
  task_id: S,
  task_subject: S,
  task_description: Opt(S),
  teammate_name: Opt(S),
  team_name: Opt(S),
};
const ModelSwitchFields = {
  from_model: S,
  to_model: S,
  requested_model: Type.Union([S, Type.Null()]),
  source: known("command, picker, sdk (PostModelSwitch also auto, resume)"),
  context_tokens: Type.Number(),
  prompt_cache_warm: Type.Boolean(),
  cache_ttl: S,
  estimated_cache_write_usd: Type.Number(),
  pricing: S,
};
const PermissionUpdate = AnyObject; // a union of rule updates; passed through untouched, so only its object shape is checked

export const InputSchemas = {
  PreToolUse: event("PreToolUse", { ...ToolFields, tool_use_id: Opt(S), mcp_server: Opt(McpServer) }),
  PostToolUse: event("PostToolUse", {
    ...ToolFields,
    tool_response: Type.Unknown(),
    tool_use_id: Opt(S),
    duration_ms: Opt(Type.Number()),
    mcp_server: Opt(McpServer),
  }),
  PostToolUseFailure: event("PostToolUseFailure", {
    ...ToolFields,
    tool_use_id: Opt(S),
    error: S,
    is_interrupt: Opt(Type.Boolean()),
    duration_ms: Opt(Type.Number()),
    mcp_server: Opt(McpServer),
  }),
  PostToolBatch: event("PostToolBatch", {
    tool_calls: Type.Array(
      Type.Object({ tool_name: S, tool_input: AnyObject, tool_use_id: S, tool_response: Opt(Type.Unknown()) }),
    ),
  }),
  Notification: event("Notification", { message: S, title: Opt(S), notification_type: S }),
  UserPromptSubmit: event("UserPromptSubmit", {
    prompt: S,
    source: Opt(known("user, sdk, system, loop_wakeup, schedule_wakeup, poll_event")),
    session_title: Opt(S),
  }),
  UserPromptExpansion: event("UserPromptExpansion", {
    expansion_type: known("slash_command, mcp_prompt"),
    command_name: S,
    command_args: S,
    command_source: Opt(S),
    prompt: S,
  }),
  SessionStart: event("SessionStart", {
    source: known("startup, resume, clear, compact, fork"),
    model: Opt(S),
    session_title: Opt(S),
    seconds_since_last_response: Opt(Type.Number()),
    context_tokens: Opt(Type.Number()),
    prompt_cache_likely_expired: Opt(Type.Boolean()),
    estimated_cache_write_usd: Opt(Type.Number()),
  }),
  SessionEnd: event("SessionEnd", { reason: known("clear, resume, logout, prompt_input_exit, other") }),
  Stop: event("Stop", {
    stop_hook_active: Type.Boolean(),
    last_assistant_message: Opt(S),
    background_tasks: Opt(Type.Array(BackgroundTask)),
    session_crons: Opt(Type.Array(SessionCron)),
  }),
  StopFailure: event("StopFailure", {
    error: known("authentication_failed, rate_limit, overloaded, server_error, unknown, max_output_tokens, …"),
    error_details: Opt(Type.Unknown()),
    last_assistant_message: Opt(S),
  }),
  SubagentStart: event("SubagentStart", { agent_id: S, agent_type: S }),
  SubagentStop: event("SubagentStop", {
    stop_hook_active: Type.Boolean(),
    agent_id: S,
    agent_type: S,
    agent_transcript_path: S,
    last_assistant_message: Opt(S),
    background_tasks: Opt(Type.Array(BackgroundTask)),
    session_crons: Opt(Type.Array(SessionCron)),
  }),
  PreCompact: event("PreCompact", {
    trigger: known("manual, auto"),
    custom_instructions: Type.Union([S, Type.Null()]),
  }),
  PostCompact: event("PostCompact", { trigger: known("manual, auto"), compact_summary: S }),
  PreModelSwitch: event("PreModelSwitch", ModelSwitchFields),
  PostModelSwitch: event("PostModelSwitch", ModelSwitchFields),
  PermissionRequest: event("PermissionRequest", {
    ...ToolFields,
    permission_suggestions: Opt(Type.Array(PermissionUpdate)),
    mcp_server: Opt(McpServer),
  }),
  PermissionDenied: event("PermissionDenied", { ...ToolFields, tool_use_id: Opt(S), reason: S, mcp_server: Opt(McpServer) }),
  Setup: event("Setup", { trigger: known("init, maintenance") }),
  TeammateIdle: event("TeammateIdle", { teammate_name: S, team_name: Opt(S) }),
  TaskCreated: event("TaskCreated", TaskFields),
  TaskCompleted: event("TaskCompleted", TaskFields),
  Elicitation: event("Elicitation", {
    mcp_server_name: S,
    message: S,
    mode: Opt(known("form, url")),
    url: Opt(S),
    elicitation_id: Opt(S),
    requested_schema: Opt(AnyObject),
  }),
  ElicitationResult: event("ElicitationResult", {
    mcp_server_name: S,
    elicitation_id: Opt(S),
    mode: Opt(S),
    action: known("accept, decline, cancel"),
    content: Opt(AnyObject),
  }),
  ConfigChange: event("ConfigChange", {
    source: known("user_settings, project_settings, local_settings, policy_settings, skills"),
    file_path: Opt(S),
  }),
  WorktreeCreate: event("WorktreeCreate", { name: S }),
  WorktreeRemove: event("WorktreeRemove", { worktree_path: S }),
  InstructionsLoaded: event("InstructionsLoaded", {
    file_path: S,
    memory_type: known("User, Project, Local, Managed"),
    load_reason: known("session_start, nested_traversal, path_glob_match, include, compact"),
    globs: Opt(Type.Array(S)),
    trigger_file_path: Opt(S),
    parent_file_path: Opt(S),
  }),
  CwdChanged: event("CwdChanged", { old_cwd: S, new_cwd: S }),
  FileChanged: event("FileChanged", { file_path: S, event: known("change, add, unlink") }),
  DirectoryAdded: event("DirectoryAdded", { directory: S, source: S }),
  MessageDisplay: event("MessageDisplay", {
    turn_id: S,
    message_id: S,
    index: Type.Number(),
    final: Type.Boolean(),
    delta: S,
  }),
} satisfies Record<string, TObject>;

export type HookEventName = keyof typeof InputSchemas;
export const HOOK_EVENTS = Object.keys(InputSchemas) as HookEventName[];
export type HookInput<E extends HookEventName = HookEventName> = Static<(typeof InputSchemas)[E]>;

/** An event this toolkit does not know yet: only the common fields are checked. */
export const UnknownEventInput = Type.Object(CommonFields, { $id: "UnknownEventInput" });

export function isHookEventName(name: unknown): name is HookEventName {
  return typeof name === "string" && Object.hasOwn(InputSchemas, name);
}

export type { TSchema };
