// The two example hooks inside the real Claude Code, from the bundle the cross-plugin tests use
// (plugins/test/_binary.ts builds it once per source state): question-preference on a scripted
// AskUserQuestion call in SDK mode, ensure-python on SessionStart with a real venv and a local wheel.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hostBuild } from "../_binary.ts";
import { FIX, FIX_REASON, makeWorld, type World } from "../../gstack-plan-tune/test/fixtures/world.ts";
import { runSession, toolResults, type Session } from "../../../test/hosts/claude/_session.ts";
import { realPython } from "../../../src/testing/index.ts";

let pluginDir: string;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  pluginDir = (await hostBuild()).pluginDir;
}, 180_000);
afterAll(() => cleanups.forEach((c) => c()));
const keep = (s: Session) => (cleanups.push(s.cleanup), s);

describe("question-preference", () => {
  // The question as a model writes it: AskUserQuestion wants a description on every option.
  const QUESTION = {
    questions: [
      {
        question: FIX.question,
        header: "Decide",
        multiSelect: false,
        options: [
          { label: "A) Fix now (recommended)", description: "fix the finding" },
          { label: "B) Skip", description: "land as is" },
        ],
      },
    ],
  };
  const ASK = { turns: [[{ tool: "AskUserQuestion", input: QUESTION }]] };

  function world(): World {
    const w = makeWorld();
    cleanups.push(w.cleanup);
    return w;
  }
  /** The gstack locations from the world; HOME and PATH stay the session's. */
  const gstackEnv = (w: World) => {
    const { HOME: _home, PATH: _path, ...rest } = w.env;
    return rest;
  };
  const sdkSession = (w: World) =>
    runSession({
      mode: "stream-json",
      pluginDirs: [pluginDir],
      cwd: w.project,
      env: gstackEnv(w),
      script: ASK,
      permission: { behavior: "deny", message: "the user was asked and declined" },
    }).then(keep);

  test("never-ask preference: the user is never asked; the model gets the decided answer; gstack's log and marker are written", async () => {
    const w = world();
    w.setProjectPrefs("app", { "ship-pre-landing-review-fix": "never-ask" });
    const s = await sdkSession(w);
    expect(s.exitCode).toBe(0);
    expect(s.controlRequests.filter((r) => r.subtype === "can_use_tool")).toEqual([]);
    const [result] = toolResults(s.turns[1]);
    expect(result?.is_error).toBe(true);
    expect(result?.text).toBe(`PreToolUse:AskUserQuestion hook error: ${FIX_REASON}`);
    const sessionId = s.result?.session_id;
    expect(sessionId).toBeString();
    expect(w.logLines("app")).toEqual([
      expect.objectContaining({ question_id: "ship-pre-landing-review-fix", user_choice: "A) Fix now", source: "auto-decided", session_id: sessionId, tool_use_id: "toolu_fake_0_0" }),
    ]);
    expect(existsSync(join(w.stateRoot, "sessions", sessionId!, ".auto-decided-toolu_fake_0_0"))).toBe(true);
  });

  test("no preference: the hook has no opinion, so the host asks the user (the SDK client) and the client's answer stands", async () => {
    const w = world();
    const s = await sdkSession(w);
    expect(s.controlRequests).toEqual([expect.objectContaining({ subtype: "can_use_tool", tool_name: "AskUserQuestion", input: QUESTION })]);
    expect(toolResults(s.turns[1])[0]?.text).toBe("the user was asked and declined");
    expect(w.logLines("app")).toEqual([]);
  });

  test("plain -p has no AskUserQuestion tool, so the hook never fires there", async () => {
    const w = world();
    w.setProjectPrefs("app", { "ship-pre-landing-review-fix": "never-ask" });
    const s = keep(await runSession({ pluginDirs: [pluginDir], cwd: w.project, env: gstackEnv(w), script: ASK }));
    expect(s.turns[0]?.tools?.some((t) => t.name === "AskUserQuestion")).toBe(false);
    expect(toolResults(s.turns[1])[0]?.text).toContain("No such tool available: AskUserQuestion");
    expect(w.logLines("app")).toEqual([]);
  });
});

