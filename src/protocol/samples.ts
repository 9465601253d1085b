// Realistic sample inputs for every event, shaped like captures from Claude Code
// (docs/protocol/claude-code.md). Tests override only what they care about: fixtures.preToolUse({ tool_name: "Bash" }).
import type { HookEventName, HookInput } from "./index.ts";

const SESSION = "6f1c2a9e-3b7d-4c55-9a0e-5d2b8f4e7a10";

function common(event: HookEventName, cwd = process.cwd()) {
  return {
    session_id: SESSION,
    transcript_path: `/home/dev/.claude/projects/-home-dev-app/${SESSION}.jsonl`,
    cwd,
    hook_event_name: event,
  };
}

const toolTurn = { permission_mode: "default", prompt_id: "b3f0c1d2-8a7e-4f61-9c3b-2e1d0a9f8e7d" };
const bash = { tool_name: "Bash", tool_input: { command: "npm test", description: "Run the tests" } };
const modelSwitch = {
  from_model: "claude-sonnet-4-5",
  to_model: "claude-opus-4-1",
  requested_model: "opus",
  source: "command",
  context_tokens: 48211,
  prompt_cache_warm: true,
  cache_ttl: "5m",
  estimated_cache_write_usd: 0.36,
  pricing: "catalog",
};
const task = { task_id: "task-7", task_subject: "Write the parser", task_description: "Parse hooks.json", teammate_name: "ana" };

/** Event-specific defaults; common fields are added by `sampleInput`. */
export const SAMPLE_FIELDS: { [E in HookEventName]: Record<string, unknown> } = {
  PreToolUse: { ...toolTurn, ...bash, tool_use_id: "toolu_01ABCdefGHIjklMNOpqrSTU" },
  PostToolUse: {
    ...toolTurn,
    ...bash,
    tool_use_id: "toolu_01ABCdefGHIjklMNOpqrSTU",
    tool_response: { stdout: "42 passed", stderr: "", interrupted: false, isImage: false },
    duration_ms: 1834,
  },
  PostToolUseFailure: { ...toolTurn, ...bash, tool_use_id: "toolu_01Fail", error: "Exit code 1\nnpm ERR! test failed", is_interrupt: false },
  PostToolBatch: {
    ...toolTurn,
    tool_calls: [
      { tool_name: "Read", tool_input: { file_path: "/home/dev/app/README.md" }, tool_use_id: "toolu_01R", tool_response: "# app" },
      { tool_name: "Glob", tool_input: { pattern: "src/**/*.ts" }, tool_use_id: "toolu_01G" },
    ],
  },
  Notification: { message: "Claude needs your permission to use Bash", title: "Permission needed", notification_type: "permission_prompt" },
  UserPromptSubmit: { ...toolTurn, prompt: "Add a --json flag to the CLI", source: "user" },
  UserPromptExpansion: { ...toolTurn, expansion_type: "slash_command", command_name: "review", command_args: "src/", prompt: "Review src/" },
  SessionStart: { source: "startup", model: "claude-sonnet-4-5" },
  SessionEnd: { reason: "prompt_input_exit" },
  Stop: { ...toolTurn, stop_hook_active: false, last_assistant_message: "Done: the flag is added and tested." },
  StopFailure: { error: "rate_limit", last_assistant_message: "API Error: 429 rate limited" },
  SubagentStart: { agent_id: "agent-3f2e", agent_type: "code-reviewer" },
  SubagentStop: {
    ...toolTurn,
    stop_hook_active: false,
    agent_id: "agent-3f2e",
    agent_type: "code-reviewer",
    agent_transcript_path: "/home/dev/.claude/projects/-home-dev-app/agent-3f2e.jsonl",
    last_assistant_message: "No blocking issues found.",
  },
  PreCompact: { trigger: "auto", custom_instructions: null },
  PostCompact: { trigger: "manual", compact_summary: "The user is adding a --json flag." },
  PreModelSwitch: modelSwitch,
  PostModelSwitch: { ...modelSwitch, source: "auto" },
  PermissionRequest: {
    ...toolTurn,
    ...bash,
    permission_suggestions: [{ type: "addRules", rules: [{ toolName: "Bash", ruleContent: "npm test" }], behavior: "allow", destination: "localSettings" }],
  },
  PermissionDenied: { ...toolTurn, ...bash, tool_use_id: "toolu_01Deny", reason: "Blocked by classifier" },
  Setup: { trigger: "init" },
  TeammateIdle: { teammate_name: "ana", team_name: "core" },
  TaskCreated: task,
  TaskCompleted: task,
  Elicitation: {
    mcp_server_name: "github",
    message: "Which repository?",
    mode: "form",
    elicitation_id: "el-1",
    requested_schema: { type: "object", properties: { repo: { type: "string" } } },
  },
  ElicitationResult: { mcp_server_name: "github", elicitation_id: "el-1", mode: "form", action: "accept", content: { repo: "dev/app" } },
  ConfigChange: { source: "project_settings", file_path: "/home/dev/app/.claude/settings.json" },
  WorktreeCreate: { name: "fix-parser" },
  WorktreeRemove: { worktree_path: "/home/dev/app/.claude/worktrees/fix-parser" },
  InstructionsLoaded: { file_path: "/home/dev/app/CLAUDE.md", memory_type: "Project", load_reason: "session_start" },
  CwdChanged: { old_cwd: "/home/dev/app", new_cwd: "/home/dev/app/src" },
  FileChanged: { file_path: "/home/dev/app/.env", event: "change" },
  DirectoryAdded: { directory: "/home/dev/lib", source: "slash_command" },
  MessageDisplay: { turn_id: "turn-9", message_id: "m-12", index: 0, final: true, delta: "All tests pass." },
};

