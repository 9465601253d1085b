// Liberal in what is accepted: a payload without hook_event_name, transcript_path and cwd (as the
// test suites of the hooks hookkit replaces send, and as other hosts do) gets exactly the answer the
// full payload gets, in-process and through the compiled binary; a payload naming another event is
// still refused; a wrong-typed optional field is dropped and noted once, never fatal.
import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import hook from "../../src/hooks/question-preference.ts";
import { fixtures, invokeHook, spawnHook } from "../../src/testing/index.ts";
import { probe } from "../fixtures/hooks/probe-hook.ts";
import { askEvent, FIX, FIX_REASON, useWorlds } from "../fixtures/question-preference/world.ts";
import { world as ensureWorld } from "../fixtures/ensure-python/world.ts";
import { hostBinary } from "./_binary.ts";

let bin: string;
beforeAll(async () => {
  bin = await hostBinary();
});
const qpWorld = useWorlds();

function strip(event: Record<string, unknown>): Record<string, unknown> {
  const { hook_event_name: _e, transcript_path: _t, cwd: _c, ...rest } = event;
  return rest;
}

describe("question-preference: a stripped payload answers as the full one", () => {
  test("deny path, in-process and compiled", async () => {
    const answers: string[] = [];
    for (const shape of ["full", "stripped"] as const) {
      for (const where of ["in-process", "binary"] as const) {
        const w = qpWorld();
        w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
        const full = askEvent(w, [FIX], { session_id: `s-${shape}`, tool_use_id: `tu-${where}` });
        const event = shape === "full" ? full : strip(full);
        const run =
          where === "in-process"
            ? await invokeHook(hook, event, { env: w.env, cwd: w.project })
            : await spawnHook([bin, "question-preference"], event, { env: w.env, cwd: w.project });
        expect(run.exitCode).toBe(0);
        expect(run.output?.hookSpecificOutput?.permissionDecisionReason).toBe(FIX_REASON);
        // The auto-decision was recorded as for a full payload (the slug comes from the process cwd).
        expect(existsSync(join(w.stateRoot, "sessions", `s-${shape}`, `.auto-decided-tu-${where}`))).toBe(true);
        answers.push(run.stdout);
      }
    }
    expect(new Set(answers).size).toBe(1);
  });

  test("pass-through path: empty stdout for both shapes", async () => {
    for (const shape of ["full", "stripped"] as const) {
      const w = qpWorld();
      const full = askEvent(w, [FIX]);
      const run = await spawnHook([bin, "question-preference"], shape === "full" ? full : strip(full), { env: w.env, cwd: w.project });
      expect([run.exitCode, run.stdout, run.stderr]).toEqual([0, "", ""]);
    }
  });
});

test("ensure-python (stdin unused): the same metrics for a full, a stripped and no payload", async () => {
  const results: Record<string, number>[] = [];
  for (const payload of [fixtures.sessionStart(), strip(fixtures.sessionStart()), ""]) {
    // No interpreter at all on PATH: the same deterministic outcome whatever arrives on stdin.
    const w = ensureWorld({});
    const r = await spawnHook([bin, "ensure-python"], payload, { env: w.env, cwd: w.dir, timeoutMs: 60_000 });
    expect(r.exitCode).toBe(0);
    const { sdk_bootstrap_ms: _ms, ...rest } = (r.output?.metrics ?? {}) as Record<string, number>;
    results.push(rest);
  }
  expect(results[0]!.sdk_bootstrap).toBeDefined();
  expect(results[1]).toEqual(results[0]!);
  expect(results[2]).toEqual(results[0]!);
});

describe("what stays refused, and what is only noted", () => {
  const env = () => {
    const dir = `${process.env.TMPDIR ?? "/tmp"}/hookkit-tolerant-${process.pid}-${Math.random().toString(36).slice(2)}`;
    return { PROBE_STATE: dir, HOME: dir };
  };
  const logOf = (e: { PROBE_STATE: string }) => {
    const file = join(e.PROBE_STATE, "probe-hook", "errors.log");
    return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
  };
  const deny = { tool_name: "Bash", tool_input: { command: "ls", mode: "deny" } };

  test("a payload naming another event is refused: no answer, one log line", async () => {
    const e = env();
    const run = await invokeHook(probe, { ...fixtures.sessionStart(), ...deny }, { env: e });
    expect([run.exitCode, run.stdout]).toEqual([0, ""]);
    expect(logOf(e)).toHaveLength(1);
    expect(logOf(e)[0]).toContain("got a SessionStart event; this hook handles PreToolUse");
  });

  test("a bare payload (tool_name and tool_input only) is answered", async () => {
    const e = env();
    const run = await invokeHook(probe, deny, { env: e });
    expect(run.output?.hookSpecificOutput?.permissionDecision).toBe("deny");
    expect(logOf(e)).toEqual([]);
  });

  test("wrong-typed optional fields are dropped, the hook answers, and one line notes them", async () => {
    const e = env();
    const event = { ...fixtures.preToolUse(deny), session_id: 7, cwd: ["x"], permission_mode: false, effort: "high" };
    const run = await invokeHook(probe, event, { env: e });
    expect(run.output?.hookSpecificOutput?.permissionDecision).toBe("deny");
    const log = logOf(e);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/dropped PreToolUse input fields of the wrong type: .*session_id/);
    for (const field of ["cwd", "permission_mode", "effort"]) expect(log[0]).toContain(field);
  });

  test("what the handler cannot work without stays required: a missing tool_input is refused", async () => {
    const e = env();
    const run = await invokeHook(probe, { tool_name: "Bash" }, { env: e });
    expect([run.exitCode, run.stdout]).toEqual([0, ""]);
    expect(logOf(e)[0]).toContain("cannot run without: tool_input");
  });

  test("input problems that are the host's never build the streak that blames the hook", async () => {
    const e = env();
    for (let i = 0; i < 4; i++) {
      const run = await invokeHook(probe, "not json", { env: e });
      expect(run.stdout).toBe("");
    }
    for (let i = 0; i < 4; i++) {
      const run = await invokeHook(probe, { tool_name: "Bash" }, { env: e });
      expect(run.stdout).toBe("");
    }
    // A handler failure still counts, from the first one.
    await invokeHook(probe, { ...deny, tool_input: { mode: "throw" } }, { env: e });
    await invokeHook(probe, { ...deny, tool_input: { mode: "throw" } }, { env: e });
    const third = await invokeHook(probe, { ...deny, tool_input: { mode: "throw" } }, { env: e });
    expect(third.output?.systemMessage).toContain("has failed 3 times in a row");
  });
});
