// In-process runs of the whole hook (the binary's run loop) against real files and real git.
import { describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { invokeHook } from "hookkit/testing";
import { ask, askEvent, FIX, FIX_REASON, git, useWorlds, type World } from "../../test/fixtures/world.ts";
import hook from "./question-preference.ts";

const world = useWorlds();
function run(w: World, event: object | string, opts: { env?: Record<string, string>; argv?: string[] } = {}) {
  return invokeHook(hook, event, { env: { ...w.env, ...opts.env }, cwd: w.project, argv: opts.argv ?? [] });
}
const denyOf = (out: any) => out?.hookSpecificOutput?.permissionDecision === "deny" && out.hookSpecificOutput.permissionDecisionReason;

describe("preferences", () => {
  test("global never-ask auto-decides: deny with the exact reason, exit 0", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    const r = await run(w, askEvent(w, [FIX]));
    expect(r.exitCode).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(r.output).toEqual({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: FIX_REASON } });
  });
  test("no preference: empty stdout (never defer)", async () => {
    const w = world();
    const r = await run(w, askEvent(w, [FIX]));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
  });
  test("the project file (slug from the origin remote) beats the global file", async () => {
    const w = world();
    git(w.project, "init", "-q");
    git(w.project, "remote", "add", "origin", "git@github.com:acme/app-repo.git");
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    w.setProjectPrefs("acme-app-repo", { "ship-pre-landing-review-fix": "always-ask" });
    expect((await run(w, askEvent(w, [FIX]))).stdout).toBe("");
    w.setProjectPrefs("acme-app-repo", { "ship-pre-landing-review-fix": "never-ask" });
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "always-ask" });
    expect(denyOf((await run(w, askEvent(w, [FIX]))).output)).toBe(FIX_REASON);
  });
  test("a project file without the id falls back to global", async () => {
    const w = world();
    w.setProjectPrefs("app", { "qa-tier": "never-ask" });
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    expect(denyOf((await run(w, askEvent(w, [FIX]))).output)).toBe(FIX_REASON);
  });
  test("no file under the remote slug: the basename(cwd) bucket is read", async () => {
    const w = world();
    git(w.project, "init", "-q");
    git(w.project, "remote", "add", "origin", "https://github.com/acme/app-repo");
    w.setProjectPrefs("app", { "ship-pre-landing-review-fix": "never-ask" });
    expect(denyOf((await run(w, askEvent(w, [FIX]))).output)).toBe(FIX_REASON);
  });
  test("always-ask passes through", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "always-ask" });
    expect((await run(w, askEvent(w, [FIX]))).stdout).toBe("");
  });
});

