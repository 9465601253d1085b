// The four adapters and the capability check, in-process through the real run loop, with payloads as
// the real CLIs sent them here (Codex 0.171.0, Gemini CLI 0.61.0, Copilot CLI 1.0.102) and, for Cursor,
// as its documentation shows them.
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answer, defineHook } from "../runtime/index.ts";
import type { Answer } from "../runtime/answer.ts";
import { invokeHook } from "../testing/index.ts";
import { CAPS, checkHookForHost, translateMatcher } from "./capabilities.ts";
import { assertHostsCanHonour, HostBuildError } from "./config-common.ts";
import { codex } from "./codex/adapter.ts";
import { codexHooks } from "./codex/config.ts";
import { copilot } from "./copilot/adapter.ts";
import { copilotHooks } from "./copilot/config.ts";
import { cursor } from "./cursor/adapter.ts";
import { cursorHooks } from "./cursor/config.ts";
import { gemini } from "./gemini/adapter.ts";
import { geminiHooks } from "./gemini/config.ts";

const env = { HOOKKIT_STATE_DIR: mkdtempSync(join(tmpdir(), "hosts-test-")) };

const PAYLOAD = {
  codex: {
    session_id: "s1", turn_id: "t1", transcript_path: "/tmp/t.jsonl", cwd: "/work/p", hook_event_name: "PreToolUse", model: "gpt-5",
    permission_mode: "bypassPermissions", tool_name: "Bash", tool_input: { command: "rm -rf victim" }, tool_use_id: "call_1",
  },
  gemini: {
    session_id: "s1", transcript_path: "/tmp/t.jsonl", cwd: "/work/p", hook_event_name: "BeforeTool", timestamp: "2026-12-07T20:48:15.537Z",
    tool_name: "run_shell_command", tool_input: { command: "rm -rf victim", description: "scripted step" },
  },
  copilot: { sessionId: "s1", timestamp: 1796676823082, cwd: "/work/p", toolName: "bash", toolArgs: { command: "rm -rf victim", description: "scripted step" } },
  cursor: {
    conversation_id: "c1", generation_id: "g1", model: "m", hook_event_name: "preToolUse", cursor_version: "2.0", workspace_roots: ["/work/p"],
    tool_name: "Shell", tool_input: { command: "rm -rf victim" },
  },
};

/** A PreToolUse hook on Bash that records the input it got and gives `give`. */
function probe(give: () => Answer, extra: Record<string, unknown> = {}) {
  const seen: Record<string, unknown>[] = [];
  const hook = defineHook({
    name: "probe",
    event: "PreToolUse",
    matcher: "Bash",
    ...extra,
    run(input) {
      seen.push(input as unknown as Record<string, unknown>);
      return give() as never;
    },
  });
  return { hook, seen };
}

describe("every host hands the hook the same typed input", () => {
  for (const [id, host] of [["codex", codex], ["gemini", gemini], ["copilot", copilot], ["cursor", cursor]] as const) {
    test(`${id}: Bash with tool_input.command, event PreToolUse`, async () => {
      const { hook, seen } = probe(() => answer.none());
      await invokeHook(hook, PAYLOAD[id], { host, env });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.tool_name).toBe("Bash");
      expect((seen[0]!.tool_input as { command: string }).command).toBe("rm -rf victim");
      expect(seen[0]!.hook_event_name).toBe("PreToolUse");
      expect(seen[0]!.cwd).toBe("/work/p");
    });
  }

  test("copilot: toolArgs as a JSON string (the documented form) is parsed too", async () => {
    const { hook, seen } = probe(() => answer.none());
    await invokeHook(hook, { ...PAYLOAD.copilot, toolArgs: JSON.stringify({ command: "ls" }) }, { host: copilot, env });
    expect((seen[0]!.tool_input as { command: string }).command).toBe("ls");
  });

  test("copilot has no matchers: the adapter skips other tools without running the hook, with no answer", async () => {
    const { hook, seen } = probe(() => answer.deny("never"));
    const run = await invokeHook(hook, { ...PAYLOAD.copilot, toolName: "view", toolArgs: { path: "a" } }, { host: copilot, env });
    expect(seen).toHaveLength(0);
    expect(run.stdout).toBe("");
    expect(run.exitCode).toBe(0);
  });

  test("gemini: another event's payload is refused, not run", async () => {
    const { hook, seen } = probe(() => answer.none(), { failClosed: true });
    const run = await invokeHook(hook, { ...PAYLOAD.gemini, hook_event_name: "AfterTool" }, { host: gemini, env });
    expect(seen).toHaveLength(0);
    expect(run.exitCode).toBe(2);
  });
});

