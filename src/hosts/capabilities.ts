// What each host honours, as data: which of hookkit's events it has and under which name, which answer
// kinds it acts on for each, what its tools are called, and how long it waits. One table serves three
// readers: the adapters (src/hosts/<host>/adapter.ts) refuse what is not in it, the build refuses a hook
// that could give an answer its host would drop (checkHookForHost), and the config writers
// (src/hosts/<host>/config.ts) name events, matchers and timeouts in the host's own words.
//
// The rule that makes the build check sound: a handler's answers are not known statically, so a hook
// is assumed to give any answer its event allows (the AnswerFor<E> type), unless it declares the kinds
// it gives (`answers: ["deny"]`; the runtime then refuses any other kind as a failure). Every kind left
// must be honoured by the host on that event, or mapped by the hook's `degrade` declaration to one
// that is. `none` is honoured everywhere. Facts and the version each was verified on:
// docs/protocol/<host>.md and docs/host-support.md.
import type { HookEventName } from "../protocol/index.ts";
import { BLOCKING_EVENTS } from "../protocol/facts.ts";
import type { Answer, AnswerKind } from "../runtime/answer.ts";
import type { HookDefinition } from "../runtime/types.ts";

export type HostName = "claude" | "codex" | "gemini" | "copilot" | "cursor";
export type OtherHost = Exclude<HostName, "claude">;

/** How a hook may declare the answers a host lacks are to be given instead. */
export interface Degrade {
  /** `ask` → `deny` with the same reason (the user is not asked; the call is blocked). */
  readonly ask?: "deny";
  /** `allow` → no opinion: the host's own permission flow decides. */
  readonly allow?: "none";
  /** Context the host cannot pass to the model is dropped (a context answer becomes no opinion). */
  readonly context?: "none";
}

export interface EventCaps {
  /** The host's name for the event. */
  readonly name: string;
  /** Answer kinds the host acts on for this event. */
  readonly honours: readonly AnswerKind[];
  /** Whether `context` may ride along on a deny/ask/allow answer. */
  readonly contextWithDecision?: boolean;
}

export interface HostCaps {
  readonly id: HostName;
  readonly name: string;
  /** The version the facts were verified against (or "documented" when no CLI could be run here). */
  readonly verified: string;
  readonly events: Partial<Record<HookEventName, EventCaps>>;
  /** hookkit (Claude Code) tool name → the host's; tools not listed keep their name. */
  readonly tools: Readonly<Record<string, string>>;
  /** Whether the host filters by `matcher` itself; without it the adapter filters. */
  readonly matchers: boolean;
  /** The unit of the `timeout` the host's config takes. */
  readonly timeoutUnit: "s" | "ms";
  /** Seconds the host gives a hook that sets no timeout. */
  readonly defaultTimeout: number;
}

const ALL_KINDS: readonly AnswerKind[] = ["none", "allow", "deny", "ask", "context", "block", "exit2", "native"];

