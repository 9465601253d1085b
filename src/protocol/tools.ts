// What `tool_input` holds for each of Claude Code's built-in tools, as TypeBox schemas: the single source of
// the static types below (Static<>), of `hookkit schema --tool`, and of the docs (docs/protocol/tool-input.md).
// Each object is open (extra fields allowed): the host adds fields between versions, and a hook must keep
// working when it does. MCP tools (`mcp__<server>__<tool>`) take whatever their server declares, so their
// input stays an open record.
//
// A hook's `matcher` narrows its input at the type level: `matcher: "Bash"` types `input.tool_input` as
// Bash's; `"Edit|Write"` as the union of the two, told apart by `input.tool_name`. A matcher that is a
// pattern (`mcp__.*`, `.*`) or names a tool not listed here keeps the open record.
import { Type, type Static, type TObject } from "@sinclair/typebox";

const S = Type.String();
const Opt = Type.Optional;
const Num = Type.Number();
const Bool = Type.Boolean();
const open = { additionalProperties: true } as const;
const Tool = <P extends Parameters<typeof Type.Object>[0]>(name: string, description: string, props: P) =>
  Type.Object(props, { ...open, $id: `${name}ToolInput`, description });

const ShellCommand = {
  /** The command line, run by the tool's shell. */
  command: S,
  /** The model's 5–10 word summary of what the command does. */
  description: Opt(S),
  /** Milliseconds before the tool kills the command (the tool's own default is 2 minutes, at most 10). */
  timeout: Opt(Num),
  /** Run detached; the model polls its output later. */
  run_in_background: Opt(Bool),
};

const Question = Type.Object(
  {
    question: S,
    header: S,
    options: Type.Array(Type.Object({ label: S, description: Opt(S) }, open)),
    multiSelect: Bool,
  },
  open,
);

const AgentCall = {
  /** A 3–5 word summary shown in the UI. */
  description: S,
  /** The whole task for the subagent. */
  prompt: S,
  /** Which agent runs it (general-purpose, Explore, a custom agent's name). */
  subagent_type: Opt(S),
  model: Opt(S),
  run_in_background: Opt(Bool),
};

export const ToolInputSchemas = {
  Bash: Tool("Bash", "Runs a shell command.", {
    ...ShellCommand,
    /** Set when the model asks to run outside the sandbox. */
    dangerouslyDisableSandbox: Opt(Bool),
  }),
  PowerShell: Tool("PowerShell", "Runs a PowerShell command (Windows).", ShellCommand),
  Read: Tool("Read", "Reads a file (text, image, PDF, notebook).", {
    /** Absolute path. */
    file_path: S,
    /** First line to read (1-based) and how many lines. */
    offset: Opt(Num),
    limit: Opt(Num),
    /** PDF page range, e.g. "1-5". */
    pages: Opt(S),
  }),
  Write: Tool("Write", "Creates or overwrites a file.", { file_path: S, content: S }),
  Edit: Tool("Edit", "Replaces text in a file.", {
    file_path: S,
    old_string: S,
    new_string: S,
    /** Replace every occurrence instead of exactly one. */
    replace_all: Opt(Bool),
  }),
  MultiEdit: Tool("MultiEdit", "Several replacements in one file, applied in order.", {
    file_path: S,
    edits: Type.Array(Type.Object({ old_string: S, new_string: S, replace_all: Opt(Bool) }, open)),
  }),
  NotebookEdit: Tool("NotebookEdit", "Edits a Jupyter notebook cell.", {
    /** Absolute path of the .ipynb file. */
    notebook_path: S,
    cell_id: Opt(S),
    new_source: S,
    cell_type: Opt(Type.Union([Type.Literal("code"), Type.Literal("markdown")])),
    edit_mode: Opt(Type.Union([Type.Literal("replace"), Type.Literal("insert"), Type.Literal("delete")])),
  }),
  Glob: Tool("Glob", "Lists files matching a glob pattern.", {
    pattern: S,
    /** Directory to search (default: the session's cwd). */
    path: Opt(S),
  }),
  Grep: Tool("Grep", "Searches file contents with ripgrep.", {
    /** A regular expression (ripgrep syntax). */
    pattern: S,
    path: Opt(S),
    /** Only files matching this glob, e.g. "*.ts". */
    glob: Opt(S),
    /** Only files of this ripgrep type, e.g. "js". */
    type: Opt(S),
    output_mode: Opt(Type.Union([Type.Literal("content"), Type.Literal("files_with_matches"), Type.Literal("count")])),
    "-i": Opt(Bool),
    "-n": Opt(Bool),
    "-A": Opt(Num),
    "-B": Opt(Num),
    "-C": Opt(Num),
    multiline: Opt(Bool),
    head_limit: Opt(Num),
  }),
  WebFetch: Tool("WebFetch", "Fetches a URL and has a small model answer a prompt about it.", { url: S, prompt: S }),
  WebSearch: Tool("WebSearch", "Searches the web.", {
    query: S,
    allowed_domains: Opt(Type.Array(S)),
    blocked_domains: Opt(Type.Array(S)),
  }),
  Task: Tool("Task", "Starts a subagent (the tool's name before Claude Code renamed it Agent).", AgentCall),
  Agent: Tool("Agent", "Starts a subagent.", AgentCall),
  AskUserQuestion: Tool("AskUserQuestion", "Asks the user one to four multiple-choice questions.", {
    questions: Type.Array(Question),
    /** Present when answers were already collected (e.g. in a PostToolUse or a replay). */
    answers: Opt(Type.Record(S, S)),
  }),
  ExitPlanMode: Tool("ExitPlanMode", "Leaves plan mode, presenting the plan for approval.", {
    /** The plan, as Markdown. */
    plan: Opt(S),
  }),
  TodoWrite: Tool("TodoWrite", "Replaces the session's todo list.", {
    todos: Type.Array(
      Type.Object(
        {
          content: S,
          status: Type.Union([Type.Literal("pending"), Type.Literal("in_progress"), Type.Literal("completed")]),
          activeForm: Opt(S),
        },
        open,
      ),
    ),
  }),
} satisfies Record<string, TObject>;

