// Crash recovery through the compiled binary: SIGKILL at random (seeded) points of an ensure-python
// bootstrap and of question-preference's cache and trace writes (and of a process writing the
// sqlite cache itself); corrupt and truncated sqlite caches; a read-only state dir; a full disk.
// After each, later runs must answer exactly as an undamaged world would, and never crash.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fakePython } from "../../../src/testing/python-fakes.ts";
import { world as epWorld, type World as EpWorld } from "../../python-bootstrap/test/fixtures/world.ts";
import { ask, askEvent, FIX, FIX_REASON, makeWorld, type World } from "../../gstack-plan-tune/test/fixtures/world.ts";
import { judge, LONG, PARALLEL, pool, Rng, runChild, SEED, suiteBinary } from "./_harness.ts";
import { fill, remountReadOnly, tmpfs, unmountAll } from "./_mount.ts";
import { saveSection } from "./_report.ts";

let bin: string;
const started = performance.now();
const rows: string[] = [];
const notes: string[] = [];
const worlds: World[] = [];
/** A command prefix for every hook run (the `ulimit -f` full-disk fallback); empty otherwise. */
let wrap: string[] = [];
const ONE_WAY = ask("review-sql-safety", "SQL risk.", ["A) Fix (recommended)", "B) Accept"]);

beforeAll(async () => {
  bin = await suiteBinary();
  console.log(`[reliability] crash recovery seed=${SEED}`);
}, 300_000);

afterAll(() => {
  unmountAll();
  for (const w of worlds) w.cleanup();
  saveSection(
    "crash-recovery",
    "Crash recovery",
    ["| case | damaged runs | later runs | wrong or invalid answers | crashes | notes |", "|---|---|---|---|---|---|", ...rows, "", ...notes].join("\n"),
    (performance.now() - started) / 1000,
  );
});

function qpWorld(): World {
  const w = makeWorld();
  worlds.push(w);
  w.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask", "review-sql-safety": "never-ask" });
  w.setNuggets([{ nugget: "Fixes findings first", applies_to_signal_keys: ["code-quality-care"] }]);
  return w;
}

const HOLD_ANSWER = JSON.stringify({ hookSpecificOutput: { hookEventName: "PreToolUse", additionalContext: "[plan-tune memory] Past answers suggest: Fixes findings first" } });

/** The two answers an undamaged world gives: deny for FIX, a hold with memory context for the one-way question. */
async function qpAnswersRight(w: World, env: Record<string, string> = {}, tag = "x"): Promise<{ ok: boolean; crash: boolean; detail: string }> {
  const deny = await runChild([...wrap, bin, "question-preference"], { env: { ...w.env, ...env }, cwd: w.project, stdin: JSON.stringify(askEvent(w, [FIX], { tool_use_id: `tu-${tag}` })), killAfterMs: 20_000 });
  const hold = await runChild([...wrap, bin, "question-preference"], { env: { ...w.env, ...env }, cwd: w.project, stdin: JSON.stringify(askEvent(w, [ONE_WAY], { tool_use_id: `tu-h-${tag}` })), killAfterMs: 20_000 });
  const jd = judge(deny, "PreToolUse");
  const jh = judge(hold, "PreToolUse");
  // The one-way question is held; its registry signal_key brings the memory nugget as context.
  const ok = jd.output?.hookSpecificOutput?.permissionDecisionReason === FIX_REASON && JSON.stringify(jh.output) === HOLD_ANSWER;
  return { ok, crash: jd.verdict === "crash" || jh.verdict === "crash", detail: `${jd.verdict} ${jd.detail ?? ""} / ${jh.verdict} ${new TextDecoder().decode(hold.stdout).slice(0, 100)}` };
}

function validJsonLines(file: string): { lines: number; corrupt: number } {
  if (!existsSync(file)) return { lines: 0, corrupt: 0 };
  const text = readFileSync(file, "utf8");
  let corrupt = text.length > 0 && !text.endsWith("\n") ? 1 : 0;
  const lines = text.split("\n").filter(Boolean);
  for (const l of lines) {
    try {
      JSON.parse(l);
    } catch {
      corrupt++;
    }
  }
  return { lines: lines.length, corrupt };
}

async function epRun(w: EpWorld, env: Record<string, string> = {}, killAfterMs = 60_000) {
  const run = await runChild([...wrap, bin, "ensure-python"], { env: { ...w.env, ...env }, cwd: w.dir, stdin: "", killAfterMs });
  const j = judge(run, "SessionStart", { asyncMarker: true });
  return { run, j, code: j.output?.metrics?.sdk_bootstrap as number | undefined };
}

