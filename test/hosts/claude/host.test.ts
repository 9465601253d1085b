// What the real Claude Code sends hooks and how it treats a hook it has to give up on, checked against
// what hookkit's protocol models assume; and that a session really is sealed off from the network.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadValidators } from "../../../src/protocol/index.ts";
import { offline, offlineStatus } from "../_offline.ts";
import { CLAUDE_VERSION, claudeBinary, runSession, toolResults, type Session } from "./_session.ts";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
const keep = (s: Session) => (cleanups.push(s.cleanup), s);

test(`the pinned host is Claude Code ${CLAUDE_VERSION}, the native binary from the platform package`, () => {
  const binary = claudeBinary();
  expect(binary).toBeDefined();
  // Offline like every other start of the host, though --version has nothing to fetch.
  const run = Bun.spawnSync(offline([binary!, "--version"]).argv, { env: { PATH: process.env.PATH ?? "", HOME: tmpdir() } });
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

test("how the host starts a hook: /bin/sh -c as its own child, the variables it sets, and which matchers select Bash", async () => {
  const dir = mkdtempSync(join(tmpdir(), "claude-start-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const record = (tag: string) =>
    `cat >/dev/null; env > "${dir}/${tag}.env"; tr '\\0' ' ' < /proc/$$/cmdline > "${dir}/${tag}.argv"; tr '\\0' ' ' < /proc/$PPID/cmdline > "${dir}/${tag}.parent"`;
  // A plugin written by hand (the host is under test here, not hookkit's build).
  const plugin = join(dir, "plugin");
  mkdirSync(join(plugin, ".claude-plugin"), { recursive: true });
  mkdirSync(join(plugin, "hooks"));
  writeFileSync(join(plugin, ".claude-plugin", "plugin.json"), JSON.stringify({ name: "probe-plugin", version: "1.2.3" }));
  writeFileSync(join(plugin, "hooks", "hooks.json"), JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: record("plugin") }] }] } }));
  const matchers = { "Bash": true, "Ba": false, "bash": false, "^Bash$": true, "Read|Bash": true, "Read,Bash": true, "B.*h": true, "Edit.*": false, "*": true, "": true };
  const groups = Object.keys(matchers).map((m, i) => ({ matcher: m, hooks: [{ type: "command", command: `cat >/dev/null; touch "${dir}/matcher-${i}"` }] }));
  const settings = { hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: record("settings") }] }, ...groups] } };
  const s = keep(await runSession({ pluginDirs: [plugin], settings, args: ["--allowedTools", "Bash"], script: { turns: [[{ tool: "Bash", input: { command: "true", description: "step" } }]] } }));
  const read = (f: string) => readFileSync(join(dir, f), "utf8");
  const env = (tag: string) => Object.fromEntries(read(`${tag}.env`).split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));

  for (const tag of ["plugin", "settings"]) {
    expect(read(`${tag}.argv`)).toStartWith("/bin/sh -c cat >/dev/null;");
    expect(read(`${tag}.parent`)).toStartWith(`${claudeBinary()} -p`);
    expect(env(tag)).toMatchObject({ CLAUDECODE: "1", CLAUDE_PROJECT_DIR: s.cwd, CLAUDE_CODE_SESSION_ID: s.result?.session_id, CLAUDE_CODE_ENTRYPOINT: "sdk-cli", HOME: s.home, PWD: s.cwd });
  }
  // Only a plugin's hooks learn where the plugin is and where its data may go.
  expect(env("plugin")).toMatchObject({ CLAUDE_PLUGIN_ROOT: plugin, CLAUDE_PLUGIN_DATA: join(s.home, ".claude", "plugins", "data", "probe-plugin-inline") });
  expect(env("settings").CLAUDE_PLUGIN_ROOT).toBeUndefined();
  expect(env("settings").CLAUDE_PLUGIN_DATA).toBeUndefined();
  // Names are exact and case-sensitive (lists split on | or ,); anything else is an unanchored regex.
  expect(Object.fromEntries(Object.keys(matchers).map((m, i) => [m, existsSync(join(dir, `matcher-${i}`))]))).toEqual(matchers);
});

test("the answers hookkit refuses to write are the ones the host drops (and the legacy block it maps to deny)", async () => {
  // One raw hook; the command of each turn picks what it prints.
  const outputs = {
    flat: { permissionDecision: "deny", permissionDecisionReason: "FLAT-REASON" },
    toplevel: { additionalContext: "TOPLEVEL-CONTEXT" },
    wrongevent: { hookSpecificOutput: { hookEventName: "PostToolUse", additionalContext: "WRONG-EVENT-CONTEXT" } },
    legacy: { decision: "block", reason: "LEGACY-BLOCK" },
  };
  const cases = Object.entries(outputs)
    .map(([name, out]) => `*${name}.marker*) echo '${JSON.stringify(out)}' ;;`)
    .join(" ");
  const hooks = { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: `input=$(cat); case "$input" in ${cases} esac` }] }] };
  const turns = Object.keys(outputs).map((name) => [{ tool: "Bash", input: { command: `touch ${name}.marker; echo ran`, description: name } }]);
  const s = keep(await runSession({ settings: { hooks }, args: ["--allowedTools", "Bash"], script: { turns } }));
  const ran = (name: string) => existsSync(join(s.cwd, `${name}.marker`));
  const last = s.turns.at(-1)!;
  const text = JSON.stringify(last.messages);
  // A decision outside hookSpecificOutput is ignored: the call runs.
  expect(ran("flat")).toBe(true);
  expect(s.debugLog).toContain("Hook JSON output had unrecognized keys (ignored): permissionDecision, permissionDecisionReason.");
  // additionalContext outside hookSpecificOutput never reaches the model.
  expect(text).not.toContain("TOPLEVEL-CONTEXT");
  expect(s.debugLog).toContain("Hook JSON output had unrecognized keys (ignored): additionalContext.");
  // A hookEventName other than the firing event makes the whole answer a hook error.
  expect(text).not.toContain("WRONG-EVENT-CONTEXT");
  expect(s.debugLog).toContain("Hook returned incorrect event name: expected 'PreToolUse' but got 'PostToolUse'");
  // The deprecated top-level decision:"block" on PreToolUse still denies.
  expect(ran("legacy")).toBe(false);
  expect(toolResults(last).at(-1)?.text).toBe("PreToolUse:Bash hook error: LEGACY-BLOCK");
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