/**
 * Codex CLI's file-edit tool, as a hook sees it: `tool_name: "apply_patch"`, the patch text in `command`
 * (Codex's own field), and `files`, which hookkit's Codex adapter adds: every file the patch names, its
 * path resolved against the session's cwd. Codex selects this tool for a matcher naming Edit or Write, so
 * a hook matching those receives it there (docs/protocol/codex.md).
 */
export const PatchedFileSchema = Type.Object(
  {
    /** What the patch does to the file. */
    action: Type.Union([Type.Literal("add"), Type.Literal("update"), Type.Literal("delete")]),
    /** Absolute path of the file the patch names (resolved against the session's cwd when relative). */
    file_path: S,
    /** For an update that renames the file (`*** Move to:`): its new absolute path. */
    move_path: Opt(S),
  },
  open,
);
export const ApplyPatchInputSchema = Type.Object(
  {
    /** The whole patch, `*** Begin Patch` … `*** End Patch`, as the model wrote it. */
    command: S,
    /** Every file the patch adds, updates, deletes or moves, in patch order; empty when the patch does not parse (Codex applies nothing then). */
    files: Type.Array(PatchedFileSchema),
  },
  { ...open, $id: "ApplyPatchToolInput", description: "Codex CLI: applies a patch (adds, updates, deletes, moves files)." },
);
export type PatchedFile = Static<typeof PatchedFileSchema>;
export type ApplyPatchInput = Static<typeof ApplyPatchInputSchema>;
/** Codex's file-edit call, which a matcher naming Edit or Write also selects there. */
export type ApplyPatchCall = { tool_name: "apply_patch"; tool_input: ApplyPatchInput };

export type BuiltinToolName = keyof typeof ToolInputSchemas;
export const BUILTIN_TOOLS = Object.keys(ToolInputSchemas) as BuiltinToolName[];

/** `tool_input` of each built-in tool. */
export type ToolInputs = { [K in BuiltinToolName]: Static<(typeof ToolInputSchemas)[K]> };
/** An MCP tool's input: whatever its server declares. */
export type McpToolInput = Record<string, unknown>;

/** A tool call as a hook sees it: the name and its typed input, one member per tool. */
export type ToolCall<T extends BuiltinToolName = BuiltinToolName> = { [K in T]: { tool_name: K; tool_input: ToolInputs[K] } }[T];

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;
type Alternatives<M extends string> = M extends `${infer A}|${infer B}` ? Trim<A> | Alternatives<B> : Trim<M>;

/**
 * The built-in tools a matcher names, or never when it is not a plain list of them. Claude Code compares a
 * matcher of letters, digits, `_` and `|` as exact tool names, so `"Edit|Write"` is exactly those two;
 * anything else (`".*"`, `"mcp__.*"`, `""`) is a pattern, and `"Bash|mcp__x__run"` names a tool whose
 * input this file cannot know.
 */
export type MatchedTools<M extends string> = string extends M
  ? never
  : [Alternatives<M>] extends [BuiltinToolName]
    ? Alternatives<M>
    : never;

/** Whether a matcher selects Codex's apply_patch: it names Edit or Write (as Codex reads them), or apply_patch. */
type SelectsApplyPatch<M extends string> = string extends M ? false : [Extract<Alternatives<M>, "Edit" | "Write" | "apply_patch">] extends [never] ? false : true;

/** The tools `M` names, with apply_patch set aside: it is Codex's, not in ToolInputSchemas. */
type MatchedWithPatch<M extends string> = string extends M
  ? never
  : [Exclude<Alternatives<M>, "apply_patch">] extends [never]
    ? never
    : [Exclude<Alternatives<M>, "apply_patch">] extends [BuiltinToolName]
      ? Exclude<Alternatives<M>, "apply_patch">
      : never;

/**
 * `input` with tool_name/tool_input narrowed to the tools `M` names (unchanged when it names none). A
 * matcher naming Edit or Write also admits Codex's apply_patch call, because Codex hands it to such a
 * hook: a guard must tell it apart by tool_name, or the compiler says where it would read a file_path
 * that is not there.
 */
export type NarrowByMatcher<Input, M extends string> = Input extends { tool_name: string; tool_input: unknown }
  ? [MatchedWithPatch<M>] extends [never]
    ? M extends "apply_patch"
      ? Omit<Input, "tool_name" | "tool_input"> & ApplyPatchCall
      : Input
    : Omit<Input, "tool_name" | "tool_input"> & (ToolCall<MatchedWithPatch<M>> | (SelectsApplyPatch<M> extends true ? ApplyPatchCall : never))
  : Input;
