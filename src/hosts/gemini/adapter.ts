// Gemini CLI: other event names (BeforeTool, AfterTool, BeforeAgent, AfterAgent), other tool names
// (run_shell_command…), and its own answer shapes: a top-level `{"decision":"deny","reason"}`; context
// in hookSpecificOutput.additionalContext. Claude Code's permissionDecision JSON is ignored there and
// the tool runs, so nothing of that shape is ever written. Exit 1 is only a warning; exit 2 blocks.
// docs/protocol/gemini.md.
import { oneLine } from "../../base/errors.ts";
import type { HookEventName } from "../../protocol/index.ts";
import type { Answer } from "../../runtime/answer.ts";
import type { Encoded, Host } from "../../runtime/host.ts";
import { CAPS, toolFromHost } from "../capabilities.ts";
import { degradeFor, exitCodeFailures, jsonLine, readHostInput, systemMessageOf, unhonoured } from "../adapt.ts";

const caps = CAPS.gemini;

export const gemini: Host = {
  id: "gemini",
  name: caps.name,
  readInput: (event, raw, matcher) =>
    readHostInput(caps, event, raw, matcher, (r) => (typeof r.tool_name === "string" ? { ...r, tool_name: toolFromHost(caps, r.tool_name) } : r)),
  degrade: degradeFor(caps),
  async encode(event, answer) {
    const why = unhonoured(caps, event, answer);
    if (why) return { refused: why };
    return encodeGemini(event, answer);
  },
  ...exitCodeFailures(),
  defaultTimeout: () => caps.defaultTimeout,
};

function encodeGemini(event: HookEventName, answer: Answer): Encoded | { refused: string } {
  const native = caps.events[event]!.name;
  const message = systemMessageOf(answer);
  switch (answer.kind) {
    case "none":
      return jsonLine(message);
    case "exit2":
      return { stdout: "", stderr: oneLine(answer.message), exitCode: 2 };
    case "deny":
      return jsonLine({ decision: "deny", reason: answer.reason, ...message });
    case "block":
      // AfterTool: the reason replaces the tool's result; BeforeAgent: the prompt is refused;
      // AfterAgent: the agent takes another turn with the reason.
      return jsonLine({ decision: "deny", reason: answer.reason, ...message });
    case "context":
      return jsonLine({ hookSpecificOutput: { hookEventName: native, additionalContext: answer.text }, ...message });
    default:
      return { refused: `${caps.name} does not act on a ${answer.kind} answer` };
  }
}
