// A realistic sample event that a hook's matcher selects, for `run` and doctor's live check: the
// first plain alternative of the matcher goes into the field the host compares it with (a tool
// name also brings that tool's realistic tool_input, from src/protocol/samples.ts).
import { isHookEventName } from "../protocol/index.ts";
import { sampleInput } from "../protocol/samples.ts";
import { MATCHED_FIELD } from "../protocol/config.ts";

export function sampleFor(event: string, matcher: string | undefined, cwd: string, tool?: string): Record<string, unknown> {
  if (!isHookEventName(event)) return {};
  const field = MATCHED_FIELD[event];
  const first = (matcher ?? "").split(/[|,]/).map((s) => s.trim()).find((s) => /^[A-Za-z0-9_-]+$/.test(s));
  const overrides: Record<string, unknown> = { cwd };
  const value = field === "tool_name" ? (tool ?? first) : first;
  if (field && value) overrides[field] = value;
  return sampleInput(event, overrides as never) as Record<string, unknown>;
}
