// What the adapters of hosts other than Claude Code share: reading a payload into hookkit's (Claude
// Code's) vocabulary, with the event name checked against the host's own and the result validated by
// the same schema as a Claude Code payload, and refusing an answer the host's capability table says it
// would not act on.
import { oneLine } from "../base/errors.ts";
import type { HookEventName } from "../protocol/index.ts";
import type { Answer } from "../runtime/answer.ts";
import type { Encoded, Host, InputOutcome } from "../runtime/host.ts";
import type { HookDefinition } from "../runtime/types.ts";
import { type HostCaps, degradeAnswer, matcherSelects } from "./capabilities.ts";
import { claude } from "./claude/adapter.ts";

/**
 * Checks the payload is the host's `event`, lets `translate` rename fields and tools, skips a tool the
 * hook's matcher does not select (hosts that cannot filter themselves), then validates as Claude Code's.
 */
export async function readHostInput(
  caps: HostCaps,
  event: HookEventName,
  raw: Record<string, unknown>,
  matcher: string | undefined,
  translate: (raw: Record<string, unknown>) => Record<string, unknown>,
): Promise<InputOutcome> {
  const ev = caps.events[event];
  if (!ev) return { ok: false, hostFault: false, problem: `${caps.name} has no ${event} event; this hook cannot run there` };
  const named = raw.hook_event_name;
  if (named !== undefined && named !== ev.name && named !== event) {
    return {
      ok: false,
      hostFault: false,
      problem: `got a ${typeof named === "string" ? named : "malformed"} event; this hook handles ${ev.name} on ${caps.name} (check its config entry)`,
    };
  }
  const input: Record<string, unknown> = { ...translate(raw), hook_event_name: event };
  if (!caps.matchers && typeof input.tool_name === "string" && !matcherSelects(matcher, input.tool_name)) {
    return { ok: false, skip: true, hostFault: true, problem: `${input.tool_name} is not selected by the hook's matcher` };
  }
  return claude.readInput(event, input);
}

/** Why `caps`' host cannot act on `answer` for `event`, or undefined when it can. */
export function unhonoured(caps: HostCaps, event: HookEventName, answer: Answer): string | undefined {
  const ev = caps.events[event];
  if (!ev) return `${caps.name} has no ${event} event`;
  if (!ev.honours.includes(answer.kind)) {
    return `${caps.name} does not act on ${/^[aeiou]/.test(answer.kind) ? "an" : "a"} ${answer.kind} answer for ${ev.name} (declare \`degrade\` or give another answer)`;
  }
  if ((answer.kind === "deny" || answer.kind === "ask" || answer.kind === "allow") && answer.context && !ev.contextWithDecision) {
    return `${caps.name} takes no context with a ${answer.kind} on ${ev.name}`;
  }
  return undefined;
}

export const degradeFor =
  (caps: HostCaps) =>
  (event: HookEventName, answer: Answer, degrade: HookDefinition["degrade"]): Answer =>
    degradeAnswer(caps, event, answer, degrade);

/** Renames the keys of `raw` per `names` (ours ← theirs), keeping the rest. */
export function renamed(raw: Record<string, unknown>, names: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const ours = Object.entries(names).find(([, theirs]) => theirs === key)?.[0];
    out[ours ?? key] = value;
  }
  return out;
}

/** An answer's message for the user as Codex's and Gemini CLI's `systemMessage` field, or nothing. */
export function systemMessageOf(answer: Answer): { systemMessage?: string } {
  return "message" in answer && answer.message ? { systemMessage: answer.message } : {};
}

/** One JSON answer line, or empty stdout for an empty object (no opinion, as Codex and Gemini CLI read it). */
export function jsonLine(output: Record<string, unknown>): Encoded {
  return Object.keys(output).length === 0 ? { stdout: "", exitCode: 0 } : { stdout: `${JSON.stringify(output)}\n`, exitCode: 0 };
}

/**
 * What Codex and Gemini CLI share: a failure notice is a `systemMessage` line (no decision), a
 * fail-closed failure is exit 2 with one stderr line, and there is no asynchronous answer.
 */
export function exitCodeFailures(): Pick<Host, "failOpen" | "failClosed" | "asyncMarker"> {
  return {
    failOpen: (_event, notice) => jsonLine(notice ? { systemMessage: notice } : {}),
    failClosed: (_event, message) => ({ stdout: "", stderr: oneLine(message), exitCode: 2 }),
    asyncMarker: () => undefined,
  };
}