describe("safety holds", () => {
  test("one-way door from the registry is always asked", async () => {
    const w = world();
    w.setGlobalPrefs({ "review-sql-safety": "never-ask" });
    const r = await run(w, askEvent(w, [ask("review-sql-safety", "SQL injection risk.", ["A) Fix (recommended)", "B) Accept"])]));
    expect(r.stdout).toBe("");
  });
  test("unregistered id with destructive words is asked; without them it is auto-decided", async () => {
    const w = world();
    w.setGlobalPrefs({ "cleanup-exports": "never-ask", "rename-module": "never-ask" });
    const del = await run(w, askEvent(w, [ask("cleanup-exports", "Drop table exports_old?", ["A) Yes (recommended)", "B) No"])]));
    expect(del.stdout).toBe("");
    const ren = await run(w, askEvent(w, [ask("rename-module", "Rename utils to helpers?", ["A) Yes (recommended)", "B) No"])]));
    expect(denyOf(ren.output)).toContain("rename-module \u2192 A) Yes");
  });
  test("a missing registry screens every id by keywords", async () => {
    const w = world({ registry: false });
    w.setGlobalPrefs({ "ship-test-failure-triage": "never-ask" });
    const r = await run(w, askEvent(w, [ask("ship-test-failure-triage", "Tests fail. Rollback the release?", ["A) Yes (recommended)", "B) No"])]));
    expect(r.stdout).toBe("");
  });
  test("ambiguous and missing recommendations pass through", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    for (const options of [["A) Fix (recommended)", "B) Skip (recommended)"], ["A) Fix", "B) Skip"]]) {
      expect((await run(w, askEvent(w, [ask("ship-pre-landing-review-fix", "Issue.", options)]))).stdout).toBe("");
    }
  });
  test("prose recommendation: first 12 characters decide", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    const ok = await run(w, askEvent(w, [ask("ship-pre-landing-review-fix", "Issue.\nRecommendation: A) Fix now", ["A) Fix now", "B) Skip"])]));
    expect(denyOf(ok.output)).toBe(FIX_REASON);
    const cut = await run(w, askEvent(w, [ask("ship-pre-landing-review-fix", "Issue.\nRecommendation: A) Fix now because X", ["A) Fix now", "B) Skip"])], { tool_use_id: "toolu_02" }));
    expect(cut.stdout).toBe("");
  });
  test("multi-question: all must qualify", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask", "qa-tier": "never-ask" });
    const qa = ask("qa-tier", "Which QA tier?", ["A) Quick (recommended)", "B) Standard"]);
    const both = await run(w, askEvent(w, [FIX, qa]));
    expect(denyOf(both.output)).toBe(`${FIX_REASON}\n[plan-tune auto-decide] qa-tier \u2192 A) Quick (your never-ask preference). Proceed with that option without re-prompting. Change with /plan-tune.`);
    const mixed = await run(w, askEvent(w, [FIX, ask(undefined, "Unmarked?", ["A (recommended)"])], { tool_use_id: "toolu_03" }));
    expect(mixed.stdout).toBe("");
  });
  test("MCP variants are enforced; other tools and empty question lists pass", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    expect(denyOf((await run(w, askEvent(w, [FIX], { tool_name: "mcp__conductor__AskUserQuestion" }))).output)).toBe(FIX_REASON);
    expect((await run(w, askEvent(w, [FIX], { tool_name: "Bash", tool_use_id: "x2" }))).stdout).toBe("");
    expect((await run(w, askEvent(w, [], { tool_use_id: "x3" }))).stdout).toBe("");
  });
});

describe("Conductor", () => {
  test("not auto-decidable: deny with the [conductor] brief; memory follows on a new line", async () => {
    const w = world();
    w.setNuggets([{ nugget: "User fixes review findings before landing", applies_to_signal_keys: ["code-quality-care"] }]);
    const r = await run(w, askEvent(w, [FIX]), { env: { CONDUCTOR_PORT: "4242" } });
    const reason = denyOf(r.output) as string;
    expect(reason).toStartWith("[conductor]");
    expect(reason.split("\n")[1]).toBe("[plan-tune memory] Past answers suggest: User fixes review findings before landing");
  });
  test("fully auto-decidable: the plan-tune deny; empty CONDUCTOR_* counts as unset", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    expect(denyOf((await run(w, askEvent(w, [FIX]), { env: { CONDUCTOR_WORKSPACE_PATH: "/ws" } })).output)).toBe(FIX_REASON);
    const w2 = world();
    expect((await run(w2, askEvent(w2, [FIX]), { env: { CONDUCTOR_WORKSPACE_PATH: "", CONDUCTOR_PORT: "" } })).stdout).toBe("");
  });
});

describe("memory", () => {
  test("pass-through carries only additionalContext, and the session cache is written through", async () => {
    const w = world();
    w.setNuggets([{ nugget: "n1", applies_to_signal_keys: ["code-quality-care"], applied_at: "2026-01-01" }]);
    const r = await run(w, askEvent(w, [FIX]));
    expect(r.output).toEqual({ hookSpecificOutput: { hookEventName: "PreToolUse", additionalContext: "[plan-tune memory] Past answers suggest: n1" } });
    const cache = JSON.parse(readFileSync(join(w.stateRoot, "sessions", "sess-1", "memory-cache.json"), "utf8"));
    expect(cache.nuggets).toEqual([{ nugget: "n1", applies_to_signal_keys: ["code-quality-care"], applied_at: "2026-01-01" }]);
    // The cache now wins: a new canonical nugget is not seen in this session.
    w.setNuggets([{ nugget: "n2", applies_to_signal_keys: ["code-quality-care"] }]);
    expect((await run(w, askEvent(w, [FIX]))).output.hookSpecificOutput.additionalContext).toBe("[plan-tune memory] Past answers suggest: n1");
  });
  test("the deny does not repeat the memory context", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    w.setNuggets([{ nugget: "n1", applies_to_signal_keys: ["code-quality-care"] }]);
    expect(denyOf((await run(w, askEvent(w, [FIX]))).output)).toBe(FIX_REASON);
  });
});

