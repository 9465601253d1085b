// The same example bundle (built from the same source as the Codex, Gemini and Copilot bundles) in the
// real Claude Code, offline: the guard denies the scripted rm -rf and the directory survives, a harmless
// command runs, and the context hook's text reaches the model's next request.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLAUDE_VERSION, claudeBinary, requestText, runSession } from "../claude/_session.ts";
import { type Built, buildExample } from "./_bundles.ts";

let example: Built;
beforeAll(async () => {
  example = await buildExample();
});
afterAll(() => example?.cleanup());

describe.skipIf(!claudeBinary())(`claude ${CLAUDE_VERSION}`, () => {
  test("the example's guard denies rm -rf (the directory survives), a harmless command runs, context reaches the model", async () => {
    const project = mkdtempSync(join(tmpdir(), "every-agent-claude-"));
    mkdirSync(join(project, "victim"));
    const session = await runSession({
      cwd: project,
      pluginDirs: [example.pluginDir],
      args: ["--allowedTools", "Bash"],
      script: {
        turns: [[{ tool: "Bash", input: { command: "rm -rf victim", description: "remove" } }], [{ tool: "Bash", input: { command: "touch harmless-ran", description: "touch" } }]],
        finalText: "finished",
      },
    });
    try {
      expect(session.timedOut).toBe(false);
      expect(existsSync(join(project, "victim"))).toBe(true);
      expect(existsSync(join(project, "harmless-ran"))).toBe(true);
      const sent = session.turns.map(requestText).join("\n");
      expect(sent).toContain("no-rm-rf: a recursive forced delete is not allowed here");
      expect(sent).toContain("shell-context: commands run in");
    } finally {
      session.cleanup();
      rmSync(project, { recursive: true, force: true });
    }
  });
});
