// Hostile ids and paths through the compiled question-preference: session_id, tool_use_id and cwd
// (and the project slug) holding `..`, absolute paths, both platforms' separators, NUL and 10 KB
// strings; then symlinks planted inside the state roots pointing outside. The world is a temp dir
// holding the state roots and sibling dirs; it is listed before and after, and nothing outside
// the state roots may change. Every run still answers (deny or nothing) with valid output.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fakePython } from "../../../src/testing/python-fakes.ts";
import { world as epWorld } from "../../python-bootstrap/test/fixtures/world.ts";
import { askEvent, FIX, FIX_REASON, makeWorld, type World } from "../../gstack-plan-tune/test/fixtures/world.ts";
import { judge, PARALLEL, pool, runChild, SEED, suiteBinary } from "./_harness.ts";
import { saveSection } from "./_report.ts";
import { changedOutside, snapshot } from "./_world.ts";

let bin: string;
const started = performance.now();
const figures: string[] = [];

function hostile(w: World): string[] {
  return [
    "..",
    "../..",
    "../../sibling",
    "../sibling/victim.txt",
    "sess/../../../sibling",
    "./.",
    ".",
    "/etc/passwd",
    join(w.dir, "sibling"),
    join(w.dir, "sibling", "victim.txt"),
    "..\\..\\sibling",
    "C:\\Windows\\System32",
    "\\\\?\\C:\\sibling",
    "\\\\server\\share\\x",
    "a\u0000b",
    "\u0000",
    "../\u0000/../sibling",
    "%2e%2e%2fsibling",
    "x".repeat(10 * 1024),
    "../".repeat(3000),
    "é/../../✓",
    " ",
  ];
}

function makeHostileWorld(): World {
  const w = makeWorld();
  mkdirSync(join(w.dir, "sibling", "proj"), { recursive: true });
  writeFileSync(join(w.dir, "sibling", "victim.txt"), "do not touch\n");
  writeFileSync(join(w.dir, "victim-top.txt"), "do not touch\n");
  w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
  w.setNuggets([{ nugget: "Fixes findings first", applies_to_signal_keys: ["code-quality-care"] }]);
  return w;
}

interface Outcome {
  runs: number;
  bad: string[];
  escapes: string[];
  denies: number;
}

async function runAll(w: World, events: Array<{ event: unknown; env?: Record<string, string>; cwd?: string }>): Promise<Outcome> {
  const roots = [w.stateRoot, w.env.HOOKKIT_STATE_DIR!];
  const before = snapshot(w.dir, roots);
  const bad: string[] = [];
  let denies = 0;
  await pool(events, PARALLEL, async ({ event, env, cwd }, i) => {
    const run = await runChild([bin, "question-preference"], { env: { ...w.env, ...env }, cwd: cwd ?? w.project, stdin: typeof event === "string" ? event : `${JSON.stringify(event)}\n`, killAfterMs: 20_000 });
    const j = judge(run, "PreToolUse");
    if (j.verdict !== "ok") bad.push(`#${i}: ${j.verdict} ${j.detail}`);
    if (j.output?.hookSpecificOutput?.permissionDecisionReason === FIX_REASON) denies++;
  });
  return { runs: events.length, bad, escapes: changedOutside(before, snapshot(w.dir, roots)), denies };
}

beforeAll(async () => {
  bin = await suiteBinary();
}, 300_000);

const worlds: World[] = [];
afterAll(() => {
  for (const w of worlds) w.cleanup();
  saveSection("hostile-paths", "Hostile ids, paths and planted symlinks", figures.join("\n"), (performance.now() - started) / 1000);
});

