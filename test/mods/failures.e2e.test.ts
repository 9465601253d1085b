// Fail-closed hooks that fail in each way a mod can, in real Claude Code 2.1.328 sessions (offline): a
// throw (the runner catches it and denies), an overrun of the host's 10 s (the runner answers by policy
// before the host's budget runs out), a busy loop (the host restarts its stalled hooks worker and the
// generated .catch denies). In all three the Bash call is blocked and never runs.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDefinitions } from "../../src/build/index.ts";
import { writeModPlugin } from "../../src/build/mod/generate.ts";
import { REPO } from "../hosts/claude/_bundle.ts";
import { runSession, toolResults } from "../hosts/claude/_session.ts";

const FIXTURES = join(REPO, "test", "fixtures", "mod-project", "hooks");
let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "mod-failures-"));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The mod of one fixture hook and a twin plugin of the same name whose command hook leaves a marker. */
async function pair(hook: string): Promise<{ mod: string; twin: string; marker: string }> {
  const [def] = await loadDefinitions({ [hook]: () => import(join(FIXTURES, `${hook}.ts`)) });
  const twinName = `fail-${hook}`;
  const twin = join(out, twinName);
  const marker = join(out, `${twinName}-twin-ran`);
  mkdirSync(join(twin, ".claude-plugin"), { recursive: true });
  mkdirSync(join(twin, "hooks"), { recursive: true });
  writeFileSync(join(twin, ".claude-plugin", "plugin.json"), JSON.stringify({ name: twinName, version: "1.0.0" }));
  writeFileSync(
    join(twin, "hooks", "hooks.json"),
    JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: `touch '${marker}'` }] }] } }),
  );
  const mod = await writeModPlugin({ dir: join(out, `${twinName}-mod`), root: REPO, name: `${twinName}-mod`, version: "1.0.0", twin: twinName, hooks: [{ def: def!, file: join(FIXTURES, `${hook}.ts`) }] });
  expect(mod.written).toBe(true);
  return { mod: mod.dir, twin, marker };
}

describe("fail-closed mods on 2.1.328: the tool is blocked", () => {
  for (const [hook, expectReason] of [
    ["throws", "throws: Error: the guard broke"],
    ["overrun", "overrun: Error: handler did not finish within"],
    ["busy", "busy failed; it fails closed"],
  ] as const) {
    test(hook, async () => {
      const { mod, twin, marker } = await pair(hook);
      const state = join(out, `state-${hook}`);
      const session = await runSession({
        pluginDirs: [mod, twin],
        env: { HOOKKIT_STATE_DIR: state },
        script: { turns: [[{ tool: "Bash", input: { command: "touch ./tool-ran", description: "would leave a file" } }]] },
        timeoutMs: 120_000,
      });
      try {
        expect(session.isolated).toBe(true);
        expect(session.result?.permission_denials?.map((d) => d.tool_input.command)).toEqual(["touch ./tool-ran"]);
        expect(toolResults(session.turns.at(-1)).at(-1)?.is_error).toBe(true);
        expect(existsSync(join(session.cwd, "tool-ran"))).toBe(false);
        expect(existsSync(marker)).toBe(false); // the twin was refused, so its command hook never ran
        expect(toolResults(session.turns.at(-1)).map((r) => r.text).join("\n")).toContain(expectReason);
        // A failure the runner saw is logged where the binary logs it (the busy loop never returns to it).
        const log = join(state, hook, "errors.log");
        if (hook === "busy") expect(existsSync(log)).toBe(false);
        else expect(readFileSync(log, "utf8")).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${hook}: Error: `));
      } finally {
        session.cleanup();
      }
    }, 180_000);
  }
});
