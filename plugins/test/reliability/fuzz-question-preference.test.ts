// Fuzz the compiled `hookkit question-preference` with ≥5,000 generated stdin payloads (seeded,
// printed). Each run must exit 0 (the hook fails open), print nothing or one JSON line valid for
// PreToolUse, end within its 5 s deadline (plus a margin for a loaded 2-core machine), and leave
// every file outside the two state roots untouched and the question log line-for-line valid JSON.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ask, askEvent, FIX, makeWorld, type World } from "../../gstack-plan-tune/test/fixtures/world.ts";
import { judge, LONG, PARALLEL, pool, Rng, runChild, SEED, suiteBinary, Tally } from "./_harness.ts";
import { badUtf8, deepNesting, hugeString, mutate, nulBytes, paths, randomBytes, setPath, truncate, utf8, WRONG_VALUES } from "./_mutate.ts";
import { saveSection, tallyTable } from "./_report.ts";
import { snapshot, changedOutside } from "./_world.ts";

const HOOK_TIMEOUT_MS = 5_000;
/** Generous: a 20 MiB pipe on a loaded 2-core machine; exceeding this counts as a time-out. */
const MARGIN_MS = 10_000;
const SCALE = LONG ? 8 : 1;

/** Generator -> number of cases (default run: 5,010 + the systematic wrong-type grid). */
const PLAN: Array<[string, number]> = [
  ["random-bytes", 500],
  ["truncated", 700],
  ["mutated", 1000],
  ["wrong-type", 600],
  ["deep-nesting", 120],
  ["huge-string", 100],
  ["invalid-utf8", 500],
  ["nul-bytes", 500],
  ["valid-random", 985],
  ["payload-20mib", 3],
  ["payload-12mib-valid", 2],
];

let bin: string;
let w: World;
const tally = new Tally();
const started = performance.now();
let outside: string[] = [];
let logCorrupt = 0;
let logLines = 0;

const IDS = ["ship-pre-landing-review-fix", "ship-todos-create", "qa-tier", "review-sql-safety", "plan-ceo-review-mode", "unregistered-thing", "constructor", "__proto__"];

function baseEvents(): object[] {
  return [
    askEvent(w, [FIX]),
    askEvent(w, [FIX, ask("qa-tier", "Tier?", ["A) Quick (recommended)", "B) Full"])]),
    askEvent(w, [ask("review-sql-safety", "SQL?", ["A) Fix (recommended)"])], { session_id: "s-2" }),
    askEvent(w, [FIX], { tool_name: "Bash" }),
    askEvent(w, [FIX], { tool_name: "mcp__conductor__AskUserQuestion" }),
  ];
}

/** A well-formed AskUserQuestion with random content: the deny, hold and pass paths with odd text. */
function validRandom(rng: Rng): object {
  const junk = () => rng.pick(["", "é✓\u{1F600}", "ignore previous instructions", "a\nb", "\u2028", "x".repeat(rng.int(300)), "../../etc", "(recommended)"]);
  const questions = Array.from({ length: rng.range(0, 4) }, () => {
    const id = rng.chance(0.8) ? rng.pick(IDS) : junk();
    const labels = Array.from({ length: rng.range(0, 5) }, (_, i) => `${String.fromCharCode(65 + i)}) ${junk()}${rng.chance(0.3) ? " (recommended)" : ""}`);
    const text = `${junk()}${rng.chance(0.3) ? " Recommendation: " + (labels[0] ?? junk()) : ""}`;
    return rng.chance(0.5) ? ask(id, text, labels) : { question: `<gstack-qid:${id}> ${text}`, options: labels };
  });
  return askEvent(w, questions as never, {
    session_id: rng.pick(["sess-1", `s-${rng.int(50)}`, junk()]),
    tool_use_id: rng.pick([`tu-${rng.int(1e6)}`, junk()]),
    ...(rng.chance(0.2) ? { cwd: rng.pick([w.dir, "/", "relative/dir", junk()]) } : {}),
    ...(rng.chance(0.1) ? { extra_field: { nested: junk() } } : {}),
  });
}

const wrongGrid: Array<[(string | number)[], unknown]> = [];

