// The same guard hook as a mod and as its compiled twin, in real Claude Code sessions (offline): on
// 2.1.328 the mod answers and the twin never runs; on 2.1.325 (mods, but plugin.register is never raised
// for a plugin without a module) the mod stays passive and the twin answers; on 2.1.240 (no mods) the
// modules-only plugin fails to load and the twin answers. Exactly one form answers every call.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runSession, toolResults, type Session } from "../hosts/claude/_session.ts";
import { claudeBinaryOf, OLDER_WITH_MODS, WITHOUT_MODS } from "../hosts/claude-versions/_versions.ts";
import { buildBoth, type ModBundle } from "./_mod-bundle.ts";

let bundle: ModBundle;
beforeAll(async () => {
  bundle = await buildBoth("test/fixtures/mod-project/hooks/guard.ts", "guard");
}, 180_000);
afterAll(() => bundle?.cleanup());

async function guardSession(binary: string | undefined): Promise<{ session: Session; answers: string[] }> {
  const state = join(bundle.out, `state-${Math.random().toString(36).slice(2)}`);
  mkdirSync(state, { recursive: true });
  // What the destructive call would delete: it must survive whichever form answered.
  const cwd = join(bundle.out, `project-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(cwd, "build-output"), { recursive: true });
  writeFileSync(join(cwd, "build-output", "keep"), "");
  const session = await runSession({
    binary,
    cwd,
    pluginDirs: [bundle.modDir, bundle.twinDir],
    env: { HOOKKIT_STATE_DIR: state },
    script: {
      turns: [
        [{ tool: "Bash", input: { command: "echo guarded-session-ok", description: "harmless" } }],
        [{ tool: "Bash", input: { command: "rm -rf ./build-output", description: "destructive" } }],
      ],
    },
    timeoutMs: 120_000,
  });
  const log = join(state, "no-rm-rf", "answers.log");
  const answers = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
  return { session, answers };
}

const lastResult = (session: Session) => toolResults(session.turns.at(-1)).at(-1);

function deniedReason(session: Session): string {
  const last = session.turns.at(-1);
  return toolResults(last).map((r) => r.text).join("\n");
}

// The debug log lines a command hook's run leaves (2.1.3xx names its plugin; 2.1.240 only the event).
const twinRan = (session: Session) =>
  /Hooks: PreToolUse:Bash \[.*\] \(plugin guard@inline\)/.test(session.debugLog) || /"Hook PreToolUse:Bash \(PreToolUse\) success/.test(session.debugLog);

describe("guard: mod and twin", () => {
  test("the build prints the guard's verdict and where the mod went", () => {
    expect(bundle.said).toContain("mod: no-rm-rf: mod-capable, on classic.PreToolUse");
    expect(bundle.said.some((line) => /^mod plugin: .*mod \(twin: guard\)$/.test(line))).toBe(true);
  });

  test("2.1.328: the mod refuses the twin and answers; the twin never runs", async () => {
    const { session, answers } = await guardSession(undefined);
    try {
      expect(session.isolated).toBe(true);
      expect(session.debugLog).toContain("guard: its hooks run in-process in guard-mod");
      expect(answers).toEqual(["mod echo guarded-session-ok", "mod rm -rf ./build-output"]);
      expect(session.result?.permission_denials?.map((d) => d.tool_input.command)).toEqual(["rm -rf ./build-output"]);
      expect(lastResult(session)?.is_error).toBe(true);
      expect(deniedReason(session)).toContain("no-rm-rf: recursive force-delete is blocked here (mod)");
      expect(existsSync(join(session.cwd, "build-output", "keep"))).toBe(true);
      expect(twinRan(session)).toBe(false);
    } finally {
      session.cleanup();
    }
  }, 180_000);

  for (const [version, why] of [
    [OLDER_WITH_MODS, "loads the mod, never raises plugin.register for the twin: the mod stays passive"],
    [WITHOUT_MODS, "has no mods: the modules-only plugin fails to load"],
  ] as const) {
    test(`${version}: ${why}; the twin answers`, async () => {
      const binary = claudeBinaryOf(version);
      if (!binary) throw new Error(`Claude Code ${version} is not installed: npm ci in test/hosts/claude-versions (sh dev.sh test does)`);
      const { session, answers } = await guardSession(binary);
      try {
        expect(session.isolated).toBe(true);
        expect(session.debugLog).not.toContain("guard: its hooks run in-process in guard-mod");
        expect(answers).toEqual(["binary echo guarded-session-ok", "binary rm -rf ./build-output"]);
        expect(session.result?.permission_denials?.map((d) => d.tool_input.command)).toEqual(["rm -rf ./build-output"]);
        expect(deniedReason(session)).toContain("no-rm-rf: recursive force-delete is blocked here (binary)");
        expect(existsSync(join(session.cwd, "build-output", "keep"))).toBe(true);
        expect(twinRan(session)).toBe(true);
        if (version === OLDER_WITH_MODS) expect(session.debugLog).toMatch(/hooks module guard-mod@inline loaded/);
        else expect(session.debugLog).toMatch(/Failed to load hooks for guard-mod/);
      } finally {
        session.cleanup();
      }
    }, 180_000);
  }
});
