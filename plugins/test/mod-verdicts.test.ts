// The build's mod verdicts on the example hooks: neither is mod-capable (each imports "hookkit" by package
// name, which a mod cannot), and each verdict names the file and line why.
import { expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { loadDefinitions } from "../../src/build/index.ts";
import { modVerdicts, verdictLines } from "../../src/build/mod/generate.ts";
import { loadProject } from "../../src/project/config.ts";

const REPO = resolve(import.meta.dir, "..", "..");

test("the example hooks are not mod-capable, and the verdict names why", async () => {
  const project = loadProject(import.meta.dir); // plugins/test lists both example hooks
  const defs = await loadDefinitions(project.registry);
  const lines = verdictLines(modVerdicts(defs.map((def) => ({ def, file: join(project.root, project.hooks[def.name]!) })), REPO));
  expect(lines.find((l) => l.startsWith("ensure-python:"))).toMatch(/^ensure-python: not mod-capable: plugins\/python-bootstrap\/src\/hooks\/ensure-python\.ts:\d+ /);
  expect(lines.find((l) => l.startsWith("question-preference:"))).toMatch(/^question-preference: not mod-capable: plugins\/gstack-plan-tune\/src\/hooks\/question-preference\.ts:\d+ /);
});
