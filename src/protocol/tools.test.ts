import { expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { SAMPLE_TOOL_INPUTS } from "./samples.ts";
import { BUILTIN_TOOLS, ToolInputSchemas } from "./tools.ts";

test("every built-in tool has a sample input, and each sample matches its schema", () => {
  expect(Object.keys(SAMPLE_TOOL_INPUTS).sort()).toEqual([...BUILTIN_TOOLS].sort());
  for (const tool of BUILTIN_TOOLS) expect([tool, Value.Check(ToolInputSchemas[tool], SAMPLE_TOOL_INPUTS[tool])]).toEqual([tool, true]);
});

test("the schemas are open (a newer host's extra field passes) but keep their required fields", () => {
  expect(Value.Check(ToolInputSchemas.Bash, { command: "ls", a_field_from_next_year: 1 })).toBe(true);
  expect(Value.Check(ToolInputSchemas.Bash, { description: "no command" })).toBe(false);
  expect(Value.Check(ToolInputSchemas.Edit, { file_path: "/a", old_string: "x" })).toBe(false);
});
