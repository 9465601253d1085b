// Copilot CLI, through its own camelCase events (preToolUse…): the payload is `{timestamp, cwd,
// toolName, toolArgs}` with lower-case tool names (bash, edit, create, view) and toolArgs a JSON string;
// it is read into Claude Code's vocabulary here. Hooks have no matcher there, so the adapter filters by
// the hook's matcher itself. Answers are top-level fields: `{"permissionDecision":"deny",
// "permissionDecisionReason"}`, `{"additionalContext"}`, `{"decision":"block","reason"}`; a nested
// hookSpecificOutput is ignored and the tool runs. A crash or any non-zero exit of a preToolUse hook
// denies. docs/protocol/copilot.md.
import { oneLine } from "../../base/errors.ts";
import type { HookEventName } from "../../protocol/index.ts";
import type { Answer } from "../../runtime/answer.ts";
import type { Encoded, Host } from "../../runtime/host.ts";
import { CAPS, toolFromHost } from "../capabilities.ts";
import { degradeFor, readHostInput, unhonoured } from "../adapt.ts";

const caps = CAPS.copilot;

export const copilot: Host = {
  id: "copilot",
  name: caps.name,
  readInput: (event, raw, matcher) => readHostInput(caps, event, raw, matcher, (r) => fromCopilot(event, r)),
  degrade: degradeFor(caps),
  async encode(event, answer) {
    const why = unhonoured(caps, event, answer);
    if (why) return { refused: why };
    return encodeCopilot(event, answer);
  },
  failOpen: () => ({ stdout: "", exitCode: 0 }),
  failClosed(event, message) {
    // Any non-zero exit denies a preToolUse, but Copilot then tells the model only "hook exited with
    // code 2"; the deny object on stdout carries the reason (observed on 1.0.102).
    const line = oneLine(message);
    const stdout = event === "PreToolUse" ? `${JSON.stringify({ permissionDecision: "deny", permissionDecisionReason: line })}\n` : "";
    return { stdout, stderr: line, exitCode: 2 };
  },
  asyncMarker: () => undefined,
  defaultTimeout: () => caps.defaultTimeout,
};

/** Copilot's camelCase payload in Claude Code's names; a payload already in snake_case passes through. */
export function fromCopilot(event: HookEventName, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  const move = (from: string, to: string) => {
    if (from in out && !(to in out)) out[to] = out[from];
    delete out[from];
  };
  move("sessionId", "session_id");
  move("transcriptPath", "transcript_path");
  if (typeof out.toolName === "string") out.tool_name = toolFromHost(caps, out.toolName);
  delete out.toolName;
  if ("toolArgs" in out) {
    let args = out.toolArgs;
    if (typeof args === "string") {
      try {
        args = JSON.parse(args);
      } catch {
        // not JSON: left as is, and the schema check names the problem
      }
    }
    out.tool_input = args;
    delete out.toolArgs;
  }
  if ("toolResult" in out) {
    out.tool_response = out.toolResult;
    delete out.toolResult;
  }
  if (event === "SessionStart" && out.source === "new") out.source = "startup";
  return out;
}

function encodeCopilot(_event: HookEventName, answer: Answer): Encoded | { refused: string } {
  const json = (output: Record<string, unknown>): Encoded => ({ stdout: `${JSON.stringify(output)}\n`, exitCode: 0 });
  const context = (text: string | undefined) => (text ? { additionalContext: text } : {});
  switch (answer.kind) {
    case "none":
      return { stdout: "", exitCode: 0 };
    case "exit2":
      return { stdout: "", stderr: oneLine(answer.message), exitCode: 2 };
    case "deny":
    case "ask":
      return json({ permissionDecision: answer.kind, permissionDecisionReason: answer.reason, ...context(answer.context) });
    case "context":
      return json({ additionalContext: answer.text });
    case "block":
      return json({ decision: "block", reason: answer.reason });
    default:
      return { refused: `${caps.name} does not act on a ${answer.kind} answer` };
  }
}
