// Broken pipes around the compiled binary. A parent that never closes stdin must still get an
// answer within the hook's deadline; a reader that closes stdout early (before the answer, or
// right after ensure-python's async marker line) must not crash the hook, stop its work, or leave
// a state file half-written.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fakePython } from "../../../src/testing/python-fakes.ts";
import { ASYNC_MARKER, world as epWorld } from "../../python-bootstrap/test/fixtures/world.ts";
import { askEvent, FIX, FIX_REASON, makeWorld, type World } from "../../gstack-plan-tune/test/fixtures/world.ts";
import { judge, runChild, suiteBinary } from "./_harness.ts";
import { saveSection } from "./_report.ts";

const QP_DEADLINE_MS = 5_000;
/** Margin for a loaded 2-core machine; the stdin deadline itself is 2 s. */
const MARGIN_MS = 5_000;

let bin: string;
const rows: string[] = [];
const started = performance.now();
const worlds: World[] = [];
const SH = Bun.which("sh", { PATH: "/usr/bin:/bin" })!;
const SLEEP = Bun.which("sleep", { PATH: "/usr/bin:/bin" })!;
const HEAD = Bun.which("head", { PATH: "/usr/bin:/bin" })!;

beforeAll(async () => {
  bin = await suiteBinary();
}, 300_000);

afterAll(() => {
  for (const w of worlds) w.cleanup();
  saveSection(
    "pipes",
    "Broken pipes",
    ["| case | result | exit | ms | answer |", "|---|---|---|---|---|", ...rows].join("\n"),
    (performance.now() - started) / 1000,
  );
});

function qpWorld(): World {
  const w = makeWorld();
  worlds.push(w);
  w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
  return w;
}

function row(name: string, ok: boolean, exit: number | null, ms: number, answer: string) {
  rows.push(`| ${name} | ${ok ? "ok" : "FAIL"} | ${exit} | ${Math.round(ms)} | ${answer.replace(/\|/g, "\\|").slice(0, 80)} |`);
}

/**
 * Runs `command` with stdout into a pipe whose reader is `reader` (`true`: closes at once; `head -n 1`:
 * takes the first line, then closes). The hook starts after a pause, so the reader is already gone
 * (or waiting) when it writes. Returns the hook's exit status, its stderr and what the reader kept.
 */
