// File edits on the real Codex CLI, offline: the model (a scripted fake) edits files with Codex's
// apply_patch, and a fail-closed hookkit guard on Edit|Write, built and installed by hookkit, decides.
// Judged by what Codex does: the protected file is unchanged on disk, the other file changed, and the
// guard's reason is what the model is told. Both ways a model calls apply_patch are played: the freeform
// tool itself (gpt-5.5's tools) and from a code-mode script (what Codex's newer models get).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI_VERSIONS, cliBinary, runCliSession, sentText } from "../_cli-session.ts";
import { type Built, buildEditGuard, install } from "../every-agent/_bundles.ts";

let guard: Built;
beforeAll(async () => {
  guard = await buildEditGuard();
});
afterAll(() => guard?.cleanup());

const patch = (...body: string[]) => ["*** Begin Patch", ...body, "*** End Patch", ""].join("\n");
const update = (path: string) => patch(`*** Update File: ${path}`, "@@", " one", "-two", "+TWO");

/** protected/secret.txt and notes.txt, both "one\ntwo\n", and the guard installed. */
function setup({ project, env }: { project: string; env: Record<string, string> }): void {
  mkdirSync(join(project, "protected"));
  writeFileSync(join(project, "protected", "secret.txt"), "one\ntwo\n");
  writeFileSync(join(project, "notes.txt"), "one\ntwo\n");
  install(guard, "codex", env);
}

const read = (project: string, path: string) => readFileSync(join(project, path), "utf8");

describe.skipIf(!cliBinary("codex"))(`codex ${CLI_VERSIONS.codex}: apply_patch and an Edit|Write guard`, () => {
  test("the bundle's matcher names apply_patch and Bash next to Edit|Write", () => {
    const hooks = JSON.parse(readFileSync(join(guard.dir("codex"), "hooks", "hooks.json"), "utf8"));
    expect(hooks.hooks.PreToolUse[0].matcher).toBe("Edit|Write|apply_patch|Bash");
  });

  test("a patch to a protected file is denied (the file is unchanged), one to another file goes through", async () => {
    const session = await runCliSession({
      host: "codex",
      model: "gpt-5.5",
      script: { turns: [{ patch: update("protected/secret.txt") }, { patch: update("notes.txt") }], finalText: "finished" },
      setup,
    });
    try {
      expect(session.timedOut).toBe(false);
      expect(read(session.project, "protected/secret.txt")).toBe("one\ntwo\n");
      expect(read(session.project, "notes.txt")).toBe("one\nTWO\n");
      const sent = sentText(session.requests);
      expect(sent).toContain(`Command blocked by PreToolUse hook: protect-files: ${session.project}/protected/secret.txt is protected`);
      expect(sent).toContain("Success. Updated the following files:\nM notes.txt");
    } finally {
      session.cleanup();
    }
  });

  test("one patch over several files is denied whole when one is protected, and so is a move into protected/; Codex itself rejects a malformed patch before any hook", async () => {
    const session = await runCliSession({
      host: "codex",
      model: "gpt-5.5",
      script: {
        turns: [
          { patch: patch("*** Add File: fresh.txt", "+fresh", "*** Update File: notes.txt", "@@", " one", "-two", "+TWO", "*** Delete File: protected/secret.txt") },
          { patch: patch("*** Update File: notes.txt", "*** Move to: protected/notes.txt", "@@", " one", "-two", "+TWO") },
          { patch: "*** Update File: notes.txt\n@@\n one\n-two\n+TWO\n" },
        ],
        finalText: "finished",
      },
      setup,
    });
    try {
      expect(session.timedOut).toBe(false);
      expect(read(session.project, "protected/secret.txt")).toBe("one\ntwo\n");
      expect(read(session.project, "notes.txt")).toBe("one\ntwo\n");
      expect(() => read(session.project, "fresh.txt")).toThrow();
      expect(() => read(session.project, "protected/notes.txt")).toThrow();
      const sent = sentText(session.requests);
      expect(sent).toContain(`protect-files: ${session.project}/protected/secret.txt is protected`);
      expect(sent).toContain(`protect-files: ${session.project}/protected/notes.txt is protected`);
      // Codex verifies the patch before PreToolUse: a malformed one never reaches the guard.
      expect(sent).toContain("apply_patch verification failed: invalid patch");
      expect(sent).not.toContain("protect-files: a patch whose files cannot be read");
    } finally {
      session.cleanup();
    }
  });

  test("apply_patch run as a shell heredoc (which Codex applies itself, its hooks seeing only Bash) is judged as an edit; other commands run", async () => {
    const heredoc = (prefix: string, path: string) => `${prefix}apply_patch <<'EOF'\n${update(path)}EOF`;
    const session = await runCliSession({
      host: "codex",
      model: "gpt-5.5",
      script: {
        turns: [{ shell: heredoc("", "protected/secret.txt") }, { shell: heredoc("cd protected && ", "secret.txt") }, { shell: "touch harmless-ran" }, { shell: heredoc("", "notes.txt") }],
        finalText: "finished",
      },
      setup,
    });
    try {
      expect(session.timedOut).toBe(false);
      expect(read(session.project, "protected/secret.txt")).toBe("one\ntwo\n");
      expect(read(session.project, "harmless-ran")).toBe("");
      expect(read(session.project, "notes.txt")).toBe("one\nTWO\n");
      const sent = sentText(session.requests);
      expect(sent.split(`protect-files: ${session.project}/protected/secret.txt is protected`).length - 1).toBeGreaterThanOrEqual(2);
    } finally {
      session.cleanup();
    }
  });

  test("code mode: apply_patch called from the model's script reaches the guard too", async () => {
    const call = (path: string) => `text(JSON.stringify(await tools.apply_patch(${JSON.stringify(update(path))})));`;
    const session = await runCliSession({
      host: "codex",
      model: "gpt-6.2-sol",
      script: { turns: [{ code: call("protected/secret.txt") }, { code: call("notes.txt") }], finalText: "finished" },
      setup,
    });
    try {
      expect(session.timedOut).toBe(false);
      expect(read(session.project, "protected/secret.txt")).toBe("one\ntwo\n");
      expect(read(session.project, "notes.txt")).toBe("one\nTWO\n");
      expect(sentText(session.requests)).toContain(`protect-files: ${session.project}/protected/secret.txt is protected`);
    } finally {
      session.cleanup();
    }
  });
});
