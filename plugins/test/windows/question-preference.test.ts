// The shipped question-preference as a Windows program under Wine: `hookkit-windows-x64.exe question-preference`
// with the event on a pipe, as Claude Code on Windows runs it, over the decisions test/e2e/ covers on Linux.
// gstack's state root is D:\gstack state (a mapped drive, a space), its install (the registry) is on E:, and
// hookkit's own state takes the Windows default, %LOCALAPPDATA%\hookkit (C:\users\Hook User\AppData\Local).
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ask, askEvent, FIX, FIX_REASON, git, REGISTRY_FIXTURE, type World } from "../../gstack-plan-tune/test/fixtures/world.ts";
import { mapDrive, runExe, wine, winPath, type Wine } from "../../../test/windows/_wine.ts";

const ready = await wine(join(import.meta.dir, "..")); // plugins/test: both example hooks in one binary
if (typeof ready === "string") console.warn(ready);
const w = ready as Wine;

const STATE = "D:\\gstack state";
const INSTALL = "E:\\Program Files\\gstack";
let dir: string;
let state: string;
let project: string;
const reasonOf = (out: any) => out?.hookSpecificOutput?.permissionDecisionReason;
// Only what askEvent reads from a world: the event's cwd is a Windows path, the transcript too.
const world = () => ({ dir: "C:\\Users\\Hook User\\.claude\\projects\\app", project: winPath(project) }) as unknown as World;
const event = (questions = [FIX], overrides: Record<string, unknown> = {}) => askEvent(world(), questions, overrides);
const env = { GSTACK_STATE_ROOT: STATE, GSTACK_ROOT: INSTALL, GSTACK_QUESTION_LOG_NO_DERIVE: "1" };
const run = (input: object | string, extra: Record<string, string | undefined> = {}, args: string[] = []) =>
  runExe(w, ["question-preference", ...args], input, { env: { ...env, ...extra }, cwd: project });
const logLines = (slug = "app") => {
  const file = join(state, "projects", slug, "question-log.jsonl");
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
};
const writeJson = (path: string, value: unknown) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
};
const hookkitState = () => join(w.localAppData, "hookkit", "question-preference");

