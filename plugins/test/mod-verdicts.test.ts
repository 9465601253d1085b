// The build's mod verdicts on the example hooks: question-preference reaches the outside only through
// ctx.portable and imports from "hookkit" only what the mod build resolves (defineHook, answer), so it is
// mod-capable; ensure-python runs itself as a process (runHookMain) and the verdict names the file and line.
import { expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { loadDefinitions } from "../../src/build/index.ts";
import { modVerdicts, verdictLines } from "../../src/build/mod/generate.ts";
import { loadProject } from "../../src/project/config.ts";

const REPO = resolve(import.meta.dir, "..", "..");

test("question-preference is mod-capable; ensure-python is not, and the verdict names why", async () => {
  const project = loadProject(import.meta.dir); // plugins/test lists both example hooks
  const defs = await loadDefinitions(project.registry);
  const lines = verdictLines(modVerdicts(defs.map((def) => ({ def, file: join(project.root, project.hooks[def.name]!) })), REPO));
  expect(lines.find((l) => l.startsWith("ensure-python:"))).toMatch(/^ensure-python: not mod-capable: plugins\/python-bootstrap\/src\/hooks\/ensure-python\.ts:\d+ /);
  expect(lines.find((l) => l.startsWith("question-preference:"))).toBe("question-preference: mod-capable, on classic.PreToolUse");
});