describe("codex: a file edit (apply_patch) reaches an Edit|Write hook with the files it touches", () => {
  // As Codex 0.171.0 sent it (docs/protocol/codex.md), ids shortened.
  const PATCH_PAYLOAD = {
    ...PAYLOAD.codex,
    model: "gpt-5.5",
    tool_name: "apply_patch",
    tool_input: { command: "*** Begin Patch\n*** Update File: protected/key.txt\n@@\n one\n-two\n+TWO\n*** Add File: notes.md\n+hi\n*** End Patch\n" },
    tool_use_id: "call_fake_0",
  };
  const guard = (seen: Record<string, unknown>[]) =>
    defineHook({
      name: "protect",
      event: "PreToolUse",
      matcher: "Edit|Write",
      failClosed: true,
      answers: ["deny"],
      run(input) {
        seen.push(input as unknown as Record<string, unknown>);
        const paths = input.tool_name === "apply_patch" ? input.tool_input.files.map((f) => f.move_path ?? f.file_path) : [input.tool_input.file_path];
        if (input.tool_name === "apply_patch" && paths.length === 0) return answer.deny("protect: a patch whose files cannot be read");
        const hit = paths.find((p) => p.startsWith("/work/p/protected/"));
        return hit ? answer.deny(`protect: ${hit} is protected`) : answer.none();
      },
    });

  test("the raw patch is kept, the files are added with absolute paths, and the guard's deny is written", async () => {
    const seen: Record<string, unknown>[] = [];
    const run = await invokeHook(guard(seen), PATCH_PAYLOAD, { host: codex, env });
    expect(seen[0]!.tool_name).toBe("apply_patch");
    expect(seen[0]!.tool_input).toEqual({
      command: PATCH_PAYLOAD.tool_input.command,
      files: [
        { action: "update", file_path: "/work/p/protected/key.txt" },
        { action: "add", file_path: "/work/p/notes.md" },
      ],
    });
    expect(run.output).toEqual({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "protect: /work/p/protected/key.txt is protected" } });
  });

  test("a patch to other files gets no opinion; a malformed one has no files (and this guard denies it)", async () => {
    const seen: Record<string, unknown>[] = [];
    const other = await invokeHook(guard(seen), { ...PATCH_PAYLOAD, tool_input: { command: "*** Begin Patch\n*** Delete File: old.md\n*** End Patch" } }, { host: codex, env });
    expect(other.stdout).toBe("");
    const broken = await invokeHook(guard(seen), { ...PATCH_PAYLOAD, tool_input: { command: "*** Update File: protected/key.txt" } }, { host: codex, env });
    expect((seen[1]!.tool_input as { files: unknown[] }).files).toEqual([]);
    expect(broken.output).toMatchObject({ hookSpecificOutput: { permissionDecision: "deny" } });
  });

  test("a shell command that runs apply_patch is read as the edit it is; any other is skipped without running the hook", async () => {
    const seen: Record<string, unknown>[] = [];
    const heredoc = "cd protected && apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: new.txt\n+x\n*** End Patch\nEOF";
    const run = await invokeHook(guard(seen), { ...PAYLOAD.codex, tool_input: { command: heredoc } }, { host: codex, env });
    expect(seen[0]).toMatchObject({ tool_name: "apply_patch", tool_input: { command: heredoc, files: [{ action: "add", file_path: "/work/p/protected/new.txt" }] } });
    expect(run.output).toMatchObject({ hookSpecificOutput: { permissionDecision: "deny", permissionDecisionReason: "protect: /work/p/protected/new.txt is protected" } });
    const other = await invokeHook(guard(seen), PAYLOAD.codex, { host: codex, env });
    expect(seen).toHaveLength(1);
    expect(other.stdout).toBe("");
    expect(other.exitCode).toBe(0);
    // apply_patch run some other way: the files are not read, and this fail-closed guard denies it
    const piped = await invokeHook(guard(seen), { ...PAYLOAD.codex, tool_input: { command: "cat p.diff | apply_patch" } }, { host: codex, env });
    expect((seen[1]!.tool_input as { files: unknown[] }).files).toEqual([]);
    expect(piped.output).toMatchObject({ hookSpecificOutput: { permissionDecision: "deny" } });
  });

  test("a hook that asks for Bash as well gets shell commands as Bash", async () => {
    const seen: Record<string, unknown>[] = [];
    const both = defineHook({ name: "both", event: "PreToolUse", matcher: "Bash|Edit", run: (input) => void seen.push(input as unknown as Record<string, unknown>) });
    await invokeHook(both, { ...PAYLOAD.codex, tool_input: { command: "apply_patch <<'EOF'\n*** Begin Patch\n*** Delete File: a\n*** End Patch\nEOF" } }, { host: codex, env });
    expect(seen[0]!.tool_name).toBe("Bash");
  });

  test("PostToolUse gets the files too; other tools' input is untouched", async () => {
    const seen: Record<string, unknown>[] = [];
    const after = defineHook({ name: "after", event: "PostToolUse", matcher: "apply_patch", run: (input) => void seen.push(input as unknown as Record<string, unknown>) });
    await invokeHook(after, { ...PATCH_PAYLOAD, hook_event_name: "PostToolUse", tool_response: "Exit code: 0\nSuccess. Updated the following files:\nA notes.md\n" }, { host: codex, env });
    expect((seen[0]!.tool_input as { files: unknown[] }).files).toHaveLength(2);
    const { hook, seen: bash } = probe(() => answer.none());
    await invokeHook(hook, PAYLOAD.codex, { host: codex, env });
    expect(bash[0]!.tool_input).toEqual({ command: "rm -rf victim" });
  });

  test("the Codex config selects apply_patch by name, and Bash, when the matcher names Edit or Write", () => {
    const matcherOf = (matcher: string | undefined) => codexHooks([{ name: "g", event: "PreToolUse", matcher, answers: ["deny"] }], { binName: "kit", root: "/opt/kit" }).PreToolUse![0]!.matcher;
    expect(matcherOf("Edit|Write")).toBe("Edit|Write|apply_patch|Bash");
    expect(matcherOf("Write")).toBe("Write|apply_patch|Bash");
    expect(matcherOf("Bash|Edit")).toBe("Bash|Edit|apply_patch");
    expect(matcherOf("apply_patch")).toBe("apply_patch|Bash");
    expect(matcherOf("Bash")).toBe("Bash");
    expect(matcherOf(undefined)).toBeUndefined();
    expect(matcherOf("Edit.*")).toBe("Edit.*");
  });
});