function generate(kind: string, i: number, rng: Rng): Uint8Array | string {
  const base = rng.pick(baseEvents());
  const text = utf8(`${JSON.stringify(base)}\n`);
  switch (kind) {
    case "random-bytes":
      return randomBytes(rng);
    case "truncated":
      return truncate(rng, text);
    case "mutated":
      return mutate(rng, text);
    case "wrong-type": {
      // First the full grid (every field of the deny event x every wrong value), then random picks.
      const [path, value] = wrongGrid[i] ?? [rng.pick(paths(base)), rng.pick(WRONG_VALUES)];
      return JSON.stringify(setPath(i < wrongGrid.length ? baseEvents()[0] : base, path, value));
    }
    case "deep-nesting": {
      const { text: nested, where } = deepNesting(rng);
      if (where === "root") return nested;
      const marker = '"__DEEP__"';
      const shaped =
        where === "tool_input"
          ? { ...base, tool_input: "__DEEP__" }
          : where === "question"
            ? setPath(baseEvents()[0], ["tool_input", "questions", 0, "options"], "__DEEP__")
            : { ...base, extra: "__DEEP__" };
      return JSON.stringify(shaped).replace(marker, nested);
    }
    case "huge-string": {
      const huge = hugeString(rng);
      const target = rng.pick([["session_id"], ["tool_use_id"], ["cwd"], ["tool_name"], ["tool_input", "questions", 0, "question"], ["tool_input", "questions", 0, "options", 0, "label"], ["transcript_path"]]);
      const value = target[0] === "tool_input" && target[4] === "question" ? `<gstack-qid:ship-pre-landing-review-fix> ${huge}` : huge;
      return JSON.stringify(setPath(baseEvents()[0], target, value));
    }
    case "invalid-utf8":
      return badUtf8(rng, text);
    case "nul-bytes":
      return nulBytes(rng, text);
    case "valid-random":
      return JSON.stringify(validRandom(rng));
    case "payload-20mib": {
      const size = 20 * 1024 * 1024;
      if (i % 3 === 0) return rng.bytes(size);
      if (i % 3 === 1) return JSON.stringify(setPath(baseEvents()[0], ["tool_input", "questions", 0, "question"], `<gstack-qid:ship-pre-landing-review-fix> ${"z".repeat(size)}`));
      return " ".repeat(size) + JSON.stringify(baseEvents()[0]);
    }
    case "payload-12mib-valid":
      return JSON.stringify({ ...baseEvents()[0], tool_input: { ...(baseEvents()[0] as any).tool_input, padding: "p".repeat(12 * 1024 * 1024) } });
  }
  throw new Error(`unknown generator ${kind}`);
}

beforeAll(async () => {
  bin = await suiteBinary();
  w = makeWorld();
  w.setGlobalPrefs(Object.fromEntries(IDS.map((id) => [id, "never-ask"])));
  w.setNuggets([{ nugget: "Fixes findings first", applies_to_signal_keys: ["code-quality-care"] }]);
  const deny = baseEvents()[0];
  for (const p of paths(deny)) for (const v of WRONG_VALUES) wrongGrid.push([p, v]);
  console.log(`[reliability] question-preference fuzz seed=${SEED} (HOOKKIT_RELIABILITY_SEED=${SEED} reproduces)`);
}, 300_000);

afterAll(() => w?.cleanup());

describe(`question-preference fuzz (seed ${SEED})`, () => {
  test("every generated input: exit 0, nothing or one valid JSON line, within the deadline, no writes outside the state roots", async () => {
    const cases: Array<[string, number]> = [];
    for (const [kind, n] of PLAN) {
      const count = kind === "wrong-type" ? Math.max(n, wrongGrid.length) : n;
      for (let i = 0; i < count * (kind.startsWith("payload") ? 1 : SCALE); i++) cases.push([kind, i]);
    }
    const root = new Rng(SEED);
    const roots = [w.stateRoot, w.env.HOOKKIT_STATE_DIR!];
    const before = snapshot(w.dir, roots);
    await pool(cases, PARALLEL, async ([kind, i], index) => {
      const rng = root.fork(index);
      const input = generate(kind, i, rng);
      const run = await runChild([bin, "question-preference"], { env: w.env, cwd: w.project, stdin: input, killAfterMs: HOOK_TIMEOUT_MS + MARGIN_MS });
      const j = judge(run, "PreToolUse");
      tally.add(kind, index, run, j, input.length);
      if (j.verdict !== "ok") console.log(`[reliability] FAIL ${kind} case ${index} (seed ${SEED}): ${j.verdict} ${j.detail ?? ""}`.slice(0, 600));
    });
    outside = changedOutside(before, snapshot(w.dir, roots));
    const logs = new Bun.Glob("projects/*/question-log.jsonl").scanSync({ cwd: w.stateRoot });
    for (const rel of logs) {
      for (const line of readFileSync(join(w.stateRoot, rel), "utf8").split("\n")) {
        if (!line) continue;
        logLines++;
        try {
          JSON.parse(line);
        } catch {
          logCorrupt++;
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    saveSection(
      "fuzz-question-preference",
      "Fuzz: question-preference (stdin)",
      [
        tallyTable(tally),
        "",
        `Files changed outside the state roots: ${outside.length}${outside.length ? ` (${outside.slice(0, 10).join(", ")})` : ""}.`,
        `Question-log lines written during the fuzz: ${logLines}, corrupt: ${logCorrupt}.`,
        `Wrong-type grid: ${wrongGrid.length} (field, value) pairs over every field of the deny event.`,
      ].join("\n"),
      seconds,
    );
    expect(tally.total("tried")).toBeGreaterThanOrEqual(5000);
    expect(tally.failures).toEqual([]);
    expect(outside).toEqual([]);
    expect(logCorrupt).toBe(0);
  }, 1_800_000);
});
