// question-preference, the production hook, as a mod and as its compiled twin in real Claude Code sessions
// (offline, the SDK's stream-json transport: -p has no AskUserQuestion tool). gstack-plan-tune's own build
// writes both. The same calls go to every build:
//   1. an unmarked question: no opinion, so the host asks the user (the SDK client, who declines);
//   2. a marked always-ask question with memory nuggets: no decision, the nuggets as context, the user asked;
//   3. a marked never-ask question: denied with the decided answer; marker, question-log line, --derive;
// and, in a gstack install with no registry, no preference and no memory file, under Conductor:
//   4. a marked question: denied with Conductor's brief.
// On 2.1.328 the mod refuses the twin and answers; on 2.1.325 and 2.1.240 the twin answers. The answers the
// model sees and the files gstack reads must be the same whichever form gave them.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "../../src/build/index.ts";
import { ask, FIX, FIX_REASON, makeWorld, type World } from "../../plugins/gstack-plan-tune/test/fixtures/world.ts";
import { requestText, runSession, toolResults, type ScriptBlock, type Session } from "../hosts/claude/_session.ts";
import { claudeBinaryOf, OLDER_WITH_MODS, WITHOUT_MODS } from "../hosts/claude-versions/_versions.ts";

const PLUGIN = resolve(import.meta.dir, "..", "..", "plugins", "gstack-plan-tune");
const CURRENT = "2.1.328";
const DECLINED = "the user was asked and declined";

let out: string;
let twinDir: string;
let modDir: string;
const said: string[] = [];
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "qp-mod-"));
  const logger = { start() {}, success: (m: string) => said.push(m), info: (m: string) => said.push(m), warn() {}, log() {}, table() {} };
  const built = await build({ root: PLUGIN, targets: ["host"], outDir: out, writeRepoHooks: false, logger });
  if (!built.mod?.written) throw new Error(`gstack-plan-tune wrote no mod: ${JSON.stringify(built.mod?.verdicts)}`);
  twinDir = built.pluginDir;
  modDir = built.mod.dir;
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** AskUserQuestion's input as a model writes it (every option has a description). */
function asked(q: { question: string; options: Array<string | { label: string }> }) {
  const labels = q.options.map((o) => (typeof o === "string" ? o : o.label));
  return { questions: [{ question: q.question, header: "Decide", multiSelect: false, options: labels.map((label) => ({ label, description: `pick ${label}` })) }] };
}
const UNMARKED = ask(undefined, "Which colour for the button?", ["A) Blue (recommended)", "B) Green"]);
const ALWAYS = ask("ship-todos-reorganize", "Reorganize the TODOs?\nRecommendation: A) Reorganize", ["A) Reorganize", "B) Leave"]);
const NUGGET = "Keeps TODO lists tidy";

interface Outcome {
  version: string;
  session: Session;
  world: World;
  /** What the model read back for each AskUserQuestion call, in order. */
  results: string[];
  /** The memory context, when the model was given it. */
  context: boolean[];
  /** The host asked the SDK client about these tools (the hook had no opinion). */
  asked: number;
  /** gstack's files after the session, normalised (ids and times replaced). */
  files: Record<string, string>;
  cleanup(): void;
}

function gstackEnv(w: World): Record<string, string> {
  const { HOME: _home, PATH: _path, ...rest } = w.env;
  return rest;
}

/** gstack's state files, with what differs between sessions (the session id, times) replaced. */
function stateFiles(w: World, sessionId: string): Record<string, string> {
  const files: Record<string, string> = {};
  const root = w.stateRoot;
  for (const rel of (readdirSync(root, { recursive: true }) as string[]).sort()) {
    const path = join(root, rel);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue; // a folder
    }
    files[rel.replaceAll(sessionId, "<session>")] = text
      .replaceAll(sessionId, "<session>")
      .replaceAll(w.dir, "<world>")
      .replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /gm, "<time> ")
      .replace(/"(ts|cached_at)":\s*"[^"]+"/g, '"$1":"<time>"');
  }
  return files;
}