describe("SIGKILL at random points", () => {
  test("ensure-python bootstrap: later runs build or find the venv, then answer 1 (or 0 for a system install)", async () => {
    const rounds = LONG ? 60 : 12;
    const rng = new Rng(SEED ^ 0xb007);
    let killed = 0;
    let wrong = 0;
    const detail: string[] = [];
    await pool(Array.from({ length: rounds }, (_, i) => i), 3, async (i) => {
      const system = i % 4 === 3;
      const w = epWorld({ python3: fakePython("3.11") }, { FAKE_VENV_SLEEP: "0.3", FAKE_PIP_SLEEP: "0.3", ...(system ? { FAKE_SYSTEM_FOUND: "1" } : {}) });
      const first = await epRun(w, {}, rng.fork(i).range(5, 500));
      if (first.run.killed) killed++;
      await Bun.sleep(800); // let an orphaned venv/pip step of the killed run finish, as it would
      const later = await epRun(w);
      const last = await epRun(w);
      const good = system ? later.code === 0 && last.code === 0 : [1, 2].includes(later.code!) && last.code === 1 && existsSync(join(w.venv, "importable"));
      if (!good || later.j.verdict !== "ok" || last.j.verdict !== "ok") {
        wrong++;
        detail.push(`round ${i}: ${later.code}/${last.code} ${later.j.detail ?? ""}`);
      }
    });
    rows.push(`| SIGKILL during an ensure-python bootstrap (5–500 ms in; fake venv/pip steps of 0.3 s; 1 in 4 with a system install) | ${killed} | ${rounds * 2} | ${wrong} | 0 | ${detail.slice(0, 3).join("; ")} |`);
    expect(detail).toEqual([]);
  }, 600_000);

  test("question-preference trace and cache writes: the log stays whole, the caches stay usable, answers stay right", async () => {
    const w = qpWorld();
    const kills = LONG ? 400 : 80;
    const rng = new Rng(SEED ^ 0xcace);
    const registry = join(w.gstackRoot, "scripts", "question-registry.ts");
    let killed = 0;
    await pool(Array.from({ length: kills }, (_, i) => i), PARALLEL, async (i) => {
      const r = rng.fork(i);
      // A new registry mtime forces a registry re-parse and a cache write in this run.
      const t = Date.now() / 1000 + i;
      utimesSync(registry, t, t);
      const run = await runChild([bin, "question-preference"], {
        env: w.env,
        cwd: w.project,
        stdin: JSON.stringify(askEvent(w, [FIX], { tool_use_id: `tu-k${i}`, session_id: `s-${r.int(10)}` })),
        killAfterMs: r.range(1, 60),
      });
      if (run.killed) killed++;
    });
    const after = await qpAnswersRight(w, {}, "after");
    const log = validJsonLines(join(w.stateRoot, "projects", "app", "question-log.jsonl"));
    let badCaches = 0;
    for (const s of readdirSync(join(w.stateRoot, "sessions"))) {
      const f = join(w.stateRoot, "sessions", s, "memory-cache.json");
      if (existsSync(f)) {
        try {
          JSON.parse(readFileSync(f, "utf8"));
        } catch {
          badCaches++;
        }
      }
    }
    const leftovers = (readdirSync(w.stateRoot, { recursive: true }) as string[]).filter((f) => f.endsWith(".tmp")).length;
    rows.push(`| SIGKILL 1–60 ms into question-preference runs (markers, memory caches, log) | ${killed} | 2 | ${after.ok ? 0 : 1} | ${after.crash ? 1 : 0} | log lines ${log.lines}, corrupt ${log.corrupt}; memory caches corrupt ${badCaches}; temp files left by killed writes ${leftovers} |`);
    expect(after).toMatchObject({ ok: true, crash: false });
    expect(log.corrupt).toBe(0);
    expect(badCaches).toBe(0);
  }, 600_000);
});

