// Parallel processes of the compiled binary sharing state, as parallel tool calls and several
// sessions starting at once do: 50 simultaneous auto-decisions for one project must leave exactly
// 50 question-log lines, each valid JSON, none interleaved; 10 simultaneous ensure-python
// bootstraps must build once (the others report 5 "someone is building" or 1 "venv good").
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fakePython } from "../../../src/testing/python-fakes.ts";
import { calls, world as epWorld } from "../../python-bootstrap/test/fixtures/world.ts";
import { askEvent, FIX, FIX_REASON, makeWorld, type World } from "../../gstack-plan-tune/test/fixtures/world.ts";
import { judge, LONG, runChild, suiteBinary } from "./_harness.ts";
import { saveSection } from "./_report.ts";

const QP_PARALLEL = 50;
const QP_ROUNDS = LONG ? 20 : 4;
const EP_PARALLEL = 10;
const EP_ROUNDS = LONG ? 40 : 6;

let bin: string;
const started = performance.now();
const worlds: World[] = [];
const figures = { qpRuns: 0, qpDenies: 0, qpBad: 0, linesExpected: 0, linesFound: 0, linesCorrupt: 0, linesLost: 0, linesDuplicated: 0, markers: 0 };
const ep = { rounds: 0, runs: 0, bad: 0, builds: [] as number[], outcomes: new Map<number, number>(), sentinelsLeft: 0 };

beforeAll(async () => {
  bin = await suiteBinary();
}, 300_000);

afterAll(() => {
  for (const w of worlds) w.cleanup();
  const f = figures;
  const outcomes = [...ep.outcomes.entries()].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${c}: ${n}`).join(", ");
  saveSection(
    "concurrency",
    "Concurrency",
    [
      "| case | processes | bad answers | expected | found | lost | corrupt or interleaved | duplicated |",
      "|---|---|---|---|---|---|---|---|",
      `| ${QP_ROUNDS} rounds of ${QP_PARALLEL} simultaneous auto-decisions, one project (log lines) | ${f.qpRuns} | ${f.qpBad} | ${f.linesExpected} | ${f.linesFound} | ${f.linesLost} | ${f.linesCorrupt} | ${f.linesDuplicated} |`,
      `| same runs: auto-decided markers | ${f.qpRuns} | | ${f.qpRuns} | ${f.markers} | ${f.qpRuns - f.markers} | | |`,
      "",
      `ensure-python: ${ep.rounds} rounds of ${EP_PARALLEL} simultaneous bootstraps (fake interpreter; every other round with a 1 s venv step): ${ep.runs} runs, ${ep.bad} bad answers, builds per round: ${ep.builds.join(", ")}; outcome codes (code: runs) ${outcomes}; sentinels left behind: ${ep.sentinelsLeft}.`,
    ].join("\n"),
    (performance.now() - started) / 1000,
  );
});

describe("concurrency", () => {
  test(`${QP_PARALLEL} parallel auto-decisions for one project: exactly ${QP_PARALLEL} valid, whole log lines per round`, async () => {
    for (let round = 0; round < QP_ROUNDS; round++) {
      const w = makeWorld();
      worlds.push(w);
      w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
      const ids = Array.from({ length: QP_PARALLEL }, (_, i) => `tu-${round}-${i}`);
      const runs = await Promise.all(
        ids.map((id, i) => runChild([bin, "question-preference"], { env: w.env, cwd: w.project, stdin: `${JSON.stringify(askEvent(w, [FIX], { tool_use_id: id, session_id: `s-${i}` }))}\n`, killAfterMs: 60_000 })),
      );
      figures.qpRuns += runs.length;
      for (const r of runs) {
        const j = judge(r, "PreToolUse");
        if (j.verdict !== "ok") figures.qpBad++;
        else if (j.output?.hookSpecificOutput?.permissionDecisionReason === FIX_REASON) figures.qpDenies++;
      }
      const text = readFileSync(join(w.stateRoot, "projects", "app", "question-log.jsonl"), "utf8");
      const lines = text.split("\n");
      expect(lines.pop()).toBe(""); // ends with a newline: no half line at the end
      const seen = new Map<string, number>();
      for (const line of lines) {
        try {
          const record = JSON.parse(line) as { tool_use_id: string };
          seen.set(record.tool_use_id, (seen.get(record.tool_use_id) ?? 0) + 1);
        } catch {
          figures.linesCorrupt++;
        }
      }
      figures.linesExpected += ids.length;
      figures.linesFound += lines.length;
      figures.linesLost += ids.filter((id) => !seen.has(id)).length;
      figures.linesDuplicated += [...seen.values()].filter((n) => n > 1).length;
      figures.markers += readdirSync(join(w.stateRoot, "sessions")).filter((s) => existsSync(join(w.stateRoot, "sessions", s, `.auto-decided-tu-${round}-${s.slice(2)}`))).length;
    }
    expect(figures.qpBad).toBe(0);
    expect(figures.qpDenies).toBe(figures.qpRuns);
    expect([figures.linesFound, figures.linesLost, figures.linesCorrupt, figures.linesDuplicated]).toEqual([figures.linesExpected, 0, 0, 0]);
    expect(figures.markers).toBe(figures.qpRuns);
  }, 600_000);

  test(`${EP_PARALLEL} parallel ensure-python bootstraps: one build per round, no sentinel left`, async () => {
    for (let round = 0; round < EP_ROUNDS; round++) {
      // Odd rounds: the venv step sleeps 1 s, so every run arrives while the build is in progress.
      // Even rounds: no pause, so runs also race the build's end (sentinel released, venv half there).
      const w = epWorld({ python3: fakePython("3.11") }, round % 2 ? { FAKE_VENV_SLEEP: "1" } : {});
      const runs = await Promise.all(Array.from({ length: EP_PARALLEL }, () => runChild([bin, "ensure-python"], { env: w.env, cwd: w.dir, stdin: "", killAfterMs: 120_000 })));
      ep.rounds++;
      for (const r of runs) {
        ep.runs++;
        const j = judge(r, "SessionStart", { asyncMarker: true });
        if (j.verdict !== "ok") ep.bad++;
        const code = j.output?.metrics?.sdk_bootstrap as number | undefined;
        if (code !== undefined) ep.outcomes.set(code, (ep.outcomes.get(code) ?? 0) + 1);
      }
      ep.builds.push(calls(w).filter((l) => l.includes(" -m venv ")).length);
      if (existsSync(w.sentinel)) ep.sentinelsLeft++;
    }
    expect(ep.bad).toBe(0);
    expect(ep.builds).toEqual(Array(EP_ROUNDS).fill(1));
    expect(ep.outcomes.get(2)).toBe(EP_ROUNDS);
    expect([...ep.outcomes.keys()].every((c) => c === 2 || c === 5 || c === 1)).toBe(true);
    expect(ep.sentinelsLeft).toBe(0);
  }, 600_000);
});
