// `hookkit schema`: the TypeBox schemas in src/protocol are JSON Schema already; this writes them out
// for editors, other languages and validators outside hookkit.
import { defineCommand } from "citty";
import { join, resolve } from "node:path";
import { atomicWrite } from "../../kit/files.ts";
import { AsyncMarker, HOOK_EVENTS, InputSchemas, isHookEventName, OutputSchemas, type HookEventName } from "../../protocol/index.ts";
import { BUILTIN_TOOLS, ToolInputSchemas, type BuiltinToolName } from "../../protocol/tools.ts";
import { CliError, closest } from "../errors.ts";
import { log } from "../log.ts";

const DRAFT = "http://json-schema.org/draft-07/schema#";

/** A plain JSON copy: TypeBox's symbol keys (Kind, Optional) do not survive JSON, as intended. */
const document = (schema: unknown) => ({ $schema: DRAFT, ...(JSON.parse(JSON.stringify(schema)) as object) });

export default defineCommand({
  meta: { name: "schema", description: "Print or write JSON Schema files for every hook input and output" },
  args: {
    event: { type: "string", description: "Only this event (e.g. PreToolUse)", valueHint: "Event" },
    out: { type: "string", description: "Write <Event>.input.schema.json / <Event>.output.schema.json here instead of printing", valueHint: "dir" },
    tool: { type: "string", description: "Print a built-in tool's tool_input schema instead (e.g. Bash); `all` for every tool", valueHint: "Tool" },
  },
  run({ args }) {
    if (args.tool !== undefined) {
      const names = args.tool === "all" ? BUILTIN_TOOLS : [args.tool];
      for (const name of names)
        if (!(BUILTIN_TOOLS as string[]).includes(name)) {
          const guess = closest(name, [...BUILTIN_TOOLS]);
          throw new CliError(`"${name}" is not a built-in tool${guess ? `; did you mean ${guess}?` : ""} Tools: ${BUILTIN_TOOLS.join(", ")}; an MCP tool's input is whatever its server declares`);
        }
      const pick = (n: string) => document(ToolInputSchemas[n as BuiltinToolName]);
      console.log(JSON.stringify(args.tool === "all" ? Object.fromEntries(names.map((n) => [n, pick(n)])) : pick(names[0]!), null, 2));
      return 0;
    }
    let events: HookEventName[] = [...HOOK_EVENTS];
    if (args.event !== undefined) {
      if (!isHookEventName(args.event)) {
        const guess = closest(args.event, [...HOOK_EVENTS]);
        throw new CliError(`unknown event "${args.event}"${guess ? `; did you mean ${guess}?` : ""} Events: ${HOOK_EVENTS.join(", ")}`);
      }
      events = [args.event];
    }
    if (args.out === undefined) {
      const pick = (e: HookEventName) => ({ input: document(InputSchemas[e]), output: document(OutputSchemas[e]) });
      const value = args.event ? pick(events[0]!) : { ...Object.fromEntries(events.map((e) => [e, pick(e)])), AsyncMarker: document(AsyncMarker) };
      console.log(JSON.stringify(value, null, 2));
      return 0;
    }
    const dir = resolve(args.out);
    const files: Array<[string, unknown]> = events.flatMap((e): Array<[string, unknown]> => [
      [`${e}.input.schema.json`, InputSchemas[e]],
      [`${e}.output.schema.json`, OutputSchemas[e]],
    ]);
    if (!args.event) files.push(["AsyncMarker.schema.json", AsyncMarker]);
    for (const [name, schema] of files) atomicWrite(join(dir, name), `${JSON.stringify(document(schema), null, 2)}\n`);
    log.success(`wrote ${files.length} schema files to ${dir}`);
    return 0;
  },
});
