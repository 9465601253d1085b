// Claude Code, the first host: hookkit's input vocabulary is Claude Code's own, so reading a payload
// is tolerance (fill the event name, drop wrong-typed optional fields) and encoding is the
// hookSpecificOutput / decision / systemMessage shapes of docs/protocol/claude-code.md, validated
// against the generated output schema before anything is written: the host silently drops what it
// does not recognise, so an answer it would ignore is refused instead.
import { oneLine } from "../../base/errors.ts";
import { defaultTimeout } from "../../protocol/facts.ts";
import type { HookEventName, HookOutput } from "../../protocol/index.ts";
import { loadValidators } from "../../protocol/validators/index.gen.ts";
import type { Answer } from "../../runtime/answer.ts";
import type { Encoded, Host, InputOutcome, Metrics } from "../../runtime/host.ts";

/** Events with a permission decision inside hookSpecificOutput. */
const PERMISSION = new Set<HookEventName>(["PreToolUse", "PreModelSwitch"]);

/** One event's generated checks, loaded once (a separate chunk per event in the binary). */
const validatorsOf = (() => {
  const loading = new Map<HookEventName, ReturnType<(typeof loadValidators)[string]>>();
  return (event: HookEventName) => {
    let promise = loading.get(event);
    if (!promise) loading.set(event, (promise = loadValidators[event]!()));
    return promise;
  };
})();

export const claude: Host = {
  id: "claude",
  name: "Claude Code",

  prepare(event) {
    void validatorsOf(event);
  },

  async readInput(event, raw) {
    const named = raw.hook_event_name;
    if (named !== undefined && named !== event) {
      return {
        ok: false,
        hostFault: false,
        problem: `got a ${typeof named === "string" ? named : "malformed"} event; this hook handles ${event} (check its hooks.json entry)`,
      };
    }
    const input: Record<string, unknown> = named === undefined ? { ...raw, hook_event_name: event } : raw;
    const validators = await validatorsOf(event);
    if (validators.checkInput(input)) return { ok: true, input, notes: [] };
    return tolerate(event, input, validators.checkInput);
  },

  async encode(event, answer, metrics) {
    if (answer.kind === "exit2") return { stdout: "", stderr: oneLine(answer.message), exitCode: 2 };
    const output = toOutput(event, answer);
    if (typeof output === "string") return { refused: output };
    const full = withMetrics(output, metrics);
    if (Object.keys(full).length === 0) return { stdout: "", exitCode: 0 };
    const validators = await validatorsOf(event);
    if (!validators.checkOutput(full)) {
      const { explainOutput } = await import("../../protocol/explain.ts");
      return { refused: `it does not match the ${event} output schema: ${await explainOutput(event, full)}` };
    }
    return { stdout: `${JSON.stringify(full)}\n`, exitCode: 0 };
  },

  failOpen(_event, notice, metrics) {
    const output = withMetrics(notice ? { systemMessage: notice } : {}, metrics);
    return { stdout: Object.keys(output).length > 0 ? `${JSON.stringify(output)}\n` : "", exitCode: 0 };
  },

  failClosed(_event, message) {
    return { stdout: "", stderr: oneLine(message), exitCode: 2 };
  },

  asyncMarker(timeoutMs) {
    const marker = timeoutMs && timeoutMs > 0 ? { async: true, asyncTimeout: Math.round(timeoutMs) } : { async: true };
    return `${JSON.stringify(marker)}\n`;
  },

  defaultTimeout: (event) => defaultTimeout(event),
};

function withMetrics(output: HookOutput, metrics: Metrics | undefined): HookOutput {
  return metrics && Object.keys(metrics).length > 0 ? { ...output, metrics: metrics as HookOutput["metrics"] } : output;
}

/** The Claude Code output for an answer, or why there is none on this event. */
function toOutput(event: HookEventName, answer: Exclude<Answer, { kind: "exit2" }>): HookOutput | string {
  const message = "message" in answer && answer.message ? { systemMessage: answer.message } : {};
  const specific = (fields: Record<string, unknown>): HookOutput => ({ hookSpecificOutput: { hookEventName: event, ...fields }, ...message });
  const context = (text: string | undefined) => (text ? { additionalContext: text } : {});
  switch (answer.kind) {
    case "none":
      return { ...message };
    case "context":
      return specific(context(answer.text));
    case "block":
      return { decision: "block", reason: answer.reason, ...message };
    case "native":
      if (answer.event !== event) return `it is a ${answer.event} answer given on ${event}`;
      return answer.output as HookOutput;
    case "allow":
    case "deny":
    case "ask": {
      if (event === "PermissionRequest") {
        if (answer.kind === "ask") return "PermissionRequest has no ask (the dialog is the ask)";
        if (answer.context) return "PermissionRequest takes no additionalContext";
        const decision =
          answer.kind === "allow"
            ? { behavior: "allow", ...(answer.updatedInput ? { updatedInput: answer.updatedInput } : {}) }
            : { behavior: "deny", message: answer.reason };
        return specific({ decision });
      }
      if (!PERMISSION.has(event)) return `${event} takes no permission decision`;
      return specific({
        permissionDecision: answer.kind,
        ...(answer.reason ? { permissionDecisionReason: answer.reason } : {}),
        ...(answer.kind === "allow" && answer.updatedInput ? { updatedInput: answer.updatedInput } : {}),
        ...context(answer.context),
      });
    }
  }
}

/**
 * Drops optional fields whose type is wrong and tries again; what the event cannot do without
 * (a tool event's tool_name and object tool_input, a prompt…) stays required. Only reached when the
 * generated check failed, so TypeBox's error walker is loaded on this path alone.
 */
async function tolerate(event: HookEventName, input: Record<string, unknown>, check: (v: unknown) => boolean): Promise<InputOutcome> {
  const [{ Value }, { InputSchemas }] = await Promise.all([import("@sinclair/typebox/value"), import("../../protocol/inputs.ts")]);
  const schema = InputSchemas[event];
  const required = new Set<string>(schema.required ?? []);
  const kept: Record<string, unknown> = { ...input };
  const dropped: string[] = [];
  const missing: string[] = [];
  for (const error of Value.Errors(schema, kept)) {
    const field = error.path.split("/")[1];
    if (!field) return { ok: false, hostFault: true, problem: `invalid ${event} input: ${error.message}` };
    if (required.has(field)) {
      if (!missing.includes(field)) missing.push(`${field} (${error.message.toLowerCase()})`);
    } else if (field in kept) {
      delete kept[field];
      dropped.push(field);
    }
  }
  if (missing.length > 0 || !check(kept)) {
    const why = missing.length > 0 ? missing.join(", ") : "fields do not match the schema";
    return { ok: false, hostFault: true, problem: `invalid ${event} input, the hook cannot run without: ${why}` };
  }
  return { ok: true, input: kept, notes: dropped.length > 0 ? [`dropped ${event} input fields of the wrong type: ${dropped.join(", ")}`] : [] };
}