export const CAPS: Record<HostName, HostCaps> = {
  claude: {
    id: "claude",
    name: "Claude Code",
    verified: "2.1.328",
    // Claude Code is hookkit's own vocabulary: its adapter validates every answer against the event's
    // output schema, so the table lists the five common events with everything they take.
    events: {
      PreToolUse: { name: "PreToolUse", honours: ["none", "allow", "deny", "ask", "context", "exit2", "native"], contextWithDecision: true },
      PostToolUse: { name: "PostToolUse", honours: ["none", "context", "block", "exit2", "native"] },
      SessionStart: { name: "SessionStart", honours: ["none", "context", "native"] },
      UserPromptSubmit: { name: "UserPromptSubmit", honours: ["none", "context", "block", "exit2", "native"] },
      Stop: { name: "Stop", honours: ["none", "block", "exit2", "native"] },
    },
    tools: {},
    matchers: true,
    timeoutUnit: "s",
    defaultTimeout: 600,
  },
  codex: {
    id: "codex",
    name: "Codex CLI",
    verified: "0.171.0",
    // Codex parses Claude Code's shapes, but a bare allow, an ask or continue:false is a hook failure
    // there and the tool runs: allow and ask are not honoured anywhere.
    events: {
      PreToolUse: { name: "PreToolUse", honours: ["none", "deny", "context", "exit2"], contextWithDecision: true },
      PostToolUse: { name: "PostToolUse", honours: ["none", "context", "block", "exit2"] },
      SessionStart: { name: "SessionStart", honours: ["none", "context"] },
      UserPromptSubmit: { name: "UserPromptSubmit", honours: ["none", "context", "block", "exit2"] },
      Stop: { name: "Stop", honours: ["none", "block", "exit2"] },
    },
    // Codex names its shell tool Bash in hook payloads; apply_patch also answers to Edit and Write.
    tools: {},
    matchers: true,
    timeoutUnit: "s",
    defaultTimeout: 600,
  },
  gemini: {
    id: "gemini",
    name: "Gemini CLI",
    verified: "0.61.0",
    // BeforeTool runs after Gemini's own permission dialog: it can deny, not allow or ask, and takes no
    // context. Claude-format JSON is ignored there (the tool runs), so every shape is Gemini's own.
    events: {
      PreToolUse: { name: "BeforeTool", honours: ["none", "deny", "exit2"] },
      PostToolUse: { name: "AfterTool", honours: ["none", "context", "block", "exit2"] },
      SessionStart: { name: "SessionStart", honours: ["none", "context"] },
      UserPromptSubmit: { name: "BeforeAgent", honours: ["none", "context", "block", "exit2"] },
      Stop: { name: "AfterAgent", honours: ["none", "block", "exit2"] },
    },
    tools: {
      Bash: "run_shell_command",
      Edit: "replace",
      Write: "write_file",
      Read: "read_file",
      Grep: "grep_search",
      Glob: "glob",
      LS: "list_directory",
      WebFetch: "web_fetch",
      WebSearch: "google_web_search",
    },
    matchers: true,
    timeoutUnit: "ms",
    defaultTimeout: 60,
  },
  copilot: {
    id: "copilot",
    name: "Copilot CLI",
    verified: "1.0.102",
    // Top-level fields only: a nested hookSpecificOutput is ignored and the tool runs. Observed on
    // 1.0.102: additionalContext reaches the model from preToolUse, postToolUse, sessionStart and
    // userPromptSubmitted; an ask in -p mode blocks with its reason; agentStop takes a block. A bare
    // allow changes nothing observable, so it is not counted as honoured.
    events: {
      PreToolUse: { name: "preToolUse", honours: ["none", "deny", "ask", "context", "exit2"], contextWithDecision: true },
      PostToolUse: { name: "postToolUse", honours: ["none", "context"] },
      SessionStart: { name: "sessionStart", honours: ["none", "context"] },
      UserPromptSubmit: { name: "userPromptSubmitted", honours: ["none", "context"] },
      Stop: { name: "agentStop", honours: ["none", "block"] },
    },
    tools: { Bash: "bash", PowerShell: "powershell", Edit: "edit", Write: "create", Read: "view" },
    matchers: false,
    timeoutUnit: "s",
    defaultTimeout: 30,
  },
  cursor: {
    id: "cursor",
    name: "Cursor",
    verified: "documented (no CLI to run)",
    events: {
      PreToolUse: { name: "preToolUse", honours: ["none", "allow", "deny", "ask", "exit2"] },
      PostToolUse: { name: "postToolUse", honours: ["none", "context"] },
      SessionStart: { name: "sessionStart", honours: ["none", "context"] },
      UserPromptSubmit: { name: "beforeSubmitPrompt", honours: ["none", "block", "exit2"] },
      Stop: { name: "stop", honours: ["none"] },
    },
    tools: { Bash: "Shell", Edit: "StrReplace", Write: "Write", Read: "Read", Grep: "Grep", Glob: "Glob" },
    matchers: true,
    timeoutUnit: "s",
    defaultTimeout: 30,
  },
};

/** The host's tool name → hookkit's (the reverse of `tools`). */
export function toolFromHost(caps: HostCaps, name: string): string {
  for (const [ours, theirs] of Object.entries(caps.tools)) if (theirs === name) return ours;
  return name;
}

/** The event hookkit knows by the host's name for it. */
export function eventFromHost(caps: HostCaps, name: string): HookEventName | undefined {
  for (const [ours, event] of Object.entries(caps.events)) if (event.name === name) return ours as HookEventName;
  return undefined;
}

/** Every answer kind an event's type allows: what a hook without an `answers` declaration may give. */
export function kindsFor(event: HookEventName): AnswerKind[] {
  const kinds: AnswerKind[] = ["none", "exit2", "native"];
  if (event === "PreToolUse" || event === "PermissionRequest") kinds.push("allow", "deny");
  if (event === "PreToolUse") kinds.push("ask");
  if (CONTEXT_EVENTS.has(event)) kinds.push("context");
  if (BLOCKING_EVENTS.includes(event)) kinds.push("block");
  return ALL_KINDS.filter((k) => kinds.includes(k));
}

// Mirrors the ContextEvent type of src/protocol/outputs.ts (BLOCKING_EVENTS, in protocol/facts.ts, mirrors
// BlockingEvent) for the five events any host besides Claude Code maps; other events are Claude Code's alone.
const CONTEXT_EVENTS = new Set<HookEventName>(["PreToolUse", "PostToolUse", "SessionStart", "UserPromptSubmit", "PostToolUseFailure", "SubagentStart"]);

/**
 * The answer a host receives after the hook's degrade declaration is applied: an ask becomes a deny,
 * an allow no opinion, context dropped, only where the host lacks the original. Anything else is
 * returned as is (and refused by the adapter if the host cannot honour it).
 */
