// Claude Code's output schemas (docs/protocol/claude-code.md). Unlike inputs these are strict
// (additionalProperties: false): the host silently drops what it does not recognise — a flat
// `permissionDecision` or a top-level `additionalContext` is lost without a word —
// so the runtime refuses such an answer before writing it instead of letting it vanish.
import { Type, type TObject, type TProperties, type Static } from "@sinclair/typebox";
import { METRIC_KEY_PATTERN } from "./facts.ts";
import { HOOK_EVENTS, type HookEventName } from "./inputs.ts";

const S = Type.String();
const Opt = Type.Optional;
const AnyObject = Type.Record(Type.String(), Type.Unknown());
const Strict = { additionalProperties: false } as const;

export { METRIC_KEY_PATTERN };
export const Metrics = Type.Record(Type.String({ pattern: METRIC_KEY_PATTERN }), Type.Union([Type.Boolean(), Type.Number()]), {
  maxProperties: 20,
  additionalProperties: false,
});

const context = { additionalContext: Opt(S) };
const watch = { watchPaths: Opt(Type.Array(S)) };
const permission = (decisions: string[]) => ({
  permissionDecision: Opt(Type.Union(decisions.map((d) => Type.Literal(d)))),
  permissionDecisionReason: Opt(S),
});

/** hookSpecificOutput fields per event; events missing here accept no hookSpecificOutput. */
const SPECIFIC = {
  PreToolUse: { ...permission(["allow", "deny", "ask", "defer"]), updatedInput: Opt(AnyObject), ...context },
  PermissionRequest: {
    decision: Type.Union([
      Type.Object({ behavior: Type.Literal("allow"), updatedInput: Opt(AnyObject), updatedPermissions: Opt(Type.Array(AnyObject)) }, Strict),
      Type.Object({ behavior: Type.Literal("deny"), message: Opt(S), interrupt: Opt(Type.Boolean()) }, Strict),
    ]),
  },
  PostToolUse: { ...context, classifierContext: Opt(S), updatedToolOutput: Opt(Type.Unknown()), updatedMCPToolOutput: Opt(Type.Unknown()) },
  PostToolUseFailure: context,
  PostToolBatch: context,
  Stop: context,
  SubagentStop: context,
  SubagentStart: context,
  Setup: context,
  PostModelSwitch: context,
  Notification: context,
  UserPromptSubmit: { ...context, sessionTitle: Opt(S), suppressOriginalPrompt: Opt(Type.Boolean()) },
  UserPromptExpansion: { ...context, suppressOriginalPrompt: Opt(Type.Boolean()) },
  SessionStart: {
    ...context,
    initialUserMessage: Opt(S),
    sessionTitle: Opt(S),
    ...watch,
    reloadSkills: Opt(Type.Boolean()),
  },
  PreModelSwitch: permission(["allow", "deny", "ask"]),
  PermissionDenied: { retry: Opt(Type.Boolean()) },
  Elicitation: { action: Opt(Type.Union([Type.Literal("accept"), Type.Literal("decline"), Type.Literal("cancel")])), content: Opt(AnyObject) },
  ElicitationResult: { action: Opt(Type.Union([Type.Literal("accept"), Type.Literal("decline"), Type.Literal("cancel")])), content: Opt(AnyObject) },
  CwdChanged: watch,
  FileChanged: watch,
  WorktreeCreate: { worktreePath: S },
  MessageDisplay: { displayContent: Opt(S) },
} satisfies Partial<Record<HookEventName, TProperties>>;

/** Events where a top-level `decision: "block"` (with `reason`) means something. */
const BLOCKING = [
  "UserPromptSubmit", "UserPromptExpansion", "PostToolUse", "PostToolBatch", "Stop", "SubagentStop",
  "TaskCreated", "ConfigChange", "PreCompact", "PreModelSwitch",
] as const satisfies readonly HookEventName[];
export type BlockingEvent = (typeof BLOCKING)[number];
export const BLOCKING_DECISION_EVENTS: ReadonlySet<HookEventName> = new Set(BLOCKING);

/** Events on which exit code 2 blocks the action. */
export const EXIT2_BLOCKS: ReadonlySet<HookEventName> = new Set([
  "PreToolUse", "UserPromptSubmit", "UserPromptExpansion", "Stop", "SubagentStop", "TeammateIdle", "TaskCreated",
  "TaskCompleted", "ConfigChange", "PostToolBatch", "PreCompact", "PreModelSwitch", "Elicitation", "ElicitationResult",
  "WorktreeCreate",
]);

function outputFor(event: HookEventName): TObject {
  const specific = (SPECIFIC as Partial<Record<HookEventName, TProperties>>)[event];
  const props: TProperties = {
    continue: Opt(Type.Boolean()),
    stopReason: Opt(S),
    suppressOutput: Opt(Type.Boolean()),
    systemMessage: Opt(S),
    terminalSequence: Opt(S),
    metrics: Opt(Metrics),
    rewakeSummary: Opt(S),
  };
  if (BLOCKING_DECISION_EVENTS.has(event)) {
    props.decision = Opt(Type.Literal("block"));
    props.reason = Opt(S);
  }
  if (specific) {
    props.hookSpecificOutput = Opt(Type.Object({ hookEventName: Type.Literal(event), ...specific }, Strict));
  }
  return Type.Object(props, { ...Strict, $id: `${event}Output` });
}

export const OutputSchemas = Object.fromEntries(HOOK_EVENTS.map((e) => [e, outputFor(e)])) as Record<HookEventName, TObject>;

export const AsyncMarker = Type.Object(
  { async: Type.Literal(true), asyncTimeout: Opt(Type.Integer({ minimum: 1 })) },
  { ...Strict, $id: "AsyncMarker" },
);

type Specific = typeof SPECIFIC;

/** Events whose hookSpecificOutput takes `additionalContext`. */
export type ContextEvent = { [K in keyof Specific]: "additionalContext" extends keyof Specific[K] ? K : never }[keyof Specific];

/**
 * The exact output Claude Code accepts on event E, derived from the same schema pieces the
 * validators are generated from: a field another event owns, or a misspelled one, does not compile.
 */
export type ClaudeOutput<E extends HookEventName> = {
  continue?: boolean;
  stopReason?: string;
  suppressOutput?: boolean;
  systemMessage?: string;
  terminalSequence?: string;
  rewakeSummary?: string;
} & (E extends BlockingEvent ? { decision?: "block"; reason?: string } : {}) &
  (E extends keyof Specific ? { hookSpecificOutput?: { hookEventName: E } & Static<TObject<Specific[E]>> } : {});

/** The universal shape as a static type; per-event schemas narrow it. */
export type HookOutput = {
  continue?: boolean;
  stopReason?: string;
  suppressOutput?: boolean;
  systemMessage?: string;
  terminalSequence?: string;
  decision?: "block";
  reason?: string;
  hookSpecificOutput?: { hookEventName: HookEventName } & Record<string, unknown>;
  metrics?: Static<typeof Metrics>;
  rewakeSummary?: string;
};
