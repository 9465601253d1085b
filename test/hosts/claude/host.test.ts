// What the real Claude Code sends hooks and how it treats a hook it has to give up on, checked against
// what hookkit's protocol models assume; and that a session really is sealed off from the network.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadValidators } from "../../../src/protocol/index.ts";
import { offlineStatus } from "../_offline.ts";
import { CLAUDE_VERSION, claudeBinary, runSession, toolResults, type Session } from "./_session.ts";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
const keep = (s: Session) => (cleanups.push(s.cleanup), s);

test(`the pinned host is Claude Code ${CLAUDE_VERSION}, the native binary from the platform package`, () => {
  const binary = claudeBinary();
  expect(binary).toBeDefined();
  const run = Bun.spawnSync([binary!, "--version"], { env: { PATH: process.env.PATH ?? "", HOME: tmpdir() } });
  expect(run.stdout.toString().trim()).toBe(`${CLAUDE_VERSION} (Claude Code)`);
});

describe("the session is offline", () => {
  test("the host and its tools see only loopback, and nothing outside it answers", async () => {
    const status = offlineStatus();
    if (!status.isolated) {
      // No namespace here (not root, or no unshare): say so rather than pass quietly. CI runs as root.
      if (process.env.CI) throw new Error(`no network namespace on CI: ${status.why}`);
      console.warn(`not isolated: ${status.why}`);
      return;
    }
    const probe = "ip -o link show | wc -l; (exec 3<>/dev/tcp/1.1.1.1/443) 2>/dev/null && echo reached || echo unreachable";
    const s = keep(await runSession({ args: ["--allowedTools", "Bash"], script: { turns: [[{ tool: "Bash", input: { command: probe, description: "probe" } }]] } }));
    expect(s.isolated).toBe(true);
    expect(toolResults(s.turns[1])[0]?.text).toBe("1\nunreachable");
    // Every request the host made reached the fake API.
    expect(s.requests.length).toBeGreaterThanOrEqual(2);
    expect(s.requests.every((r) => r.path.startsWith("/v1/messages"))).toBe(true);
  });
});

describe("inputs", () => {
  const EVENTS = [
    "SessionStart", "UserPromptSubmit", "PreToolUse", "PermissionRequest", "PostToolUse", "PostToolUseFailure",
    "PostToolBatch", "MessageDisplay", "Stop", "SessionEnd",
  ];
  let captured: { event: string; text: string }[] = [];

  test("every event of an ordinary session fires, with one JSON object and one newline on stdin", async () => {
    const dir = mkdtempSync(join(tmpdir(), "claude-inputs-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const hooks = Object.fromEntries(EVENTS.map((e) => [e, [{ hooks: [{ type: "command", command: `cat > "${dir}/${e}-$$.json"` }] }]]));
    // Turn 0: one allowed call and one that needs a permission (PermissionRequest, then refused in -p);
    // turn 1: a command that fails (PostToolUseFailure).
    const s = keep(
      await runSession({
        settings: { hooks },
        args: ["--allowedTools", "Bash(echo:*)", "Bash(false:*)"],
        script: {
          turns: [
            [
              { tool: "Bash", input: { command: "echo ok", description: "allowed" } },
              { tool: "Bash", input: { command: "touch needs-approval", description: "not allowed" } },
            ],
            [{ tool: "Bash", input: { command: "false", description: "fails" } }],
          ],
        },
      }),
    );
    expect(s.exitCode).toBe(0);
    captured = readdirSync(dir).map((f) => ({ event: f.split("-")[0]!, text: readFileSync(join(dir, f), "utf8") }));
    expect([...new Set(captured.map((c) => c.event))].sort()).toEqual([...EVENTS].sort());
    for (const { text } of captured) {
      expect(text.endsWith("}\n")).toBe(true);
      expect(text.indexOf("\n")).toBe(text.length - 1);
    }
  });

  test("hookkit's input validation accepts every payload the host sent", async () => {
    expect(captured.length).toBeGreaterThanOrEqual(EVENTS.length);
    for (const { event, text } of captured) {
      const payload = JSON.parse(text);
      expect(payload.hook_event_name).toBe(event);
      const { checkInput } = await loadValidators[event]!();
      if (!checkInput(payload)) {
        const { explainInput } = await import("../../../src/protocol/explain.ts");
        throw new Error(`${event} payload refused: ${await explainInput(event as never, payload)}\n${text}`);
      }
    }
  });
});

test("a hook past its timeout: the host cancels it, drops its answer and lets the call through (so hookkit answers first)", async () => {
  const late = JSON.stringify({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "late" } });
  const hooks = { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: `cat >/dev/null; sleep 3; echo '${late}'`, timeout: 1 }] }] };
  const s = keep(
    await runSession({ settings: { hooks }, args: ["--allowedTools", "Bash"], script: { turns: [[{ tool: "Bash", input: { command: "touch t.marker", description: "step" } }]] } }),
  );
  expect(existsSync(join(s.cwd, "t.marker"))).toBe(true);
  expect(s.debugLog).toMatch(/Hooks: PreToolUse:Bash \[.*\] timed out after 1000ms/);
  expect(s.result?.permission_denials).toEqual([]);
});