describe("damaged state", () => {
  const corruptions: Array<[string, (file: string, valid: Uint8Array) => void]> = [
    ["random bytes", (f) => writeFileSync(f, new Rng(SEED).bytes(8192))],
    ["truncated to half", (f, valid) => writeFileSync(f, valid.subarray(0, valid.length >> 1))],
    ["truncated to 100 bytes", (f, valid) => writeFileSync(f, valid.subarray(0, 100))],
    ["empty file", (f) => writeFileSync(f, "")],
    ["sqlite header, garbage pages", (f, valid) => writeFileSync(f, Buffer.concat([valid.subarray(0, 100), new Rng(SEED + 1).bytes(8192)]))],
    ["a directory in its place", (f) => mkdirSync(f)],
    ["wrong schema", (f) => writeWrongSchema(f)],
    ["garbage -wal and -shm beside it", (f) => (writeFileSync(`${f}-wal`, new Rng(SEED + 2).bytes(4096)), writeFileSync(`${f}-shm`, new Rng(SEED + 3).bytes(32768)))],
  ];

  function writeWrongSchema(f: string): void {
    const { Database } = require("bun:sqlite") as typeof import("bun:sqlite");
    const db = new Database(f, { create: true });
    db.exec("CREATE TABLE kv (nope INTEGER)");
    db.close();
  }

  test("corrupt or truncated sqlite caches: right answers, no crash (ensure-python; question-preference keeps none)", async () => {
    let wrong = 0;
    let crashes = 0;
    const details: string[] = [];
    for (const [name, corrupt] of corruptions) {
      const e = epWorld({ python3: fakePython("3.11") }, { FAKE_SYSTEM_FOUND: "1" });
      const e0 = await epRun(e);
      const efile = join(e.state, ".ensure-python-cache.sqlite");
      const evalid = existsSync(efile) ? new Uint8Array(readFileSync(efile)) : new Uint8Array(0);
      for (const f of [efile, `${efile}-wal`, `${efile}-shm`]) rmSync(f, { force: true });
      corrupt(efile, evalid);
      const e1 = await epRun(e);
      const e2 = await epRun(e);
      if (e0.code !== 0 || e1.code !== 0 || e2.code !== 0) (wrong++, details.push(`ensure-python ${name}: ${e1.code} ${e1.j.detail ?? ""}`));
      if (e1.j.verdict === "crash" || e2.j.verdict === "crash") crashes++;
    }
    rows.push(`| sqlite caches damaged ${corruptions.length} ways (${corruptions.map((c) => c[0]).join(", ")}), ensure-python | ${corruptions.length} | ${corruptions.length * 3} | ${wrong} | ${crashes} | ${details.slice(0, 3).join("; ")} |`);
    expect(details).toEqual([]);
    expect(crashes).toBe(0);
  }, 600_000);

  test("read-only state dirs: right answers, exit 0", async () => {
    const mnt = tmpfs("4m");
    if (!mnt) {
      notes.push("- Read-only state dir: not run (tmpfs mount not permitted here).");
      return;
    }
    const w = qpWorld();
    const env = { GSTACK_STATE_ROOT: join(mnt, "gstack"), HOOKKIT_STATE_DIR: join(mnt, "hookkit"), SECURITY_WARNINGS_STATE_DIR: join(mnt, "security") };
    copyDir(w.stateRoot, env.GSTACK_STATE_ROOT);
    expect(remountReadOnly(mnt)).toBe(true);
    const qp = await qpAnswersRight(w, env, "ro");
    const e = epWorld({ python3: fakePython("3.11") });
    const built = await epRun(e, env);
    const system = await epRun(e, { ...env, FAKE_SYSTEM_FOUND: "1" });
    const ok = qp.ok && built.j.verdict === "ok" && built.code === 3 && system.code === 0;
    rows.push(`| read-only state dirs (tmpfs remounted ro) | 3 | 3 | ${ok ? 0 : 1} | ${qp.crash ? 1 : 0} | question-preference still denies/holds; ensure-python answers 3 (phase ${built.j.output?.metrics?.sdk_bootstrap_phase}, err ${built.j.output?.metrics?.sdk_bootstrap_err}) when it must build, 0 for a system install |`);
    expect(qp).toMatchObject({ ok: true, crash: false });
    expect([built.j.verdict, built.code, system.code]).toEqual(["ok", 3, 0]);
  }, 120_000);

  test("a full disk: right answers, exit 0, no half-written line", async () => {
    let mnt = tmpfs("512k");
    const w = qpWorld();
    let how = "512 KiB tmpfs, filled";
    if (!mnt) {
      // No mount here: a file-size limit of 0 makes every file write fail (EFBIG) instead.
      mnt = join(w.dir, "ulimit");
      wrap = [Bun.which("sh", { PATH: "/usr/bin:/bin" })!, "-c", 'ulimit -f 0; exec "$@"', "sh"];
      how = "no mount permitted: `ulimit -f 0`";
    }
    const env = { GSTACK_STATE_ROOT: join(mnt, "gstack"), HOOKKIT_STATE_DIR: join(mnt, "hookkit"), SECURITY_WARNINGS_STATE_DIR: join(mnt, "security") };
    copyDir(w.stateRoot, env.GSTACK_STATE_ROOT);
    if (!wrap.length) await fill(join(mnt, "fill"));
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await qpAnswersRight(w, env, `full${i}`));
    const log = validJsonLines(join(env.GSTACK_STATE_ROOT, "projects", "app", "question-log.jsonl"));
    const e = epWorld({ python3: fakePython("3.11") });
    const built = await epRun(e, env);
    const again = await epRun(e, env);
    // Still a failed build, not "someone is building" (a sentinel left behind by the failed write).
    const wrong = results.filter((r) => !r.ok).length + (built.code === 3 ? 0 : 1) + (again.code === 3 ? 0 : 1);
    wrap = [];
    rows.push(`| full disk (${how}) | 7 | 7 | ${wrong} | ${results.filter((r) => r.crash).length} | log lines ${log.lines}, corrupt ${log.corrupt}; ensure-python answers ${built.code} (err ${built.j.output?.metrics?.sdk_bootstrap_err}) then ${again.code} |`);
    expect(results.every((r) => r.ok && !r.crash)).toBe(true);
    expect(log.corrupt).toBe(0);
    expect([built.j.verdict, built.code, again.j.verdict, again.code]).toEqual(["ok", 3, "ok", 3]);
    expect(existsSync(join(env.SECURITY_WARNINGS_STATE_DIR, "agent-sdk-venv.building"))).toBe(false);
  }, 120_000);
});

function copyDir(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyDir(join(from, entry.name), join(to, entry.name));
    else copyFileSync(join(from, entry.name), join(to, entry.name));
  }
}