export function degradeAnswer(caps: HostCaps, event: HookEventName, answer: Answer, degrade: Degrade | undefined): Answer {
  const ev = caps.events[event];
  if (!ev || !degrade) return answer;
  const honours = (kind: AnswerKind) => ev.honours.includes(kind);
  let out: Answer = answer;
  if (out.kind === "ask" && !honours("ask") && degrade.ask === "deny") out = { ...out, kind: "deny" };
  if (out.kind === "allow" && !honours("allow") && degrade.allow === "none") out = out.message ? { kind: "none", message: out.message } : { kind: "none" };
  if (out.kind === "context" && !honours("context") && degrade.context === "none") out = out.message ? { kind: "none", message: out.message } : { kind: "none" };
  if ((out.kind === "deny" || out.kind === "ask" || out.kind === "allow") && out.context && !ev.contextWithDecision && degrade.context === "none") {
    const { context: _dropped, ...rest } = out;
    out = rest as Answer;
  }
  return out;
}

export interface HostProblem {
  readonly hook: string;
  readonly host: HostName;
  readonly answer?: AnswerKind;
  readonly message: string;
}

/**
 * Why `def` cannot be built for `host`, or nothing. Refused: an event the host lacks, a matcher that
 * cannot be said in the host's tool names, and any answer the hook may give that the host would not
 * act on, unless the hook's `degrade` maps it to one it does.
 */
export function checkHookForHost(def: Pick<HookDefinition, "name" | "event" | "matcher" | "answers" | "degrade" | "async">, host: HostName): HostProblem[] {
  const caps = CAPS[host];
  const problems: HostProblem[] = [];
  const problem = (message: string, answer?: AnswerKind) =>
    problems.push({ hook: def.name, host, ...(answer ? { answer } : {}), message: `hook "${def.name}" cannot be built for ${caps.name}: ${message}` });
  const ev = caps.events[def.event];
  if (!ev) {
    problem(`${caps.name} has no ${def.event} event (it has: ${Object.keys(caps.events).join(", ")})`);
    return problems;
  }
  if (def.async && host !== "claude") problem(`${caps.name} has no asynchronous hooks (async: true)`);
  const matcherProblem = translateMatcher(caps, def.matcher);
  if (typeof matcherProblem === "object") problem(matcherProblem.problem);
  const kinds = def.answers ? ["none" as AnswerKind, ...def.answers] : kindsFor(def.event);
  const possible = kindsFor(def.event);
  for (const kind of def.answers ?? []) {
    if (!possible.includes(kind)) problem(`it declares ${article(kind)} ${kind} answer, which ${def.event} does not take`, kind);
  }
  const declared = def.answers ? "declared" : `possible on ${def.event} (declare \`answers\` to narrow it)`;
  for (const kind of new Set(kinds)) {
    if (ev.honours.includes(kind)) continue;
    const fallback = def.degrade?.[kind as keyof Degrade];
    if (fallback && ev.honours.includes(fallback)) continue;
    const hint = kind in DEGRADE_HINT ? `, or declare \`degrade: { ${kind}: "${DEGRADE_HINT[kind as keyof Degrade]}" }\`` : "";
    problem(`${article(kind)} ${kind} answer is ${declared}, and ${caps.name} does not act on ${kind} for ${ev.name} (its hook would fail open); remove it from \`answers\`${hint}`, kind);
  }
  return problems;
}

const article = (kind: string) => (/^[aeiou]/.test(kind) ? "an" : "a");

const DEGRADE_HINT: Record<keyof Degrade, string> = { ask: "deny", allow: "none", context: "none" };

/**
 * The hook's matcher in the host's tool names: each `|` alternative must be a plain tool name (or
 * `*`/empty, or an `mcp__` pattern, left as is); a regular expression over Claude Code's names would
 * match nothing on a host that names its tools differently, and the hook would silently never run.
 */
export function translateMatcher(caps: HostCaps, matcher: string | undefined): string | undefined | { problem: string } {
  if (matcher === undefined || matcher === "" || matcher === "*") return matcher;
  if (Object.keys(caps.tools).length === 0) return matcher;
  const parts = matcher.split("|");
  const out: string[] = [];
  for (const part of parts) {
    if (/^[A-Za-z][A-Za-z0-9_]*$/.test(part)) out.push(caps.tools[part] ?? part);
    else if (part.startsWith("mcp__")) out.push(part);
    else return { problem: `its matcher "${matcher}" is not a list of tool names (${part}); ${caps.name} names its tools differently, so write one` };
  }
  return [...new Set(out)].join("|");
}

/** Whether `toolName` (hookkit's vocabulary) is selected by `matcher` (hookkit's vocabulary), as Claude Code matches. */
export function matcherSelects(matcher: string | undefined, toolName: string): boolean {
  if (matcher === undefined || matcher === "" || matcher === "*") return true;
  if (/^[A-Za-z0-9_|]+$/.test(matcher)) return matcher.split("|").includes(toolName);
  try {
    return new RegExp(`^(?:${matcher})$`).test(toolName);
  } catch {
    return false;
  }
}