describe("a deny, in each host's own words", () => {
  test("codex: Claude Code's hookSpecificOutput deny", async () => {
    const run = await invokeHook(probe(() => answer.deny("no")).hook, PAYLOAD.codex, { host: codex, env });
    expect(run.output).toEqual({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "no" } });
  });
  test("gemini: a top-level decision (Claude Code's shape would be ignored and the tool would run)", async () => {
    const run = await invokeHook(probe(() => answer.deny("no")).hook, PAYLOAD.gemini, { host: gemini, env });
    expect(run.output).toEqual({ decision: "deny", reason: "no" });
  });
  test("copilot: a top-level permissionDecision", async () => {
    const run = await invokeHook(probe(() => answer.deny("no")).hook, PAYLOAD.copilot, { host: copilot, env });
    expect(run.output).toEqual({ permissionDecision: "deny", permissionDecisionReason: "no" });
  });
  test("cursor: permission with messages for the user and the agent", async () => {
    const run = await invokeHook(probe(() => answer.deny("no")).hook, PAYLOAD.cursor, { host: cursor, env });
    expect(run.output).toEqual({ permission: "deny", user_message: "no", agent_message: "no" });
  });
});

describe("no opinion", () => {
  test("cursor never gets empty stdout, not for no opinion and not for a fail-open failure", async () => {
    const none = await invokeHook(probe(() => answer.none()).hook, PAYLOAD.cursor, { host: cursor, env });
    expect(none.stdout).toBe("{}\n");
    const failing = defineHook({ name: "boom", event: "PreToolUse", run: () => { throw new Error("x"); } });
    const crashed = await invokeHook(failing, PAYLOAD.cursor, { host: cursor, env });
    expect(crashed.stdout).toBe("{}\n");
    expect(crashed.exitCode).toBe(0);
  });
  for (const [id, host] of [["codex", codex], ["gemini", gemini], ["copilot", copilot]] as const) {
    test(`${id}: empty stdout, exit 0`, async () => {
      const run = await invokeHook(probe(() => answer.none()).hook, PAYLOAD[id], { host, env });
      expect(run.stdout).toBe("");
      expect(run.exitCode).toBe(0);
    });
  }
});