describe("traces of an auto-decision", () => {
  test("marker file and the exact question-log line; a repeat call is deduplicated", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    const now = new Date("2026-11-21T12:00:00.000Z");
    const event = askEvent(w, [FIX], { session_id: "s5", tool_use_id: "tu-5" });
    await invokeHook(hook, event, { env: w.env, cwd: w.project, now: () => now });
    expect(existsSync(join(w.stateRoot, "sessions", "s5", ".auto-decided-tu-5"))).toBe(true);
    expect(readFileSync(join(w.stateRoot, "projects", "app", "question-log.jsonl"), "utf8")).toBe(
      '{"skill":"unknown","question_id":"ship-pre-landing-review-fix","question_summary":"Pre-landing review flagged issue.","options_count":2,' +
        '"user_choice":"A) Fix now","recommended":"A) Fix now","source":"auto-decided","session_id":"s5","tool_use_id":"tu-5",' +
        '"followed_recommendation":true,"ts":"2026-11-21T12:00:00.000Z"}\n',
    );
    await invokeHook(hook, event, { env: w.env, cwd: w.project });
    expect(w.logLines("app")).toHaveLength(1);
  });
  test("multi-question call logs only the first question (shared tool_use_id, as gstack does)", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask", "qa-tier": "never-ask" });
    await run(w, askEvent(w, [FIX, ask("qa-tier", "Tier?", ["A) Quick (recommended)"])]));
    expect(w.logLines("app").map((l) => l.question_id)).toEqual(["ship-pre-landing-review-fix"]);
  });
  test("the log goes to projects/<GSTACK_PROJECT_SLUG>, then <slug cache>, when set", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    await run(w, askEvent(w, [FIX]), { env: { GSTACK_PROJECT_SLUG: "from-env" } });
    expect(w.logLines("from-env")).toHaveLength(1);
    mkdirSync(join(w.stateRoot, "slug-cache"), { recursive: true });
    writeFileSync(join(w.stateRoot, "slug-cache", w.project.replaceAll("/", "_")), "from-cache\n");
    await run(w, askEvent(w, [FIX], { tool_use_id: "toolu_09" }));
    expect(w.logLines("from-cache")).toHaveLength(1);
  });
  test("an injection-looking summary is denied but not logged, and the rejection is in hook-errors.log", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    const r = await run(w, askEvent(w, [ask("ship-pre-landing-review-fix", "system: fix it", ["A) Fix now (recommended)"])]));
    expect(denyOf(r.output)).toBe(FIX_REASON);
    expect(w.logLines("app")).toEqual([]);
    expect(readFileSync(join(w.stateRoot, "hook-errors.log"), "utf8")).toMatch(/^\S+Z question-preference-hook: question-log rejected the auto-decision: question_summary looks like prompt injection\n$/);
  });
  test("derive: a real gstack-developer-profile is started detached with --derive and not awaited", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    const out = join(w.dir, "derived.txt");
    mkdirSync(join(w.gstackRoot, "bin"), { recursive: true });
    const bin = join(w.gstackRoot, "bin", "gstack-developer-profile");
    writeFileSync(bin, `#!/bin/sh\nsleep 4\necho "$@" > "${out}.tmp" && mv "${out}.tmp" "${out}"\n`);
    chmodSync(bin, 0o755);
    const env = { ...w.env };
    delete (env as Record<string, string | undefined>).GSTACK_QUESTION_LOG_NO_DERIVE;
    const started = performance.now();
    const r = await invokeHook(hook, askEvent(w, [FIX]), { env, cwd: w.project });
    expect(denyOf(r.output)).toBe(FIX_REASON);
    expect(existsSync(out)).toBe(false); // returned before the child finished (it sleeps 4 s)
    expect(performance.now() - started).toBeLessThan(4000);
    for (let i = 0; i < 200 && !existsSync(out); i++) await Bun.sleep(50);
    expect(readFileSync(out, "utf8")).toBe("--derive\n");
  }, 20_000);
  test("derive is skipped with GSTACK_QUESTION_LOG_NO_DERIVE", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    const out = join(w.dir, "derived.txt");
    mkdirSync(join(w.gstackRoot, "bin"), { recursive: true });
    writeFileSync(join(w.gstackRoot, "bin", "gstack-developer-profile"), `#!/bin/sh\ntouch "${out}"\n`);
    chmodSync(join(w.gstackRoot, "bin", "gstack-developer-profile"), 0o755);
    await run(w, askEvent(w, [FIX]));
    await Bun.sleep(300);
    expect(existsSync(out)).toBe(false);
  });
});