async function runCalls(version: string, kind: "main" | "conductor" | "planted-link" | "dangling-link"): Promise<Outcome> {
  const binary = version === CURRENT ? undefined : claudeBinaryOf(version);
  if (version !== CURRENT && !binary) throw new Error(`Claude Code ${version} is not installed: npm ci in test/hosts/claude-versions (sh dev.sh test does)`);
  const world = makeWorld({ registry: kind === "main" });
  const env = gstackEnv(world);
  let turns: ScriptBlock[][];
  if (kind === "main") {
    world.setProjectPrefs("app", { "ship-pre-landing-review-fix": "never-ask", "ship-todos-reorganize": "always-ask" });
    world.setNuggets([{ nugget: NUGGET, applies_to_signal_keys: ["detail-preference"] }]);
    // A gstack-developer-profile that leaves its arguments behind: the deny path starts it detached.
    mkdirSync(join(world.gstackRoot, "bin"), { recursive: true });
    const profile = join(world.gstackRoot, "bin", "gstack-developer-profile");
    writeFileSync(profile, `#!/bin/sh\nprintf '%s\\n' "$*" > "${join(world.dir, "derived.txt")}"\n`);
    chmodSync(profile, 0o755);
    delete env.GSTACK_QUESTION_LOG_NO_DERIVE;
    turns = [[{ tool: "AskUserQuestion", input: asked(UNMARKED) }], [{ tool: "AskUserQuestion", input: asked(ALWAYS) }], [{ tool: "AskUserQuestion", input: asked(FIX) }]];
  } else if (kind === "conductor") {
    env.CONDUCTOR_PORT = "4000";
    turns = [[{ tool: "AskUserQuestion", input: asked(FIX) }]];
  } else {
    // The project's folder in gstack's state is a link to a folder outside it: the decided call is still
    // denied, but its question-log line must not be written there.
    world.setGlobalPrefs({ "ship-pre-landing-review-fix": "never-ask" });
    // A dangling one would make the write create its target wherever it points.
    mkdirSync(join(world.dir, "outside"), { recursive: true });
    mkdirSync(join(world.stateRoot, "projects"), { recursive: true });
    symlinkSync(join(world.dir, "outside", ...(kind === "dangling-link" ? ["not-yet"] : [])), join(world.stateRoot, "projects", "app"));
    turns = [[{ tool: "AskUserQuestion", input: asked(FIX) }]];
  }
  const session = await runSession({
    binary,
    mode: "stream-json",
    pluginDirs: [modDir, twinDir],
    cwd: world.project,
    env,
    script: { turns },
    permission: { behavior: "deny", message: DECLINED },
    timeoutMs: 150_000,
  });
  const sessionId = String(session.result?.session_id ?? "no-session-id");
  // The detached --derive may still be writing when the session ends.
  for (let i = 0; kind === "main" && i < 50 && !existsSync(join(world.dir, "derived.txt")); i++) await Bun.sleep(100);
  // Each request carries the whole conversation: call i's result is the block with its id, and its
  // context is what first appears in the request after it.
  const results = turns.map((_, i) => toolResults(session.turns[i + 1]).find((r) => r.tool_use_id === `toolu_fake_${i}_0`)?.text ?? "(no result)");
  const hasNugget = (i: number) => requestText(session.turns[i]).includes(`[plan-tune memory] Past answers suggest: ${NUGGET}`);
  const context = turns.map((_, i) => hasNugget(i + 1) && !hasNugget(i));
  const files = stateFiles(world, sessionId);
  if (existsSync(join(world.dir, "derived.txt"))) files["(derive ran with)"] = readFileSync(join(world.dir, "derived.txt"), "utf8");
  return {
    version,
    session,
    world,
    results,
    context,
    asked: session.controlRequests.filter((r) => r.subtype === "can_use_tool").length,
    files,
    cleanup: () => {
      session.cleanup();
      world.cleanup();
    },
  };
}

// The debug log lines a command hook's run leaves (2.1.3xx names its plugin; 2.1.240 only the event).
const twinRan = (s: Session) =>
  /Hooks: PreToolUse:AskUserQuestion \[.*\] \(plugin gstack-plan-tune@inline\)/.test(s.debugLog) || /Hook PreToolUse:AskUserQuestion \(PreToolUse\) success/.test(s.debugLog);
const modRefusedTwin = (s: Session) => s.debugLog.includes("gstack-plan-tune: its hooks run in-process in gstack-plan-tune-mod");

/** The reason inside the model-visible text of a deny, whichever form gave it: 2.1.32x prefixes a command hook's reason, 2.1.240 gives it bare. */
const reasonOf = (text: string) => text.replace(/^PreToolUse:AskUserQuestion hook error: /, "");
const denied = (text: string, reason: string) => reasonOf(text) === reason;

const outcomes = new Map<string, Outcome>();
afterAll(() => outcomes.forEach((o) => o.cleanup()));

