// Readable validation errors, for the failure path only: TypeBox's Value module is imported
// lazily so a hook that receives valid input never loads it (docs/startup-costs.md).
import type { TSchema } from "@sinclair/typebox";
import type { HookEventName } from "./inputs.ts";

async function firstErrors(schema: TSchema, value: unknown, max: number): Promise<string> {
  const { Value } = await import("@sinclair/typebox/value");
  const lines: string[] = [];
  for (const error of Value.Errors(schema, value)) {
    lines.push(`${error.path || "/"}: ${error.message}`);
    if (lines.length >= max) break;
  }
  return lines.join("; ") || "value does not match the schema";
}

/** Why `value` is not a valid input for `event`, e.g. "/tool_input: Expected object". */
export async function explainInput(event: HookEventName, value: unknown, max = 3): Promise<string> {
  const { InputSchemas } = await import("./inputs.ts");
  return firstErrors(InputSchemas[event], value, max);
}

export async function explainOutput(event: HookEventName, value: unknown, max = 3): Promise<string> {
  const { OutputSchemas } = await import("./outputs.ts");
  return firstErrors(OutputSchemas[event], value, max);
}
