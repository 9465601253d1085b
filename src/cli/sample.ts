// A realistic sample event that a hook's matcher selects, for `run` and doctor's live check: the
// first plain alternative of the matcher goes into the field the host compares it with.
import { isHookEventName } from "../protocol/index.ts";
import { sampleInput } from "../testing/index.ts";
import { MATCHED_FIELD } from "./doctor/events.ts";

/** tool_input for tools whose fixture default (a Bash command) would not make sense. */
const TOOL_INPUTS: Record<string, Record<string, unknown>> = {
  AskUserQuestion: {
    questions: [
      {
        question: "Which database should the service use?",
        header: "Database",
        multiSelect: false,
        options: [
          { label: "Postgres", description: "Relational, what production runs" },
          { label: "SQLite", description: "A file, simplest for local work" },
        ],
      },
    ],
  },
  Edit: { file_path: "/home/dev/app/src/index.ts", old_string: "const a = 1;", new_string: "const a = 2;" },
  Write: { file_path: "/home/dev/app/notes.md", content: "# Notes\n" },
  Read: { file_path: "/home/dev/app/README.md" },
};

export function sampleFor(event: string, matcher: string | undefined, cwd: string, tool?: string): Record<string, unknown> {
  if (!isHookEventName(event)) return {};
  const field = MATCHED_FIELD[event];
  const first = (matcher ?? "").split(/[|,]/).map((s) => s.trim()).find((s) => /^[A-Za-z0-9_-]+$/.test(s));
  const overrides: Record<string, unknown> = { cwd };
  const value = field === "tool_name" ? (tool ?? first) : first;
  if (field && value) overrides[field] = value;
  if (field === "tool_name" && value && TOOL_INPUTS[value]) overrides.tool_input = TOOL_INPUTS[value];
  return sampleInput(event, overrides as never) as Record<string, unknown>;
}
