// The portable context answers the same in both forms: one hook that uses every part of it (files, append,
// store, processes with env and timeout, env, clock, state folder, the rebuilt input) runs as the mod on
// 2.1.328 and as the compiled twin on 2.1.240, twice each (the second run sees the first one's state),
// and reports what it saw. The reports must be equal.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runSession, toolResults } from "../hosts/claude/_session.ts";
import { claudeBinaryOf, WITHOUT_MODS } from "../hosts/claude-versions/_versions.ts";
import { buildBoth, type ModBundle } from "./_mod-bundle.ts";

let bundle: ModBundle;
beforeAll(async () => {
  bundle = await buildBoth("test/fixtures/mod-project/hooks/probe.ts", "probe");
}, 180_000);
afterAll(() => bundle?.cleanup());

async function probeTwice(binary: string | undefined, label: string): Promise<unknown[]> {
  const state = join(bundle.out, `state-${label}`);
  mkdirSync(state, { recursive: true });
  const seen: unknown[] = [];
  for (let i = 0; i < 2; i++) {
    const session = await runSession({
      binary,
      pluginDirs: [bundle.modDir, bundle.twinDir],
      env: { HOOKKIT_STATE_DIR: state, PROBE_VAR: "from-the-session" },
      script: { turns: [[{ tool: "Bash", input: { command: "echo probe", description: "probe" } }]] },
      timeoutMs: 120_000,
    });
    try {
      const text = toolResults(session.turns.at(-1)).map((r) => r.text).join("\n");
      const json = /probe (\{.*\})/.exec(text)?.[1];
      if (!json) throw new Error(`no probe report in the tool result (${label}):\n${text}\n${session.stderr}`);
      seen.push(JSON.parse(json));
    } finally {
      session.cleanup();
    }
  }
  return seen;
}

test("the mod (2.1.328) and the binary (2.1.240) see the same through ctx.portable", async () => {
  expect(bundle.verdicts).toEqual([expect.objectContaining({ hook: "portable-probe", capable: true })]);
  const binary = claudeBinaryOf(WITHOUT_MODS);
  if (!binary) throw new Error(`Claude Code ${WITHOUT_MODS} is not installed: npm ci in test/hosts/claude-versions`);
  const mod = await probeTwice(undefined, "mod");
  const twin = await probeTwice(binary, "twin");
  expect(mod[0]).toEqual({
    before: null,
    after: "a\nb\n",
    exists: true,
    missing: false,
    count: 1,
    keys: ["count"],
    ran: { exitCode: 4, stdout: "child", stderr: "e" },
    timedOut: true,
    probeVar: "from-the-session",
    unset: null,
    stateDirEnds: true,
    tool: "Bash",
    command: "echo probe",
    sessionIdSet: true,
    cwdSet: true,
    clockSane: true,
  });
  expect(mod[1]).toMatchObject({ before: "a\nb\n", count: 2 });
  expect(twin).toEqual(mod);
}, 300_000);