const PYTHON = realPython();

describe.skipIf(!PYTHON)("ensure-python", () => {
  let dir: string;
  let env: Record<string, string>;
  let venvPython: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "claude-ensure-python-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const wheels = join(dir, "wheels");
    const made = Bun.spawnSync([PYTHON!, join(import.meta.dir, "..", "..", "python-bootstrap", "test", "fixtures", "make_wheel.py"), wheels, "claude-agent-sdk", "0.0.1", "claude_agent_sdk"]);
    expect(made.exitCode).toBe(0);
    const state = join(dir, "state");
    // pip installs from the local wheel only; the session is offline anyway.
    env = { PIP_NO_INDEX: "1", PIP_FIND_LINKS: wheels, PIP_CONFIG_FILE: "/dev/null", SECURITY_WARNINGS_STATE_DIR: state };
    venvPython = join(state, "agent-sdk-venv", "bin", "python");
  });

  // Turn 0 waits, inside the host's own Bash tool, until this session's hook process has exited (found by
  // its argv and this test's unique state dir in its environment; other processes on the machine may run
  // ensure-python too), then reports whether the package imports from the venv. Turn 1 gives the host a
  // turn boundary to collect the hook's final answer before the session ends.
  const script = () => {
    const running = `for e in /proc/[0-9]*/environ; do grep -qzx "SECURITY_WARNINGS_STATE_DIR=${env.SECURITY_WARNINGS_STATE_DIR}" "$e" 2>/dev/null && grep -qzx ensure-python "\${e%environ}cmdline" 2>/dev/null && exit 0; done; exit 1`;
    const wait = `for i in $(seq 1 600); do sh -c '${running}' || break; sleep 0.2; done`;
    return {
      turns: [
        [
          {
            tool: "Bash",
            input: {
              command: `${wait}; "${venvPython}" -c 'import claude_agent_sdk as m; print("IMPORTED", m.VERSION)'`,
              description: "wait for the bootstrap",
              timeout: 150_000,
            },
          },
        ],
        [{ tool: "Bash", input: { command: "echo next", description: "a turn boundary" } }],
      ],
    };
  };
  const finalAnswer = (s: Session) => /Hooks: Found sync response from async_hook_\d+: (\{.*\})$/m.exec(s.debugLog)?.[1];

  test("first session: the host backgrounds the hook at once, the venv is built meanwhile, and the host's Bash imports the package", async () => {
    const s = keep(await runSession({ pluginDirs: [pluginDir], env, args: ["--allowedTools", "Bash"], script: script(), timeoutMs: 170_000 }));
    expect(s.exitCode).toBe(0);
    expect(toolResults(s.turns[1])[0]?.text).toBe("IMPORTED 0.0.1");
    // The model was asked before the build finished: the async marker let the session go on.
    const lines = s.debugLog.split("\n");
    const backgrounded = lines.findIndex((l) => /Hooks: Detected async hook, backgrounding process async_hook_\d+/.test(l));
    const firstRequest = lines.findIndex((l) => l.includes("[API REQUEST] /v1/messages"));
    const answered = lines.findIndex((l) => l.includes("Found sync response from async_hook_"));
    expect(backgrounded).toBeGreaterThan(-1);
    expect(backgrounded).toBeLessThan(firstRequest);
    expect(answered).toBeGreaterThan(firstRequest);
    expect(s.debugLog).toMatch(/Registering async hook async_hook_\d+ \(SessionStart:startup\) with timeout 180000ms/);
    expect(JSON.parse(finalAnswer(s)!)).toMatchObject({ metrics: { sdk_bootstrap: 2 } });
  }, 180_000);

  test("second session: the venv already imports it (outcome 1), nothing is rebuilt", async () => {
    const s = keep(await runSession({ pluginDirs: [pluginDir], env, args: ["--allowedTools", "Bash"], script: script(), timeoutMs: 120_000 }));
    expect(toolResults(s.turns[1])[0]?.text).toBe("IMPORTED 0.0.1");
    expect(JSON.parse(finalAnswer(s)!)).toMatchObject({ metrics: { sdk_bootstrap: 1 } });
  }, 150_000);
});