async function withClosingReader(command: string[], env: Record<string, string>, cwd: string, input: string, reader: "true" | "head") {
  const dir = join(cwd, `.pipe-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "in"), input);
  const readerCmd = reader === "true" ? "true" : `"${HEAD}" -n 1 > "${join(dir, "kept")}"`;
  const script = `{ "${SLEEP}" 0.3; "$@" < "${join(dir, "in")}" 2> "${join(dir, "err")}"; echo $? > "${join(dir, "status")}"; } | ${readerCmd}`;
  const t0 = performance.now();
  const r = Bun.spawnSync([SH, "-c", script, "sh", ...command], { env, cwd });
  const ms = performance.now() - t0;
  const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), "utf8") : "");
  return { shellExit: r.exitCode, status: Number(read("status").trim()), stderr: read("err"), kept: read("kept"), ms };
}

describe("stdin never closed", () => {
  const cases: Array<[string, (w: World) => string, "deny" | "none"]> = [
    ["full event + newline, stdin left open", (w) => `${JSON.stringify(askEvent(w, [FIX]))}\n`, "deny"],
    ["full event, no newline, stdin left open", (w) => JSON.stringify(askEvent(w, [FIX], { tool_use_id: "tu-nl" })), "deny"],
    ["nothing written, stdin left open", () => "", "none"],
    ["half an event, stdin left open", (w) => JSON.stringify(askEvent(w, [FIX])).slice(0, 60), "none"],
  ];
  for (const [name, input, expected] of cases) {
    test(`question-preference: ${name} → answers within its deadline`, async () => {
      const w = qpWorld();
      const run = await runChild([bin, "question-preference"], { env: w.env, cwd: w.project, stdin: input(w), keepStdinOpen: true, killAfterMs: QP_DEADLINE_MS + MARGIN_MS });
      const j = judge(run, "PreToolUse");
      const reason = j.output?.hookSpecificOutput?.permissionDecisionReason;
      const ok = j.verdict === "ok" && (expected === "deny" ? reason === FIX_REASON : j.output === undefined);
      row(`question-preference: ${name}`, ok, run.exitCode, run.ms, expected === "deny" ? String(reason ? "deny" : "none") : j.output ? "json" : "none");
      expect(j.verdict).toBe("ok");
      expect(ok).toBe(true);
    }, 60_000);
  }

  test("ensure-python (never reads stdin): stdin left open → marker, then its answer", async () => {
    const w = epWorld({ python3: fakePython("3.11") });
    const run = await runChild([bin, "ensure-python"], { env: w.env, cwd: w.dir, stdin: "", keepStdinOpen: true, killAfterMs: 60_000 });
    const j = judge(run, "SessionStart", { asyncMarker: true });
    row("ensure-python: stdin left open", j.verdict === "ok" && j.output?.metrics?.sdk_bootstrap === 2, run.exitCode, run.ms, JSON.stringify(j.output?.metrics ?? {}));
    expect(j.verdict).toBe("ok");
    expect(j.output.metrics.sdk_bootstrap).toBe(2);
  }, 60_000);
});

describe("stdout closed early by the reader", () => {
  test("question-preference deny path: exit 0, marker and one valid log line; the next run still answers", async () => {
    const w = qpWorld();
    const r = await withClosingReader([bin, "question-preference"], w.env, w.project, `${JSON.stringify(askEvent(w, [FIX], { tool_use_id: "tu-closed" }))}\n`, "true");
    const log = w.logLines("app");
    const again = await runChild([bin, "question-preference"], { env: w.env, cwd: w.project, stdin: `${JSON.stringify(askEvent(w, [FIX], { tool_use_id: "tu-closed" }))}\n`, killAfterMs: 20_000 });
    const ok = r.status === 0 && !/EPIPE|panic/.test(r.stderr) && log.length === 1;
    row("question-preference deny, reader gone before the answer", ok, r.status, r.ms, r.stderr.split("\n")[0] ?? "");
    expect(r.stderr).not.toMatch(/EPIPE|panic|error/i);
    expect(r.status).toBe(0);
    expect(existsSync(join(w.stateRoot, "sessions", "sess-1", ".auto-decided-tu-closed"))).toBe(true);
    expect(log).toHaveLength(1);
    expect(judge(again, "PreToolUse").output?.hookSpecificOutput?.permissionDecisionReason).toBe(FIX_REASON);
    expect(w.logLines("app")).toHaveLength(1);
  }, 60_000);

  test("question-preference failure notice (3rd bad input in a row) into a closed pipe: exit 0, no crash", async () => {
    const w = qpWorld();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await withClosingReader([bin, "question-preference"], w.env, w.project, "{broken", "true"));
    const bad = results.filter((r) => r.status !== 0 || /EPIPE|panic/.test(r.stderr));
    row("question-preference failure notice, reader gone", bad.length === 0, results.at(-1)!.status, results.at(-1)!.ms, results.at(-1)!.stderr.split("\n")[0] ?? "");
    expect(bad.map((r) => r.stderr.split("\n").slice(0, 3).join(" "))).toEqual([]);
  }, 60_000);

  test("ensure-python: reader takes the async marker and leaves → the bootstrap still completes, no crash", async () => {
    const w = epWorld({ python3: fakePython("3.11") });
    const r = await withClosingReader([bin, "ensure-python"], w.env, w.dir, "", "head");
    const importable = existsSync(join(w.venv, "importable"));
    const ok = r.status === 0 && importable && !existsSync(w.sentinel) && !/EPIPE|panic/.test(r.stderr);
    row("ensure-python, reader gone after the marker", ok, r.status, r.ms, r.kept.trim());
    expect(JSON.parse(r.kept)).toEqual(ASYNC_MARKER);
    expect(r.stderr).not.toMatch(/EPIPE|panic|error/i);
    expect(r.status).toBe(0);
    expect(importable).toBe(true);
    expect(existsSync(w.sentinel)).toBe(false);
    const next = await runChild([bin, "ensure-python"], { env: w.env, cwd: w.dir, stdin: "", killAfterMs: 60_000 });
    expect(judge(next, "SessionStart", { asyncMarker: true }).output?.metrics?.sdk_bootstrap).toBe(1);
  }, 60_000);

  test("ensure-python: reader gone before the marker → the bootstrap still runs, no crash", async () => {
    const w = epWorld({ python3: fakePython("3.11") });
    const r = await withClosingReader([bin, "ensure-python"], w.env, w.dir, "", "true");
    const importable = existsSync(join(w.venv, "importable"));
    row("ensure-python, reader gone before the marker", r.status === 0 && importable, r.status, r.ms, r.stderr.split("\n")[0] ?? "");
    expect(r.status).toBe(0);
    expect(importable).toBe(true);
    expect(existsSync(w.sentinel)).toBe(false);
  }, 60_000);
});