describe("question-preference: mod and twin, the same answers and files", () => {
  test("the build prints question-preference's verdict and writes the mod beside the twin", () => {
    expect(said).toContain("mod: question-preference: mod-capable, on classic.PreToolUse");
    expect(said.some((line) => /^mod plugin: .*mod \(twin: gstack-plan-tune\)$/.test(line))).toBe(true);
  });

  for (const version of [CURRENT, OLDER_WITH_MODS, WITHOUT_MODS]) {
    const form = version === CURRENT ? "the mod" : "the twin";
    test(`${version}: ${form} answers all four calls as gstack expects`, async () => {
      const main = await runCalls(version, "main");
      outcomes.set(`${version} main`, main);
      const conductor = await runCalls(version, "conductor");
      outcomes.set(`${version} conductor`, conductor);
      for (const o of [main, conductor]) {
        expect(o.session.isolated).toBe(true);
        expect(o.session.exitCode).toBe(0);
        // Which form answered, by the host's own log: the mod's refusal of the twin, or the twin's command run.
        expect({ version, refused: modRefusedTwin(o.session), twinRan: twinRan(o.session) }).toEqual({ version, refused: version === CURRENT, twinRan: version !== CURRENT });
      }
      // 1 and 2: no decision, so the user (the SDK client) was asked twice and declined; 2 carried the nugget.
      expect(main.asked).toBe(2);
      expect(main.results.slice(0, 2)).toEqual([DECLINED, DECLINED]);
      expect(main.context).toEqual([false, true, false]);
      // 3: denied with the decided answer, and the user never asked about it.
      expect({ text: main.results[2], denied: denied(main.results[2]!, FIX_REASON) }).toEqual({ text: main.results[2], denied: true });
      // 4: Conductor's brief, in a gstack install with no registry, preferences or memory.
      expect(conductor.asked).toBe(0);
      expect(conductor.results[0]).toContain("[conductor] AskUserQuestion has no interactive UI");
      // The files gstack reads: the marker and the log line of the decided call, the session's memory cache.
      expect(Object.keys(main.files).filter((f) => f.startsWith("sessions/")).sort()).toEqual(["sessions/<session>/.auto-decided-toolu_fake_2_0", "sessions/<session>/memory-cache.json"]);
      expect(main.files["projects/app/question-log.jsonl"]).toBe(
        `${JSON.stringify({ skill: "unknown", question_id: "ship-pre-landing-review-fix", question_summary: "Pre-landing review flagged issue.", options_count: 2, user_choice: "A) Fix now", recommended: "A) Fix now", source: "auto-decided", session_id: "<session>", tool_use_id: "toolu_fake_2_0", followed_recommendation: true, ts: "<time>" })}\n`,
      );
      expect(main.files["(derive ran with)"]).toBe("--derive\n");
      expect(main.files["hook-errors.log"]).toBeUndefined();
      if (version === CURRENT) {
        // The host's own clock for each call of the mod: the hop to the hooks worker, the hook, next() included.
        const settled = [main, conductor].flatMap((o) => [...o.session.debugLog.matchAll(/hooks module gstack-plan-tune-mod@inline (classic\.PreToolUse) settled in ([\d.]+)ms/g)].map((m) => `${m[2]} (${m[1]})`));
        expect(settled.length).toBe(4);
        console.log(`[question-preference mod] settled in, ms, calls 1–4: ${settled.join(", ")}`);
      }
    }, 600_000);
  }

  for (const version of [CURRENT, OLDER_WITH_MODS]) {
    test(`${version}: a link planted in gstack's state that leads outside, or nowhere, is never written through`, async () => {
      for (const kind of ["planted-link", "dangling-link"] as const) {
        const o = await runCalls(version, kind);
        outcomes.set(`${version} ${kind}`, o);
        expect({ refused: modRefusedTwin(o.session), twinRan: twinRan(o.session) }).toEqual({ refused: version === CURRENT, twinRan: version !== CURRENT });
        expect(denied(o.results[0]!, FIX_REASON)).toBe(true);
        expect({ kind, outside: readdirSync(join(o.world.dir, "outside")) }).toEqual({ kind, outside: [] });
        const why = kind === "planted-link" ? "is a symlink to <world>/outside, outside <world>/gstack-state" : "is a dangling symlink";
        expect(o.files["hook-errors.log"]).toBe(`<time> question-preference-hook: logAutoDecided failed: EACCES: refusing to write through a symlink: <world>/gstack-state/projects/app ${why}\n`);
        expect(Object.keys(o.files).filter((f) => f.startsWith("sessions/"))).toContain("sessions/<session>/.auto-decided-toolu_fake_0_0");
      }
    }, 300_000);
  }

  test("parity: every build left the same files and gave the same model-visible answers", () => {
    const mod = [outcomes.get(`${CURRENT} main`), outcomes.get(`${CURRENT} conductor`)];
    if (mod.some((o) => !o)) throw new Error("the 2.1.328 sessions did not run");
    const strip = reasonOf;
    for (const version of [OLDER_WITH_MODS, WITHOUT_MODS]) {
      for (const kind of version === OLDER_WITH_MODS ? ["main", "conductor", "planted-link", "dangling-link"] : ["main", "conductor"]) {
        const twin = outcomes.get(`${version} ${kind}`);
        const ours = outcomes.get(`${CURRENT} ${kind}`)!;
        if (!twin) throw new Error(`the ${version} sessions did not run`);
        expect({ version, kind, files: twin.files, results: twin.results.map(strip), context: twin.context }).toEqual({ version, kind, files: ours.files, results: ours.results.map(strip), context: ours.context });
      }
    }
  });
});