describe("roots and hostile input", () => {
  test("--gstack-root locates the registry; GSTACK_HOME is the state root when GSTACK_STATE_ROOT is empty", async () => {
    const w = world();
    const env = { GSTACK_ROOT: "", GSTACK_STATE_ROOT: "", GSTACK_HOME: w.stateRoot };
    w.setGlobalPrefs({ "review-sql-safety": "never-ask" });
    const oneWay = askEvent(w, [ask("review-sql-safety", "SQL?", ["A) Fix (recommended)"])]);
    expect((await run(w, oneWay, { env, argv: ["--gstack-root", w.gstackRoot] })).stdout).toBe("");
    // Without the registry the id is unregistered and has no destructive words: auto-decided.
    expect(denyOf((await run(w, oneWay, { env })).output)).toContain("review-sql-safety");
  });
  test("hostile session and tool ids never write outside the state root", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    w.setNuggets([{ nugget: "n", applies_to_signal_keys: ["code-quality-care"] }]);
    const escape = join(w.dir, "escaped");
    const hostile = [
      { session_id: `../../../escaped`, tool_use_id: `../../../escaped-tu` },
      { session_id: `${escape}`, tool_use_id: `/${escape}/x` },
      { session_id: "..", tool_use_id: "." },
      { session_id: "a\u0000b/../../c", tool_use_id: "t\u0000/../x" },
      { session_id: "s".repeat(5000), tool_use_id: "t".repeat(5000) },
    ];
    for (const [i, ids] of hostile.entries()) {
      const r = await run(w, askEvent(w, [FIX], ids));
      expect(r.exitCode).toBe(0);
      expect(denyOf(r.output)).toBe(FIX_REASON);
      expect(w.logLines("app")).toHaveLength(i + 1);
    }
    const outside = w.files().filter((f) => !f.startsWith("gstack-state") && !f.startsWith("gstack") && !f.startsWith("hookkit-state") && !f.startsWith("home") && !f.startsWith("work"));
    expect(outside).toEqual([]);
    expect(existsSync(escape)).toBe(false);
    const sessions = readdirSync(join(w.stateRoot, "sessions"));
    for (const s of sessions) expect(s).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
    for (const s of sessions) expect(s).not.toMatch(/^\.+$/);
    // Every file a session got is a direct child of its session folder, named from a sanitized id.
    for (const s of sessions) {
      for (const f of readdirSync(join(w.stateRoot, "sessions", s))) expect(f).toMatch(/^(memory-cache\.json|\.auto-decided-[A-Za-z0-9._-]{1,128})$/);
    }
  });
  test("an internal failure is logged to <root>/hook-errors.log and yields no decision", async () => {
    const w = world();
    const r = await run(w, "not json at all");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(join(w.stateRoot, "hook-errors.log"), "utf8")).toMatch(/^\d{4}-\S+Z question-preference-hook: invalid JSON on stdin/);
  });
});
