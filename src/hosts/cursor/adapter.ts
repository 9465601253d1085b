// Cursor: camelCase events (preToolUse, postToolUse, sessionStart, beforeSubmitPrompt, stop), its own
// tool names (Shell, StrReplace…), and its own answers: `{"permission":"deny"|"allow"|"ask",
// "user_message","agent_message"}`, `{"additional_context"}`, `{"continue":false,"user_message"}`.
// Empty stdout is rejected as no valid response, so every answer, no opinion included, is a JSON
// object. A crash or non-zero exit other than 2 lets the action through unless the config entry sets
// failClosed (src/hosts/cursor/config.ts does, for fail-closed hooks). docs/protocol/cursor.md.
import { oneLine } from "../../base/errors.ts";
import type { HookEventName } from "../../protocol/index.ts";
import type { Answer } from "../../runtime/answer.ts";
import type { Encoded, Host } from "../../runtime/host.ts";
import { CAPS, toolFromHost } from "../capabilities.ts";
import { degradeFor, readHostInput, unhonoured } from "../adapt.ts";

const caps = CAPS.cursor;
const EMPTY: Encoded = { stdout: "{}\n", exitCode: 0 };

export const cursor: Host = {
  id: "cursor",
  name: caps.name,
  readInput: (event, raw, matcher) => readHostInput(caps, event, raw, matcher, fromCursor),
  degrade: degradeFor(caps),
  async encode(event, answer) {
    const why = unhonoured(caps, event, answer);
    if (why) return { refused: why };
    return encodeCursor(event, answer);
  },
  failOpen: () => EMPTY,
  failClosed(event, message) {
    // Exit 2 denies on Cursor whatever stdout says; the JSON says why where the event takes a permission.
    const line = oneLine(message);
    const stdout = event === "PreToolUse" ? `${JSON.stringify({ permission: "deny", user_message: line, agent_message: line })}\n` : "{}\n";
    return { stdout, stderr: line, exitCode: 2 };
  },
  asyncMarker: () => undefined,
  defaultTimeout: () => caps.defaultTimeout,
};

/** Cursor's payload in Claude Code's names. */
export function fromCursor(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  if (!("session_id" in out) && typeof out.conversation_id === "string") out.session_id = out.conversation_id;
  if (typeof out.tool_name === "string") out.tool_name = toolFromHost(caps, out.tool_name);
  // beforeShellExecution-shaped payloads carry the command at the top level.
  if (out.tool_name === undefined && typeof out.command === "string") out.tool_input = { command: out.command };
  if (out.tool_name === undefined && typeof out.command === "string") out.tool_name = "Bash";
  if (!("cwd" in out) && Array.isArray(out.workspace_roots) && typeof out.workspace_roots[0] === "string") out.cwd = out.workspace_roots[0];
  if ("tool_output" in out && !("tool_response" in out)) out.tool_response = out.tool_output;
  return out;
}

function encodeCursor(_event: HookEventName, answer: Answer): Encoded | { refused: string } {
  const json = (output: Record<string, unknown>): Encoded => ({ stdout: `${JSON.stringify(output)}\n`, exitCode: 0 });
  switch (answer.kind) {
    case "none":
      return EMPTY;
    case "exit2":
      return { stdout: "{}\n", stderr: oneLine(answer.message), exitCode: 2 };
    case "deny":
      return json({ permission: "deny", user_message: answer.message ?? answer.reason, agent_message: answer.reason });
    case "ask":
      return json({ permission: "ask", user_message: answer.message ?? answer.reason, agent_message: answer.reason });
    case "allow":
      return json({ permission: "allow" });
    case "context":
      return json({ additional_context: answer.text });
    case "block":
      return json({ continue: false, user_message: answer.message ?? answer.reason });
    default:
      return { refused: `${caps.name} does not act on a ${answer.kind} answer` };
  }
}