describe("answers a host would drop are never written", () => {
  test("codex: a bare allow or an ask is refused at run time, and a fail-closed hook then blocks", async () => {
    for (const give of [() => answer.allow(), () => answer.ask("sure?")]) {
      const run = await invokeHook(probe(give, { failClosed: true }).hook, PAYLOAD.codex, { host: codex, env });
      expect(run.stdout).not.toContain("allow");
      expect(run.stdout).not.toContain("ask");
      expect(run.exitCode).toBe(2);
    }
  });
  test("codex: with degrade { ask: 'deny' } an ask is written as a deny with its reason", async () => {
    const run = await invokeHook(probe(() => answer.ask("risky"), { degrade: { ask: "deny" } }).hook, PAYLOAD.codex, { host: codex, env });
    expect(run.output.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(run.output.hookSpecificOutput.permissionDecisionReason).toBe("risky");
  });
  test("a kind outside the hook's declared answers is a failure, even where the host has it", async () => {
    const run = await invokeHook(probe(() => answer.ask("x"), { answers: ["deny"], failClosed: true }).hook, PAYLOAD.cursor, { host: cursor, env });
    expect(run.exitCode).toBe(2);
    expect(run.output.permission).toBe("deny");
  });
});

describe("the build-time check", () => {
  const askHook = { name: "asker", event: "PreToolUse" as const, matcher: "Bash", answers: ["ask", "deny"] as const };

  test("refuses an ask for Codex without a declared fallback, naming hook, host and answer", () => {
    const problems = checkHookForHost(askHook, "codex");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ hook: "asker", host: "codex", answer: "ask" });
    expect(problems[0]!.message).toContain('hook "asker"');
    expect(problems[0]!.message).toContain("Codex CLI");
    expect(() => assertHostsCanHonour([askHook], ["claude", "codex"])).toThrow(HostBuildError);
  });
  test("accepts it with degrade { ask: 'deny' }", () => {
    expect(checkHookForHost({ ...askHook, degrade: { ask: "deny" } }, "codex")).toEqual([]);
  });
  test("a hook without a declaration may give anything its event allows, so non-Claude hosts refuse it", () => {
    const open = { name: "open", event: "PreToolUse" as const };
    expect(checkHookForHost(open, "claude")).toEqual([]);
    for (const host of ["codex", "gemini", "copilot", "cursor"] as const) expect(checkHookForHost(open, host).length).toBeGreaterThan(0);
  });
  test("context on a host without it is refused unless it may be dropped", () => {
    const ctx = { name: "ctx", event: "PostToolUse" as const, answers: ["context"] as const };
    const stop = { name: "ctx", event: "UserPromptSubmit" as const, answers: ["context"] as const };
    expect(checkHookForHost(stop, "cursor").map((p) => p.answer)).toEqual(["context"]);
    expect(checkHookForHost({ ...stop, degrade: { context: "none" } }, "cursor")).toEqual([]);
    expect(checkHookForHost(ctx, "gemini")).toEqual([]);
    expect(checkHookForHost(ctx, "copilot")).toEqual([]);
  });
  test("an event the host lacks, a regex matcher it cannot translate, and async are refused", () => {
    expect(checkHookForHost({ name: "x", event: "PermissionRequest", answers: ["deny"] }, "gemini")[0]!.message).toContain("no PermissionRequest");
    expect(checkHookForHost({ name: "x", event: "PreToolUse", matcher: "Ba.*", answers: ["deny"] }, "gemini")[0]!.message).toContain("matcher");
    expect(checkHookForHost({ name: "x", event: "PreToolUse", async: true, answers: ["deny"] }, "codex")[0]!.message).toContain("async");
  });
  test("matchers are said in the host's tool names", () => {
    expect(translateMatcher(CAPS.gemini, "Bash|Edit")).toBe("run_shell_command|replace");
    expect(translateMatcher(CAPS.cursor, "Bash")).toBe("Shell");
    expect(translateMatcher(CAPS.codex, "Bash")).toBe("Bash");
  });
});

