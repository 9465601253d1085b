// The example's guard and context hooks, built once from one source, in the real Codex CLI, Gemini CLI
// and Copilot CLI, offline (a fresh network namespace, a scripted fake model API on loopback), installed
// by hookkit's own installer:
// - the guard denies the scripted `rm -rf` and the directory survives; a harmless command runs;
// - the context hook's text reaches the model's next request where the host passes context on;
// - a fail-closed hook that crashes blocks the command.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { CLI_VERSIONS, cliBinary, runCliSession, sentText } from "../_cli-session.ts";
import { type Built, buildCrash, buildExample, install } from "./_bundles.ts";

let example: Built;
let crash: Built;

beforeAll(async () => {
  [example, crash] = await Promise.all([buildExample(), buildCrash()]);
});
afterAll(() => {
  example?.cleanup();
  crash?.cleanup();
});


for (const host of ["codex", "gemini", "copilot"] as const) {
  describe.skipIf(!cliBinary(host))(`${host} ${CLI_VERSIONS[host]}`, () => {
    test("the guard denies rm -rf (the directory survives), a harmless command runs, and context reaches the model", async () => {
      const session = await runCliSession({
        host,
        script: { turns: [{ shell: "rm -rf victim" }, { shell: "touch harmless-ran" }], finalText: "finished" },
        setup: ({ project, env }) => {
          mkdirSync(join(project, "victim"));
          install(example, host, env);
        },
      });
      try {
        expect(session.timedOut).toBe(false);
        expect(existsSync(join(session.project, "victim"))).toBe(true);
        expect(existsSync(join(session.project, "harmless-ran"))).toBe(true);
        const sent = sentText(session.requests);
        // The deny's reason is what the model is told instead of the command's output.
        expect(sent).toContain("no-rm-rf: a recursive forced delete is not allowed here");
        expect(sent).toContain(`shell-context: commands run in`);
      } finally {
        session.cleanup();
      }
    });

    test("a fail-closed hook that crashes blocks the command", async () => {
      const session = await runCliSession({
        host,
        script: { turns: [{ shell: "touch should-not-exist" }], finalText: "finished" },
        setup: ({ env }) => install(crash, host, env),
      });
      try {
        expect(session.timedOut).toBe(false);
        expect(existsSync(join(session.project, "should-not-exist"))).toBe(false);
        expect(sentText(session.requests)).toContain("crash-guard");
      } finally {
        session.cleanup();
      }
    });
  });
}
