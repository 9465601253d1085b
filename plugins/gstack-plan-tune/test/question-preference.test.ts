// The compiled multi-call binary as Claude Code runs it: `hookkit question-preference`, JSON on a
// pipe, one answer line or nothing. Real files, real git, real parallel processes.
import { beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnHook } from "hookkit/testing";
import { ask, askEvent, FIX, FIX_REASON, git, useWorlds, type World } from "./fixtures/world.ts";
import { hostBinary } from "./fixtures/binary.ts";

let bin: string;
beforeAll(async () => {
  bin = await hostBinary();
});
const world = useWorlds();
const hookCmd = (...args: string[]) => [bin, "question-preference", ...args];
function run(w: World, event: object | string, opts: { env?: Record<string, string | undefined>; args?: string[] } = {}) {
  const env = { ...w.env, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return spawnHook(hookCmd(...(opts.args ?? [])), event, { env, cwd: w.project });
}
const reasonOf = (out: any) => out?.hookSpecificOutput?.permissionDecisionReason;

describe("compiled question-preference", () => {
  test("deny path: exactly one JSON line, exit 0, marker and log written, nothing left in hookkit's state", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    const r = await run(w, askEvent(w, [FIX], { session_id: "s5", tool_use_id: "tu-5" }));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      `${JSON.stringify({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: FIX_REASON } })}\n`,
    );
    expect(existsSync(join(w.stateRoot, "sessions", "s5", ".auto-decided-tu-5"))).toBe(true);
    const [line] = w.logLines("app");
    expect(Object.keys(line!)).toEqual([
      "skill", "question_id", "question_summary", "options_count", "user_choice", "recommended", "source", "session_id", "tool_use_id", "followed_recommendation", "ts",
    ]);
    expect(line).toMatchObject({ question_id: "ship-pre-landing-review-fix", user_choice: "A) Fix now", source: "auto-decided", followed_recommendation: true });
    // The registry is read on each call (a mod could not keep a sqlite cache): hookkit's own state stays empty.
    expect(existsSync(join(w.env.HOOKKIT_STATE_DIR!, "question-preference", "cache.sqlite"))).toBe(false);
    // Same call again: deny again, no second log line.
    expect(reasonOf((await run(w, askEvent(w, [FIX], { session_id: "s5", tool_use_id: "tu-5" }))).output)).toBe(FIX_REASON);
    expect(w.logLines("app")).toHaveLength(1);
  });

  test("pass-through: empty stdout; with memory, only additionalContext (never defer)", async () => {
    const w = world();
    const empty = await run(w, askEvent(w, [FIX]));
    expect([empty.exitCode, empty.stdout, empty.stderr]).toEqual([0, "", ""]);
    w.setNuggets([{ nugget: "Fixes findings first", applies_to_signal_keys: ["code-quality-care"] }]);
    const ctx = await run(w, askEvent(w, [FIX], { session_id: "s2" }));
    expect(ctx.output).toEqual({ hookSpecificOutput: { hookEventName: "PreToolUse", additionalContext: "[plan-tune memory] Past answers suggest: Fixes findings first" } });
    expect(ctx.stdout).not.toContain("defer");
    expect(existsSync(join(w.stateRoot, "sessions", "s2", "memory-cache.json"))).toBe(true);
  });

  test("holds: one-way (registry and keywords), ambiguous, 12-char prose, multi-question, other tools", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask", "review-sql-safety": "never-ask", "wipe-cache": "never-ask" });
    const cases = [
      askEvent(w, [ask("review-sql-safety", "SQL risk.", ["A) Fix (recommended)"])]),
      askEvent(w, [ask("wipe-cache", "Wipe the build cache?", ["A) Yes (recommended)"])]),
      askEvent(w, [ask("ship-pre-landing-review-fix", "x", ["A (recommended)", "B (recommended)"])]),
      askEvent(w, [ask("ship-pre-landing-review-fix", "Recommendation: A) Fix now because X", ["A) Fix now", "B) Skip"])]),
      askEvent(w, [FIX, ask("qa-tier", "Tier?", ["A) Quick (recommended)"])]),
      askEvent(w, [FIX], { tool_name: "Bash" }),
    ];
    for (const event of cases) expect((await run(w, event)).stdout).toBe("");
    expect(reasonOf((await run(w, askEvent(w, [FIX], { tool_name: "mcp__conductor__AskUserQuestion" }))).output)).toBe(FIX_REASON);
  });

  test("multi-question call where all qualify: one reason line each, one log line (shared tool_use_id)", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask", "qa-tier": "ask-only-for-one-way" });
    const r = await run(w, askEvent(w, [FIX, ask("qa-tier", "Tier?\nRecommendation: B) Standard", ["A) Quick", "B) Standard", "C) Exhaustive"])]));
    expect((reasonOf(r.output) as string).split("\n")).toEqual([FIX_REASON, FIX_REASON.replace("ship-pre-landing-review-fix \u2192 A) Fix now", "qa-tier \u2192 B) Standard")]);
    expect(w.logLines("app").map((l) => l.question_id)).toEqual(["ship-pre-landing-review-fix"]);
  });

  test("memory context through the binary: question order, 3 per signal, dedup", async () => {
    const w = world();
    const n = (nugget: string, keys: string[], applied_at: string) => ({ nugget, applies_to_signal_keys: keys, applied_at });
    w.setNuggets([
      n("scope-old", ["scope-appetite"], "2026-01-01"),
      n("both", ["scope-appetite", "code-quality-care"], "2026-05-01"),
      n("quality-1", ["code-quality-care"], "2026-04-01"),
      n("quality-2", ["code-quality-care"], "2026-03-01"),
      n("quality-3", ["code-quality-care"], "2026-02-01"),
    ]);
    const mode = ask("plan-ceo-review-mode", "Mode?", ["A) Expansion", "B) Hold"]);
    const r = await run(w, askEvent(w, [mode, FIX]));
    expect(r.output.hookSpecificOutput).toEqual({
      hookEventName: "PreToolUse",
      additionalContext: "[plan-tune memory] Past answers suggest: both | scope-old | quality-1 | quality-2",
    });
  });

  test("Conductor brief with memory on the next line", async () => {
    const w = world();
    w.setNuggets([{ nugget: "n1", applies_to_signal_keys: ["code-quality-care"] }]);
    const r = await run(w, askEvent(w, [FIX]), { env: { CONDUCTOR_WORKSPACE_PATH: "/ws" } });
    const [brief, memory] = (reasonOf(r.output) as string).split("\n");
    expect(brief).toStartWith("[conductor]");
    expect(memory).toBe("[plan-tune memory] Past answers suggest: n1");
  });

  test("project preferences under the origin slug, from a linked worktree too", async () => {
    const w = world();
    git(w.project, "init", "-q");
    git(w.project, "commit", "-q", "--allow-empty", "-m", "init");
    git(w.project, "remote", "add", "origin", "git@github.com:acme/app-repo.git");
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "always-ask" });
    w.setProjectPrefs("acme-app-repo", { "ship-pre-landing-review-fix": "never-ask" });
    expect(reasonOf((await run(w, askEvent(w, [FIX]))).output)).toBe(FIX_REASON);
    expect(w.logLines("acme-app-repo")).toHaveLength(1);
    const wt = join(w.dir, "work", "feature-wt");
    git(w.project, "worktree", "add", "-q", wt);
    const r = await spawnHook(hookCmd(), askEvent(w, [FIX], { cwd: wt, tool_use_id: "toolu_wt" }), { env: w.env, cwd: wt });
    expect(reasonOf(r.output)).toBe(FIX_REASON);
    expect(w.logLines("acme-app-repo")).toHaveLength(2);
  });

  test("slug from GSTACK_PROJECT_SLUG and from the slug cache; basename otherwise", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    await run(w, askEvent(w, [FIX], { tool_use_id: "a" }), { env: { GSTACK_PROJECT_SLUG: "env-slug" } });
    mkdirSync(join(w.stateRoot, "slug-cache"), { recursive: true });
    writeFileSync(join(w.stateRoot, "slug-cache", w.project.replaceAll("/", "_")), "cache-slug");
    await run(w, askEvent(w, [FIX], { tool_use_id: "b" }));
    expect([w.logLines("env-slug").length, w.logLines("cache-slug").length, w.logLines("app").length]).toEqual([1, 1, 0]);
  });

  test("default roots: ~/.gstack for state, ${CLAUDE_CONFIG_DIR}/skills/gstack for the registry", async () => {
    const w = world();
    const state = join(w.home, ".gstack");
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, "global-question-preferences.json"), JSON.stringify({ "review-sql-safety": "never-ask" }));
    const cfg = join(w.dir, "claude-config");
    mkdirSync(join(cfg, "skills"), { recursive: true });
    const oneWay = askEvent(w, [ask("review-sql-safety", "SQL?", ["A) Fix (recommended)"])]);
    const env = { GSTACK_STATE_ROOT: undefined, GSTACK_ROOT: undefined, CLAUDE_CONFIG_DIR: cfg };
    // No registry there yet: the id is unregistered and harmless-sounding, so it is auto-decided.
    expect(reasonOf((await run(w, oneWay, { env })).output)).toContain("review-sql-safety");
    // With gstack installed there, the registry marks it one-way.
    Bun.spawnSync(["cp", "-r", w.gstackRoot, join(cfg, "skills", "gstack")]);
    expect((await run(w, { ...oneWay, tool_use_id: "toolu_x" }, { env })).stdout).toBe("");
    // --gstack-root beats the default.
    expect((await run(w, { ...oneWay, tool_use_id: "toolu_y" }, { env: { ...env, CLAUDE_CONFIG_DIR: undefined }, args: ["--gstack-root", w.gstackRoot] })).stdout).toBe("");
  });

  test("the README's one-line gstack shim, run through sh -c as the host does, finds its checkout's registry", async () => {
    const w = world();
    w.setGlobalPrefs({ "review-sql-safety": "never-ask", "ship-pre-landing-review-fix": "never-ask" });
    const shim = join(w.gstackRoot, "hosts", "claude", "hooks", "question-preference-hook");
    mkdirSync(join(shim, ".."), { recursive: true });
    writeFileSync(shim, `#!/bin/sh\nexec ${bin} question-preference --gstack-root "\${0%/hosts/claude/hooks/*}"\n`);
    chmodSync(shim, 0o755);
    const env = { ...w.env };
    delete (env as Record<string, string | undefined>).GSTACK_ROOT;
    const oneWay = await spawnHook(["sh", "-c", shim], askEvent(w, [ask("review-sql-safety", "SQL?", ["A) Fix (recommended)"])]), { env, cwd: w.project });
    expect([oneWay.exitCode, oneWay.stdout]).toEqual([0, ""]); // one-way per the registry found via $0
    const twoWay = await spawnHook(["sh", "-c", shim], askEvent(w, [FIX], { tool_use_id: "toolu_shim" }), { env, cwd: w.project });
    expect(reasonOf(twoWay.output)).toBe(FIX_REASON);
  });

  test("parallel hook processes each log their line, none interleaved", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    const n = 12;
    const runs = await Promise.all(Array.from({ length: n }, (_, i) => run(w, askEvent(w, [FIX], { session_id: `s${i}`, tool_use_id: `tu-${i}` }))));
    for (const r of runs) expect(reasonOf(r.output)).toBe(FIX_REASON);
    const lines = w.logLines("app");
    expect(lines).toHaveLength(n);
    expect(new Set(lines.map((l) => l.tool_use_id)).size).toBe(n);
    expect(readdirSync(join(w.stateRoot, "sessions"))).toHaveLength(n);
  });

  test("derive starts detached and the hook does not wait for it", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    const out = join(w.dir, "derived.txt");
    mkdirSync(join(w.gstackRoot, "bin"), { recursive: true });
    const profile = join(w.gstackRoot, "bin", "gstack-developer-profile");
    writeFileSync(profile, `#!/bin/sh\nsleep 5\necho "$@ $PWD" > "${out}.tmp" && mv "${out}.tmp" "${out}"\n`);
    chmodSync(profile, 0o755);
    const r = await run(w, askEvent(w, [FIX]), { env: { GSTACK_QUESTION_LOG_NO_DERIVE: undefined } });
    expect(reasonOf(r.output)).toBe(FIX_REASON);
    expect(r.ms).toBeLessThan(5000); // the child sleeps 5 s; a waiting hook could not be this fast
    expect(existsSync(out)).toBe(false);
    for (let i = 0; i < 250 && !existsSync(out); i++) await Bun.sleep(50);
    expect(readFileSync(out, "utf8")).toBe(`--derive ${w.project}\n`);
  }, 30_000);

  test("started without JIT, as hooks.json starts it, the hook's children do not inherit BUN_JSC_useJIT", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    const out = join(w.dir, "child-env.txt");
    mkdirSync(join(w.gstackRoot, "bin"), { recursive: true });
    const profile = join(w.gstackRoot, "bin", "gstack-developer-profile");
    writeFileSync(profile, `#!/bin/sh\necho "\${BUN_JSC_useJIT-unset} \${HOOKKIT_CHILD_MARK-unset}" > "${out}.tmp" && mv "${out}.tmp" "${out}"\n`);
    chmodSync(profile, 0o755);
    const env = { GSTACK_QUESTION_LOG_NO_DERIVE: undefined, BUN_JSC_useJIT: "0", HOOKKIT_CHILD_MARK: "kept" };
    const r = await run(w, askEvent(w, [FIX]), { env });
    expect(reasonOf(r.output)).toBe(FIX_REASON);
    for (let i = 0; i < 250 && !existsSync(out); i++) await Bun.sleep(20);
    // The rest of the environment reaches the child as before.
    expect(readFileSync(out, "utf8")).toBe("unset kept\n");
  }, 30_000);

  test("hostile ids stay inside the state root", async () => {
    const w = world();
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    for (const ids of [
      { session_id: "../../../escaped", tool_use_id: "../../escaped-tu" },
      { session_id: "..", tool_use_id: ".." },
      { session_id: `/${w.dir}/escaped`, tool_use_id: "x/../../../../escaped" },
    ]) {
      const r = await run(w, askEvent(w, [FIX], ids));
      expect([r.exitCode, reasonOf(r.output)]).toEqual([0, FIX_REASON]);
    }
    expect(existsSync(join(w.dir, "escaped"))).toBe(false);
    expect(w.files().filter((f) => f.includes("escaped") && !f.startsWith("gstack-state/sessions/"))).toEqual([]);
  });

  test("bad input: no output, exit 0, one line in hook-errors.log", async () => {
    const w = world();
    const r = await run(w, "{\"hook_event_name\":\"PreToolUse\"");
    expect([r.exitCode, r.stdout]).toEqual([0, ""]);
    expect(readFileSync(join(w.stateRoot, "hook-errors.log"), "utf8")).toMatch(/^\S+Z question-preference-hook: truncated JSON on stdin/);
  });
});