describe("config", () => {
  const guard = { name: "guard", event: "PreToolUse" as const, matcher: "Bash", timeout: 7, failClosed: true, answers: ["deny"] as const };
  const opts = { binName: "kit", root: "/opt/kit" };

  test("Gemini's timeout is written in milliseconds (and its default, 60 s, too)", () => {
    expect(geminiHooks([guard], opts).BeforeTool![0]!.hooks[0]!.timeout).toBe(7000);
    expect(geminiHooks([{ ...guard, timeout: undefined }], opts).BeforeTool![0]!.hooks[0]!.timeout).toBe(60_000);
    expect(geminiHooks([guard], opts).BeforeTool![0]!.matcher).toBe("run_shell_command");
  });
  test("every command names its host; Codex has a Windows form that calls the .exe with no shell syntax", () => {
    const handler = codexHooks([guard], opts).PreToolUse![0]!.hooks[0]!;
    expect(handler.command).toBe('BUN_JSC_useJIT=0 "/opt/kit/bin/kit" guard --host codex');
    expect(handler.command_windows).toBe('"/opt/kit\\bin\\kit-windows-x64.exe" guard --host codex');
    expect(handler.timeout).toBe(7);
    expect(copilotHooks([guard], opts).hooks.preToolUse![0]!.powershell).toContain("kit-windows-x64.exe') guard --host copilot");
    expect(geminiHooks([guard], { ...opts, windows: true }).BeforeTool![0]!.hooks[0]!.command).toBe('& "/opt/kit\\bin\\kit-windows-x64.exe" guard --host gemini');
  });
  test("Cursor: failClosed on a fail-closed hook, not on others", () => {
    const hooks = cursorHooks([guard, { name: "ctx", event: "PostToolUse", answers: ["context"] }], opts).hooks;
    expect(hooks.preToolUse![0]).toMatchObject({ matcher: "Shell", failClosed: true, timeout: 7 });
    expect(hooks.postToolUse![0]!.failClosed).toBeUndefined();
  });
});

describe("build --host", () => {
  test("refuses an ask for Codex without a declared fallback, before compiling anything", async () => {
    const { build } = await import("../build/index.ts");
    const outDir = mkdtempSync(join(tmpdir(), "refused-"));
    const quiet = { start() {}, success() {}, info() {}, warn() {}, log() {}, table() {} };
    const attempt = build({ root: join(import.meta.dir, "..", ".."), hooks: "test/fixtures/hosts/index.ts", targets: ["host"], outDir, writeRepoHooks: false, logger: quiet, hosts: ["claude", "codex"] });
    await expect(attempt).rejects.toThrow(/hook "asker" cannot be built for Codex CLI: an ask answer is declared/);
    expect(await Bun.file(join(outDir, "bin")).exists()).toBe(false);
  });
});