describe.skipIf(typeof ready === "string")("question-preference under Wine (windows-x64, piped stdio)", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hookkit-wine-qp-"));
    project = join(dir, "work", "app");
    mkdirSync(project, { recursive: true });
    await mapDrive(w, "d", join(dir, "drive-d"));
    await mapDrive(w, "e", join(dir, "drive-e"));
    mkdirSync(join(dir, "drive-e", "Program Files", "gstack", "scripts"), { recursive: true });
    cpSync(REGISTRY_FIXTURE, join(dir, "drive-e", "Program Files", "gstack", "scripts", "question-registry.ts"));
  });
  beforeEach(() => {
    state = join(dir, "drive-d", "gstack state");
    rmSync(state, { recursive: true, force: true });
    rmSync(hookkitState(), { recursive: true, force: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("deny path: one JSON line, marker and question-log line under D:\\, nothing under %LOCALAPPDATA% (no registry cache)", async () => {
    writeJson(join(state, "global-question-preferences.json"), { "ship-pre-landing-review-fix": "never-ask" });
    const r = await run(event([FIX], { session_id: "s5", tool_use_id: "tu-5" }));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      `${JSON.stringify({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: FIX_REASON } })}\n`,
    );
    expect(readdirSync(join(state, "sessions", "s5")).sort()).toEqual([".auto-decided-tu-5", "memory-cache.json"]);
    const [line] = logLines();
    expect(line).toMatchObject({ question_id: "ship-pre-landing-review-fix", user_choice: "A) Fix now", source: "auto-decided", session_id: "s5", tool_use_id: "tu-5" });
    expect(existsSync(join(hookkitState(), "cache.sqlite"))).toBe(false);
    // The same call again: the marker is replaced in place (rename over an existing file), no second log line.
    expect(reasonOf((await run(event([FIX], { session_id: "s5", tool_use_id: "tu-5" }))).output)).toBe(FIX_REASON);
    expect(logLines()).toHaveLength(1);
    expect(readdirSync(join(state, "sessions", "s5")).sort()).toEqual([".auto-decided-tu-5", "memory-cache.json"]);
    expect(existsSync(join(state, "hook-errors.log"))).toBe(false);
  });

  test("pass-through: empty stdout; memory nuggets: additionalContext only, its cache written atomically", async () => {
    const empty = await run(event());
    expect([empty.exitCode, empty.stdout]).toEqual([0, ""]);
    writeJson(join(state, "free-text-memory.json"), { nuggets: [{ nugget: "Fixes findings first", applies_to_signal_keys: ["code-quality-care"] }] });
    const ctx = await run(event([FIX], { session_id: "s2" }));
    expect(ctx.output).toEqual({ hookSpecificOutput: { hookEventName: "PreToolUse", additionalContext: "[plan-tune memory] Past answers suggest: Fixes findings first" } });
    expect(readdirSync(join(state, "sessions", "s2"))).toEqual(["memory-cache.json"]);
    expect(JSON.parse(readFileSync(join(state, "sessions", "s2", "memory-cache.json"), "utf8")).nuggets).toHaveLength(1);
  });

  test("holds: one-way by the registry on E:\\Program Files, destructive wording, ambiguous, multi-question", async () => {
    writeJson(join(state, "global-question-preferences.json"), { "ship-pre-landing-review-fix": "never-ask", "review-sql-safety": "never-ask", "wipe-cache": "never-ask" });
    const held = [
      event([ask("review-sql-safety", "SQL risk.", ["A) Fix (recommended)"])]),
      event([ask("wipe-cache", "Wipe the build cache?", ["A) Yes (recommended)"])]),
      event([ask("ship-pre-landing-review-fix", "x", ["A (recommended)", "B (recommended)"])]),
      event([FIX, ask("qa-tier", "Tier?", ["A) Quick (recommended)"])]),
    ];
    for (const e of held) expect((await run(e)).stdout).toBe("");
    // Without the registry (GSTACK_ROOT pointing nowhere) the same SQL question is not known to be one-way.
    const unregistered = await run(held[0]!, { GSTACK_ROOT: "E:\\nowhere" });
    expect(reasonOf(unregistered.output)).toContain("review-sql-safety");
  });

  test("project preferences under the origin slug, read from the project's .git\\config", async () => {
    git(project, "init", "-q");
    git(project, "remote", "add", "origin", "git@github.com:acme/app-repo.git");
    writeJson(join(state, "global-question-preferences.json"), { "ship-pre-landing-review-fix": "always-ask" });
    writeJson(join(state, "projects", "acme-app-repo", "question-preferences.json"), { "ship-pre-landing-review-fix": "never-ask" });
    try {
      expect(reasonOf((await run(event())).output)).toBe(FIX_REASON);
      expect(logLines("acme-app-repo")).toHaveLength(1);
    } finally {
      rmSync(join(project, ".git"), { recursive: true, force: true });
    }
  });

  test("default roots: %USERPROFILE%\\.gstack (C:\\users\\Hook User\\.gstack) when no state root is set", async () => {
    const home = join(w.localAppData, "..", "..");
    const gstack = join(home, ".gstack");
    rmSync(gstack, { recursive: true, force: true });
    writeJson(join(gstack, "global-question-preferences.json"), { "ship-pre-landing-review-fix": "never-ask" });
    try {
      const r = await run(event([FIX], { tool_use_id: "tu-home" }), { GSTACK_STATE_ROOT: undefined });
      expect(reasonOf(r.output)).toBe(FIX_REASON);
      expect(existsSync(join(gstack, "projects", "app", "question-log.jsonl"))).toBe(true);
      expect(readdirSync(join(gstack, "sessions", "sess-1")).sort()).toEqual([".auto-decided-tu-home", "memory-cache.json"]);
    } finally {
      rmSync(gstack, { recursive: true, force: true });
    }
  });

  test("parallel hook processes: every answer a deny, every log line whole, every marker written", async () => {
    writeJson(join(state, "global-question-preferences.json"), { "ship-pre-landing-review-fix": "never-ask" });
    const n = 10;
    const runs = await Promise.all(Array.from({ length: n }, (_, i) => run(event([FIX], { session_id: `s${i}`, tool_use_id: `tu-${i}` }))));
    for (const r of runs) expect(reasonOf(r.output)).toBe(FIX_REASON);
    const lines = logLines();
    expect(lines).toHaveLength(n);
    expect(new Set(lines.map((l) => l.tool_use_id)).size).toBe(n);
    expect(readdirSync(join(state, "sessions")).sort()).toEqual(Array.from({ length: n }, (_, i) => `s${i}`).sort());
  });

  test("parallel rewrites of one marker and one memory cache: all answered, no temp file left behind", async () => {
    writeJson(join(state, "global-question-preferences.json"), { "ship-pre-landing-review-fix": "never-ask" });
    writeJson(join(state, "free-text-memory.json"), { nuggets: [{ nugget: "n1", applies_to_signal_keys: ["code-quality-care"] }] });
    const n = 8;
    const runs = await Promise.all(Array.from({ length: n }, () => run(event([FIX], { session_id: "same", tool_use_id: "tu-same" }))));
    for (const r of runs) expect(reasonOf(r.output)?.split("\n")[0]).toBe(FIX_REASON);
    expect(readdirSync(join(state, "sessions", "same")).sort()).toEqual([".auto-decided-tu-same", "memory-cache.json"]);
  });

  test("hostile ids: Windows separators, drive and UNC paths, device names: still a deny, nothing written outside D:\\gstack state", async () => {
    writeJson(join(state, "global-question-preferences.json"), { "ship-pre-landing-review-fix": "never-ask" });
    writeFileSync(join(dir, "drive-d", "victim.txt"), "do not touch\n");
    const hostile = ["..", "..\\..\\victim", "C:\\Windows\\System32", "D:\\victim.txt", "\\\\?\\D:\\x", "\\\\server\\share\\x", "a/b:c*?<>|", "CON", "NUL.txt", "sess. ", " ", "x".repeat(4096)];
    const before = readdirSync(join(dir, "drive-d"), { recursive: true }).filter((f) => !String(f).startsWith("gstack state")).sort();
    for (const [i, id] of hostile.entries()) {
      for (const overrides of [{ session_id: id, tool_use_id: `tu-s${i}` }, { session_id: `s-t${i}`, tool_use_id: id }]) {
        const r = await run(event([FIX], overrides));
        expect([r.exitCode, reasonOf(r.output)]).toEqual([0, FIX_REASON]);
      }
    }
    const after = readdirSync(join(dir, "drive-d"), { recursive: true }).filter((f) => !String(f).startsWith("gstack state")).sort();
    expect(after).toEqual(before);
    expect(readFileSync(join(dir, "drive-d", "victim.txt"), "utf8")).toBe("do not touch\n");
    expect(existsSync(join(dir, "drive-c"))).toBe(false);
    // Every session folder is one sanitized segment directly under sessions\, a device name included.
    const sessions = readdirSync(join(state, "sessions"));
    for (const name of sessions) expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(sessions).toContain("CON");
  }, 120_000);

  test("broken input: no decision, exit 0, one line in D:\\gstack state\\hook-errors.log", async () => {
    const r = await run("{ not json\n");
    expect([r.exitCode, r.stdout]).toEqual([0, ""]);
    const log = readFileSync(join(state, "hook-errors.log"), "utf8");
    expect(log).toMatch(/^\d{4}-\S+Z question-preference-hook: (truncated|invalid) JSON on stdin/);
    expect(log.trim().split("\n")).toHaveLength(1);
  });
});
