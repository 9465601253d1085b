// readStdin's fallback, on Linux, in real child processes with a real piped stdin: the first way in (Bun's
// stream) is made to fail as it does under Wine, and the fallback must give the same input under the same
// deadline and cap. test/windows/ shows the real failure answered under Wine.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtures } from "../protocol/samples.ts";
import { spawnHook, type SpawnOptions } from "./spawn.ts";
import { readStdin } from "./stdin.ts";

const FIXTURE = join(import.meta.dir, "..", "..", "test", "fixtures", "stdin-fallback.ts");
const run = (input: string, env: Record<string, string>, options: SpawnOptions = {}, mode?: string) =>
  spawnHook([process.execPath, "run", FIXTURE, ...(mode ? [mode] : [])], input, { ...options, env: { ...process.env, ...env } });
const event = `${JSON.stringify(fixtures.preToolUse({ tool_input: { command: "ls", mode: "deny" } }))}\n`;

describe("readStdin: a stream that cannot start falls back to reading fd 0", () => {
  test.each(["open", "read"])("refused at %s: the whole piped input arrives through the fallback", async (refuse) => {
    const child = await run(event, { STDIN_REFUSE: refuse });
    expect(child.output).toEqual({ text: event, timedOut: false, overflow: false, bytes: event.length });
  });

  test("the cap still holds on the fallback", async () => {
    const child = await run("x".repeat(300_000), { STDIN_MAX_BYTES: "100000" });
    expect(child.output).toMatchObject({ text: "", overflow: true });
    expect(child.output.bytes).toBeGreaterThan(100_000);
  });

  test("stdin held open: the fallback keeps what arrived by the deadline, and the deadline is the same one", async () => {
    const child = await run(event, { STDIN_DEADLINE_MS: "300" }, { keepStdinOpen: true, timeoutMs: 10_000 });
    expect(child.output).toEqual({ text: event, timedOut: true, overflow: false, bytes: event.length });
  });

  test("neither way starts: empty input, no exception", async () => {
    const child = await run(event, { STDIN_REFUSE: "both" });
    expect(child.output).toEqual({ text: "", timedOut: false, overflow: false, bytes: 0 });
  });

  test("a working stream is read as before and the fallback is never asked", async () => {
    let asked = false;
    const source = {
      stream: () => new Blob([event]).stream(),
      fallback: async () => ((asked = true), new Blob(["wrong"]).stream()),
    };
    expect(await readStdin({ deadlineMs: 1000, maxBytes: 1 << 20 }, source)).toEqual({ text: event, timedOut: false, overflow: false, bytes: event.length });
    expect(asked).toBe(false);
  });
});

describe("the run loop with a refusing stream", () => {
  let state: string;
  beforeAll(() => void (state = mkdtempSync(join(tmpdir(), "hookkit-stdin-"))));
  afterAll(() => rmSync(state, { recursive: true, force: true }));

  test("the piped event is answered and nothing is logged as the handler's failure", async () => {
    const child = await run(event, { PROBE_STATE: state }, {}, "hook");
    expect(child.exitCode).toBe(0);
    expect(child.output.hookSpecificOutput).toMatchObject({ permissionDecision: "deny", permissionDecisionReason: "no: ls" });
    expect(existsSync(join(state, "probe-hook", "errors.log"))).toBe(false);
  });

  test("neither way starts: logged as empty input, not as 'handler threw'", async () => {
    const child = await run(event, { PROBE_STATE: state, STDIN_REFUSE: "both" }, {}, "hook");
    expect([child.exitCode, child.stdout]).toEqual([0, ""]);
    const log = readFileSync(join(state, "probe-hook", "errors.log"), "utf8");
    expect(log).toMatch(/ probe-hook: empty input\n$/);
    expect(log).not.toContain("handler threw");
  });
});
