// Codex CLI: its payloads are Claude Code's (same event and field names, the shell tool called Bash),
// and it parses Claude Code's output shapes, with one trap: a bare `allow`, an `ask` or `continue:false`
// marks the hook as failed and the tool RUNS. So allow and ask are refused here (and by the build),
// never written. PostToolUse's tool_response arrives as a string. A file edit arrives as apply_patch with
// the patch in tool_input.command; the adapter adds tool_input.files, the paths the patch names, so a
// guard can judge it (src/protocol/tools.ts, ApplyPatchInput). docs/protocol/codex.md.
import { oneLine } from "../../base/errors.ts";
import type { HookEventName } from "../../protocol/index.ts";
import type { Answer } from "../../runtime/answer.ts";
import type { Encoded, Host, Metrics } from "../../runtime/host.ts";
import { CAPS, matcherSelects } from "../capabilities.ts";
import { degradeFor, exitCodeFailures, jsonLine, readHostInput, systemMessageOf, unhonoured } from "../adapt.ts";
import { patchedFiles, shellPatchFiles } from "./patch.ts";

const caps = CAPS.codex;

export const codex: Host = {
  id: "codex",
  name: caps.name,
  readInput(event, raw, matcher) {
    const call = asEdit(raw, matcher);
    if (!call) return Promise.resolve({ ok: false, skip: true, hostFault: true, problem: "a shell command that runs no apply_patch, for a hook on file edits" });
    return readHostInput(caps, event, call, matcher, (r) => r);
  },
  degrade: degradeFor(caps),
  async encode(event, answer, _metrics: Metrics | undefined) {
    const why = unhonoured(caps, event, answer);
    if (why) return { refused: why };
    return encodeCodex(event, answer);
  },
  ...exitCodeFailures(),
  defaultTimeout: () => caps.defaultTimeout,
};

/** An apply_patch call's input, with the files its patch names added (resolved against the payload's cwd). */
export function withPatchedFiles(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.tool_name !== "apply_patch") return raw;
  const input = raw.tool_input;
  if (!input || typeof input !== "object" || Array.isArray(input)) return raw;
  const toolInput = input as Record<string, unknown>;
  const cwd = typeof raw.cwd === "string" ? raw.cwd : undefined;
  return { ...raw, tool_input: { ...toolInput, files: patchedFiles(toolInput.command, cwd) } };
}

/** Whether a hookkit matcher selects Codex's file edits: it names Edit, Write or apply_patch. */
export function selectsEdits(matcher: string | undefined): boolean {
  return matcher !== undefined && /^[A-Za-z0-9_|]+$/.test(matcher) && matcher.split("|").some((n) => n === "Edit" || n === "Write" || n === "apply_patch");
}

/**
 * The call as the hook is to see it. An apply_patch call gets the files its patch names. For a hook on
 * file edits that does not ask for Bash (Codex's config gives it Bash calls too), a shell command that
 * runs apply_patch becomes the apply_patch call it is, and any other shell command is not the hook's
 * (undefined: skipped, no answer). Everything else passes unchanged.
 */
export function asEdit(raw: Record<string, unknown>, matcher: string | undefined): Record<string, unknown> | undefined {
  if (raw.tool_name === "apply_patch") return withPatchedFiles(raw);
  if (raw.tool_name !== "Bash" || !selectsEdits(matcher) || matcherSelects(matcher, "Bash")) return raw;
  const input = raw.tool_input && typeof raw.tool_input === "object" ? (raw.tool_input as Record<string, unknown>) : {};
  const files = shellPatchFiles(input.command, typeof raw.cwd === "string" ? raw.cwd : undefined);
  if (!files) return undefined;
  return { ...raw, tool_name: "apply_patch", tool_input: { ...input, files } };
}

function encodeCodex(event: HookEventName, answer: Answer): Encoded | { refused: string } {
  const message = systemMessageOf(answer);
  const specific = (fields: Record<string, unknown>) => jsonLine({ hookSpecificOutput: { hookEventName: event, ...fields }, ...message });
  switch (answer.kind) {
    case "none":
      return jsonLine(message);
    case "exit2":
      return { stdout: "", stderr: oneLine(answer.message), exitCode: 2 };
    case "deny":
      return specific({
        permissionDecision: "deny",
        permissionDecisionReason: answer.reason,
        ...(answer.context ? { additionalContext: answer.context } : {}),
      });
    case "context":
      return specific({ additionalContext: answer.text });
    case "block":
      return jsonLine({ decision: "block", reason: answer.reason, ...message });
    default:
      return { refused: `${caps.name} does not act on a ${answer.kind} answer` };
  }
}