/** tool_input per tool, used when a test names a tool but not its input (the default is a Bash command). */
export const SAMPLE_TOOL_INPUTS: Record<string, Record<string, unknown>> = {
  Bash: bash.tool_input,
  AskUserQuestion: {
    questions: [
      {
        question: "Which database should the service use?",
        header: "Database",
        multiSelect: false,
        options: [
          { label: "Postgres", description: "Relational, what production runs" },
          { label: "SQLite", description: "A file, simplest for local work" },
        ],
      },
    ],
  },
  Edit: { file_path: "/home/dev/app/src/index.ts", old_string: "const a = 1;", new_string: "const a = 2;" },
  Write: { file_path: "/home/dev/app/notes.md", content: "# Notes\n" },
  Read: { file_path: "/home/dev/app/README.md" },
};

/** A realistic input for `event`, with `overrides` applied on top. */
export function sampleInput<E extends HookEventName>(event: E, overrides: Partial<HookInput<E>> & Record<string, unknown> = {}): HookInput<E> {
  const tool = typeof overrides.tool_name === "string" ? SAMPLE_TOOL_INPUTS[overrides.tool_name] : undefined;
  const toolInput = tool && !("tool_input" in overrides) && "tool_input" in SAMPLE_FIELDS[event] ? { tool_input: tool } : {};
  return { ...common(event), ...SAMPLE_FIELDS[event], ...toolInput, ...overrides } as HookInput<E>;
}

type Builders = { [E in HookEventName as Uncapitalize<E>]: (overrides?: Partial<HookInput<E>> & Record<string, unknown>) => HookInput<E> };

/** fixtures.preToolUse({...}), fixtures.sessionStart({...}), … one builder per event. */
export const fixtures = Object.fromEntries(
  (Object.keys(SAMPLE_FIELDS) as HookEventName[]).map((event) => [
    event[0]!.toLowerCase() + event.slice(1),
    (overrides?: Record<string, unknown>) => sampleInput(event, overrides),
  ]),
) as Builders;