describe("hostile ids and paths", () => {
  test("session_id, tool_use_id, cwd and the project slug: still denies, nothing written outside the state roots", async () => {
    const w = makeHostileWorld();
    worlds.push(w);
    const values = hostile(w);
    const events: Array<{ event: unknown; env?: Record<string, string> }> = [];
    for (const v of values) {
      events.push({ event: askEvent(w, [FIX], { session_id: v, tool_use_id: `tu-s-${events.length}` }) });
      events.push({ event: askEvent(w, [FIX], { tool_use_id: v, session_id: `s-t-${events.length}` }) });
      events.push({ event: askEvent(w, [FIX], { cwd: v, tool_use_id: `tu-c-${events.length}` }) });
      events.push({ event: askEvent(w, [FIX], { session_id: v, tool_use_id: v, cwd: v }) });
      if (!v.includes("\u0000")) events.push({ event: askEvent(w, [FIX], { tool_use_id: `tu-g-${events.length}` }), env: { GSTACK_PROJECT_SLUG: v } });
    }
    const o = await runAll(w, events);
    figures.push(
      "| case | runs | bad answers | auto-decisions (deny) | entries changed outside the state roots |",
      "|---|---|---|---|---|",
      `| ${values.length} hostile values in session_id, tool_use_id, cwd, all three, GSTACK_PROJECT_SLUG | ${o.runs} | ${o.bad.length} | ${o.denies} | ${o.escapes.length} |`,
    );
    if (o.escapes.length) figures.push("", "Escapes:", ...o.escapes.slice(0, 20).map((e) => `- ${e}`));
    expect(o.bad).toEqual([]);
    expect(o.escapes).toEqual([]);
    // Ids only choose where traces go; the decision itself must not depend on them.
    expect(o.denies).toBe(o.runs);
  }, 300_000);

  test("symlinks planted in the state roots pointing outside: zero writes outside", async () => {
    const w = makeHostileWorld();
    worlds.push(w);
    const out = (name: string) => join(w.dir, "sibling", name);
    mkdirSync(out("sessions-target"), { recursive: true });
    mkdirSync(out("hookkit-target"), { recursive: true });
    const link = (target: string, at: string) => {
      mkdirSync(join(at, ".."), { recursive: true });
      symlinkSync(target, at);
    };
    // A session dir, a marker file and a memory cache that lead outside.
    link(out("sessions-target"), join(w.stateRoot, "sessions", "evil-dir"));
    mkdirSync(join(w.stateRoot, "sessions", "evil-files"), { recursive: true });
    link(out("victim.txt"), join(w.stateRoot, "sessions", "evil-files", ".auto-decided-tu-evil"));
    link(out("victim.txt"), join(w.stateRoot, "sessions", "evil-files", "memory-cache.json"));
    // A project dir and a question log that lead outside.
    link(out("proj"), join(w.stateRoot, "projects", "evil-proj"));
    link(out("victim.txt"), join(w.stateRoot, "projects", "evil-log", "question-log.jsonl"));
    // The error log, and hookkit's own state dir (cache.sqlite, failure counter).
    link(out("victim.txt"), join(w.stateRoot, "hook-errors.log"));
    link(out("hookkit-target"), join(w.env.HOOKKIT_STATE_DIR!, "question-preference"));
    const events = [
      { event: askEvent(w, [FIX], { session_id: "evil-dir", tool_use_id: "tu-1" }) },
      { event: askEvent(w, [FIX], { session_id: "evil-files", tool_use_id: "tu-evil" }) },
      { event: askEvent(w, [FIX], { tool_use_id: "tu-2" }), env: { GSTACK_PROJECT_SLUG: "evil-proj" } },
      { event: askEvent(w, [FIX], { tool_use_id: "tu-3" }), env: { GSTACK_PROJECT_SLUG: "evil-log" } },
      // Invalid input: the error log and the failure counter are written.
      { event: "{not json" },
      { event: "" },
      { event: "{not json" },
    ];
    const o = await runAll(w, events);
    figures.push(
      "",
      "| planted symlink (inside a state root, pointing outside) | runs | bad answers | entries changed outside |",
      "|---|---|---|---|",
      `| sessions/<sid> dir, marker file, memory-cache.json, projects/<slug> dir, question-log.jsonl, hook-errors.log, hookkit state dir | ${o.runs} | ${o.bad.length} | ${o.escapes.length} |`,
    );
    if (o.escapes.length) figures.push("", "Escapes through planted symlinks:", ...o.escapes.map((e) => `- ${e}`));
    expect(o.bad).toEqual([]);
    expect(o.escapes).toEqual([]);
  }, 120_000);
});

describe("ensure-python state dir with planted symlinks", () => {
  // venv --clear empties whatever directory the venv path resolves to: a planted link there could
  // wipe a folder outside the state dir. The log, cache, cooldown and notice files must not be
  // written through links either.
  test("a symlinked venv dir, log, cache and cooldown file: zero writes outside, still a valid answer", async () => {
    const w = epWorld({ python3: fakePython("3.11") }, {});
    const hookkitState = join(w.dir, "hookkit-state");
    const env = { ...w.env, HOOKKIT_STATE_DIR: hookkitState };
    const sibling = join(w.dir, "sibling");
    mkdirSync(join(sibling, "venv-target"), { recursive: true });
    writeFileSync(join(sibling, "venv-target", "precious.txt"), "keep\n");
    writeFileSync(join(sibling, "victim.txt"), "keep\n");
    mkdirSync(w.state, { recursive: true });
    symlinkSync(join(sibling, "venv-target"), w.venv);
    symlinkSync(join(sibling, "victim.txt"), join(w.state, "ensure-python.log"));
    symlinkSync(join(sibling, "victim-db"), join(w.state, ".ensure-python-cache.sqlite"));
    symlinkSync(join(sibling, "victim.txt"), `${w.venv}.cooldown`);
    const roots = [w.state, hookkitState, w.log];
    const before = snapshot(w.dir, roots);
    const bad: string[] = [];
    // A failing pip (writes the cooldown and the log), then a build.
    const steps: Record<string, string>[] = [{ FAKE_PIP_STDERR: "ERROR: Could not find a version that satisfies the requirement x" }, { ENSURE_PYTHON_FORCE: "1" }];
    for (const extra of steps) {
      const run = await runChild([bin, "ensure-python"], { env: { ...env, ...extra }, cwd: w.dir, stdin: "", killAfterMs: 60_000 });
      const j = judge(run, "SessionStart", { asyncMarker: true });
      if (j.verdict !== "ok") bad.push(`${j.verdict} ${j.detail}`);
    }
    const escapes = changedOutside(before, snapshot(w.dir, roots));
    const precious = existsSync(join(sibling, "venv-target", "precious.txt")) && readFileSync(join(sibling, "victim.txt"), "utf8") === "keep\n";
    figures.push(
      "",
      "| planted symlink in ensure-python's state dir | runs | bad answers | entries changed outside | outside files intact |",
      "|---|---|---|---|---|",
      `| venv dir, ensure-python.log, .ensure-python-cache.sqlite, <venv>.cooldown | 2 | ${bad.length} | ${escapes.length} | ${precious ? "yes" : "no"} |`,
    );
    if (escapes.length) figures.push("", "Escapes:", ...escapes.map((e) => `- ${e}`));
    expect(bad).toEqual([]);
    expect(escapes).toEqual([]);
    expect(precious).toBe(true);
  }, 120_000);
});

console.log(`[reliability] hostile paths (seed ${SEED}; deterministic cases)`);
