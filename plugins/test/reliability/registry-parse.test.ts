// A damaged gstack question registry (a file of `'id': {` blocks never closed) made the original
// regex scan quadratic: 7 s for 320 KB, past question-preference's 5 s deadline, with the handler's
// timer unable to fire during a synchronous regex. parseRegistry now finds the same matches in one
// pass; this file checks it agrees with the original regex on random sources built from registry
// fragments, and that the compiled hook answers on time with such a file installed.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseRegistry, type Registry } from "../../gstack-plan-tune/src/hooks/question-preference/registry.ts";
import { askEvent, FIX, FIX_REASON, makeWorld, REGISTRY_FIXTURE, type World } from "../../gstack-plan-tune/test/fixtures/world.ts";
import { judge, LONG, Rng, runChild, SEED, suiteBinary } from "./_harness.ts";
import { saveSection } from "./_report.ts";

/** The original hook's regex, verbatim: the reference parseRegistry must agree with. */
const ORIGINAL = /'([a-z0-9-]+)':\s*\{[^}]*?door_type:\s*'(one-way|two-way)'[^}]*?\}/g;

function original(source: string): Registry {
  const registry: Registry = {};
  for (const m of source.matchAll(ORIGINAL)) {
    const [block, id, door_type] = m as unknown as [string, string, "one-way" | "two-way"];
    const signal_key = block.match(/signal_key:\s*'([a-z0-9-]+)'/)?.[1];
    registry[id] = signal_key ? { id, door_type, signal_key } : { id, door_type };
  }
  return registry;
}

const FRAGMENTS = ["'a-1': {", "'b': {", "'c2':{", "'x' : {", "door_type: 'one-way'", "door_type:'two-way'", "door_type: 'maybe'", "signal_key: 'k-1'", "signal_key:'k2'", "}", "{", "'", ":", " ", "\n", ",", "id: 'q',", "door_type", "'d-9':\n  {"];
const CASES = LONG ? 50_000 : 5_000;
let bin: string;
const worlds: World[] = [];
const started = performance.now();
let mismatches = 0;
let answerMs = 0;

beforeAll(async () => {
  bin = await suiteBinary();
}, 300_000);

afterAll(() => {
  for (const w of worlds) w.cleanup();
  saveSection(
    "registry-parse",
    "Damaged question registry",
    [
      `- parseRegistry vs the original regex on ${CASES} random sources built from registry fragments (seed ${SEED}): ${mismatches} mismatches; the real fixture registry parses identically.`,
      `- The compiled hook with a 960 KB registry of 60,000 unclosed blocks installed: answered in ${Math.round(answerMs)} ms (deadline 5,000 ms; before the fix a 320 KB file of 20,000 such blocks took 7,600 ms and this one about a minute).`,
    ].join("\n"),
    (performance.now() - started) / 1000,
  );
});

describe("damaged question registry", () => {
  test("parseRegistry finds exactly what the original regex finds", async () => {
    const rng = new Rng(SEED ^ 0x4e6);
    const fixture = await Bun.file(REGISTRY_FIXTURE).text();
    expect(parseRegistry(fixture)).toEqual(original(fixture));
    for (let i = 0; i < CASES; i++) {
      const r = rng.fork(i);
      const source = Array.from({ length: r.range(1, 40) }, () => r.pick(FRAGMENTS)).join(r.pick(["", " ", "\n"]));
      if (JSON.stringify(parseRegistry(source)) !== JSON.stringify(original(source))) {
        mismatches++;
        if (mismatches < 5) console.log(`[reliability] registry mismatch (seed ${SEED}, case ${i}): ${JSON.stringify(source)}`);
      }
    }
    expect(mismatches).toBe(0);
  }, 120_000);

  test("a registry of 60,000 unclosed blocks: the compiled hook still answers within its deadline", async () => {
    const w = makeWorld();
    worlds.push(w);
    w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    writeFileSync(join(w.gstackRoot, "scripts", "question-registry.ts"), "'a': {".repeat(60_000) + "x".repeat(600_000));
    const run = await runChild([bin, "question-preference"], { env: w.env, cwd: w.project, stdin: JSON.stringify(askEvent(w, [FIX])), killAfterMs: 30_000 });
    answerMs = run.ms;
    const j = judge(run, "PreToolUse");
    expect(j.verdict).toBe("ok");
    expect(j.output?.hookSpecificOutput?.permissionDecisionReason).toBe(FIX_REASON);
    // The hook's 5 s timeout plus the suite's 10 s margin for a loaded machine; the old regex needs
    // about a minute here (7.6 s for a third of the blocks over a third of the text).
    expect(run.ms).toBeLessThan(15_000);
  }, 60_000);
});
