// doctor as a subprocess: each fault it promises to catch, caught, with a fix; green on a sound plugin.
import { describe, expect, test } from "bun:test";
import { chmodSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hostTarget } from "../../src/build/targets.ts";
import { cli, sandbox, write, type Sandbox } from "./_cli.ts";

type Check = { status: string; file?: string; subject: string; detail: string; fix?: string };

async function doctor(box: Sandbox, args: string[], env: Record<string, string | undefined> = {}) {
  const run = await cli(box, ["doctor", "--json", ...args], { env });
  const report = JSON.parse(run.stdout) as { ok: boolean; checks: Check[] };
  return { run, report, failures: report.checks.filter((c) => c.status === "fail") };
}

function settings(box: Sandbox, hooks: unknown): string {
  return write(join(box.cwd, "settings.json"), JSON.stringify({ hooks }, null, 2));
}

const sh = (text: string) => `#!/bin/sh\n${text}\n`;

/** A plugin bundle with a launcher and a host binary that are small shell scripts. */
function soundPlugin(box: Sandbox, hooks?: unknown): string {
  const dir = join(box.root, "plugin");
  const target = hostTarget();
  write(join(dir, ".claude-plugin", "plugin.json"), JSON.stringify({ name: "sound" }));
  const bin = write(join(dir, "bin", `hookkit-${target.name}`), sh('[ "$1" = --version ] && { echo 9.9.9; exit 0; }\ncat >/dev/null\n[ "$1" = deny ] && echo \'{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"no"}}\'\nexit 0'));
  const launcher = write(join(dir, "bin", "hookkit"), sh(`exec "$(dirname "$0")/hookkit-${target.name}" "$@"`));
  chmodSync(bin, 0o755);
  chmodSync(launcher, 0o755);
  write(
    join(dir, "hooks", "hooks.json"),
    JSON.stringify({
      hooks: hooks ?? {
        PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: '"${CLAUDE_PLUGIN_ROOT}/bin/hookkit" deny', timeout: 5 }] }],
        SessionStart: [{ hooks: [{ type: "command", command: "${CLAUDE_PLUGIN_ROOT}/bin/hookkit", args: ["start"], timeout: 5 }] }],
      },
    }),
  );
  return dir;
}

const failureMatching = (failures: Check[], pattern: RegExp) => failures.find((c) => pattern.test(c.detail));

describe("hookkit doctor", () => {
  test("a sound plugin is green: config, commands, binary, live answers, state dirs", async () => {
    const box = sandbox();
    const { run, report } = await doctor(box, ["--plugin", soundPlugin(box)]);
    expect(report.checks.filter((c) => c.status !== "ok")).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(report.checks.some((c) => c.subject === `binary ${hostTarget().name}` && /9\.9\.9/.test(c.detail))).toBe(true);
    expect(report.checks.some((c) => c.subject === "deny (PreToolUse[0]) answers" && /deny/.test(c.detail))).toBe(true);
    expect(report.checks.some((c) => c.subject === "hookkit state root")).toBe(true);
  });

  test("human output is a table on stderr with a fix per failure, and stdout stays empty", async () => {
    const box = sandbox();
    settings(box, { PretoolUse: [] });
    const run = await cli(box, ["doctor", "--settings", "settings.json"]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/FAIL\s+PretoolUse\s+unknown event "PretoolUse".*→ fix: rename it to "PreToolUse"/);
  });

  test("invalid JSON: the whole file is ignored", async () => {
    const box = sandbox();
    write(join(box.cwd, "settings.json"), '{ "hooks": { "Stop": [ ] }, }');
    const { run, failures } = await doctor(box, ["--settings", "settings.json", "--no-run"]);
    expect(run.exitCode).toBe(1);
    expect(failureMatching(failures, /not valid JSON.*ignores every hook/)?.fix).toContain("trailing commas");
  });

  test("unknown event, with the likely name", async () => {
    const box = sandbox();
    settings(box, { PostToolUSe: [{ hooks: [{ type: "command", command: "true" }] }] });
    const { failures } = await doctor(box, ["--settings", "settings.json", "--no-run"]);
    expect(failureMatching(failures, /unknown event "PostToolUSe"/)?.fix).toBe('rename it to "PostToolUse"');
  });

  test("bad matchers: an invalid regex fails; case and unanchored regexes warn", async () => {
    const box = sandbox();
    settings(box, {
      PostToolUse: [
        { matcher: "Bash(", hooks: [{ type: "command", command: "true" }] },
        { matcher: "bash", hooks: [{ type: "command", command: "true" }] },
        { matcher: "Edit.*", hooks: [{ type: "command", command: "true" }] },
      ],
    });
    const { report, failures } = await doctor(box, ["--settings", "settings.json", "--no-run"]);
    expect(failureMatching(failures, /not a valid regular expression/)?.subject).toBe("PostToolUse[0]");
    const warnings = report.checks.filter((c) => c.status === "warn").map((c) => c.detail);
    expect(warnings.some((w) => /"bash" never matches Bash/.test(w))).toBe(true);
    expect(warnings.some((w) => /also matches .*NotebookEdit/.test(w))).toBe(true);
  });

  test("an invalid PreToolUse entry is reported as disabling every hook in the file", async () => {
    const box = sandbox();
    settings(box, {
      PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command" }] }],
      Stop: [{ hooks: [{ type: "command", command: "true" }] }],
    });
    const { failures } = await doctor(box, ["--settings", "settings.json", "--no-run"]);
    const found = failureMatching(failures, /needs a non-empty "command"/);
    expect(found?.subject).toBe("PreToolUse[0].hooks[0]");
    expect(found?.detail).toContain("disable EVERY hook in this file");
  });

  test("non-positive timeouts", async () => {
    const box = sandbox();
    settings(box, { Stop: [{ hooks: [{ type: "command", command: "true", timeout: 0 }, { type: "command", command: "true", timeout: -5 }] }] });
    const { failures } = await doctor(box, ["--settings", "settings.json", "--no-run"]);
    expect(failures.filter((c) => /not a positive number of seconds/.test(c.detail)).map((c) => c.subject)).toEqual(["Stop[0].hooks[0]", "Stop[0].hooks[1]"]);
  });

  test("commands that do not resolve, in shell form and exec form, with placeholders substituted", async () => {
    const box = sandbox();
    const dir = soundPlugin(box, {
      Stop: [
        { hooks: [{ type: "command", command: '"${CLAUDE_PLUGIN_ROOT}/bin/missing" go' }] },
        { hooks: [{ type: "command", command: "no-such-program-4711", args: ["x"] }] },
        { hooks: [{ type: "command", command: "${CLAUDE_PLUGIN_ROOT}/hooks/hooks.json", args: [] }] },
        { hooks: [{ type: "command", command: '[ -x "$CLAUDE_PLUGIN_ROOT/bin/fast" ] && exec "$CLAUDE_PLUGIN_ROOT/bin/fast" || exec "${CLAUDE_PLUGIN_ROOT}/bin/hookkit" go' }] },
      ],
    });
    const { failures, report } = await doctor(box, ["--plugin", dir, "--no-run"]);
    expect(failureMatching(failures, /bin\/missing does not exist/)?.subject).toBe("go (Stop[0])"); // named by the hook it runs
    expect(failureMatching(failures, /"no-such-program-4711" is not on PATH/)?.subject).toBe("Stop[1]");
    expect(failureMatching(failures, /hooks\.json is not executable/)?.fix).toContain("chmod +x");
    // a `[ -x P ] && exec P || exec launcher` guard: P may be absent, the launcher must exist
    expect(failures.some((c) => c.subject === "go (Stop[3])")).toBe(false);
    expect(report.checks.some((c) => c.subject === "go (Stop[3])" && c.status === "ok" && c.detail.endsWith("/bin/hookkit"))).toBe(true);
  });

  test("settings-file hooks that rely on CLAUDE_PLUGIN_ROOT", async () => {
    const box = sandbox();
    settings(box, { Stop: [{ hooks: [{ type: "command", command: '"${CLAUDE_PLUGIN_ROOT}/bin/x"' }] }] });
    const { failures } = await doctor(box, ["--settings", "settings.json", "--no-run"]);
    expect(failureMatching(failures, /get no CLAUDE_PLUGIN_ROOT/)).toBeDefined();
  });

  test("a plugin.json that is missing or broken", async () => {
    const box = sandbox();
    const dir = soundPlugin(box);
    write(join(dir, ".claude-plugin", "plugin.json"), "{ name: sound }");
    const { failures } = await doctor(box, ["--plugin", dir, "--no-run"]);
    expect(failureMatching(failures, /plugin\.json is not valid JSON/)?.subject).toBe("plugin.json");
  });

  test("no binary for this platform", async () => {
    const box = sandbox();
    const dir = soundPlugin(box);
    const { rmSync } = await import("node:fs");
    rmSync(join(dir, "bin", `hookkit-${hostTarget().name}`));
    const { failures } = await doctor(box, ["--plugin", dir, "--no-run"]);
    expect(failureMatching(failures, /no binary for this platform/)?.fix).toContain("hookkit build --target host");
  });

  test("a platform binary that does not run", async () => {
    const box = sandbox();
    const dir = soundPlugin(box);
    const bin = write(join(dir, "bin", `hookkit-${hostTarget().name}`), sh("echo 'Exec format error' >&2; exit 126"));
    chmodSync(bin, 0o755);
    const { failures } = await doctor(box, ["--plugin", dir, "--no-run"]);
    expect(failureMatching(failures, /--version failed \(exit 126\): Exec format error/)?.subject).toBe(`binary ${hostTarget().name}`);
  });

  test("a hook that does not answer within its timeout, and one that prints plain text", async () => {
    const box = sandbox();
    const dir = soundPlugin(box, {
      Stop: [{ hooks: [{ type: "command", command: "sleep 5", timeout: 1 }] }],
      SessionStart: [{ hooks: [{ type: "command", command: "echo hello" }] }],
      Notification: [{ hooks: [{ type: "command", command: "echo oops >&2; exit 3" }] }],
    });
    const { failures } = await doctor(box, ["--plugin", dir]);
    expect(failureMatching(failures, /within its 1 s timeout/)?.subject).toBe("Stop[0] answers"); // not a plugin launcher: no hook name
    expect(failureMatching(failures, /stdout is not JSON \("hello"\)/)?.subject).toBe("SessionStart[0] answers");
    expect(failureMatching(failures, /exit 3 .*oops/)?.subject).toBe("Notification[0] answers");
  });

  test("a state dir that cannot be written", async () => {
    const box = sandbox();
    const blocker = write(join(box.root, "a-file"), "x");
    const { failures } = await doctor(box, ["--plugin", soundPlugin(box), "--no-run", "--real-home"], { HOOKKIT_STATE_DIR: join(blocker, "state") });
    expect(failureMatching(failures, /a-file\/state is not writable/)?.fix).toContain("HOOKKIT_STATE_DIR");
  });

  /** A bundle whose binary answers `answer` (one JSON line, verbatim) for the hook `name` on `event`. */
  function answering(box: Sandbox, event: string, name: string, answer: string): string {
    const dir = soundPlugin(box, { [event]: [{ hooks: [{ type: "command", command: `"\${CLAUDE_PLUGIN_ROOT}/bin/hookkit" ${name}`, timeout: 5 }] }] });
    const bin = write(join(dir, "bin", `hookkit-${hostTarget().name}`), sh(`[ "$1" = --version ] && { echo 1.0.0; exit 0; }\ncat >/dev/null\necho '${answer}'`));
    chmodSync(bin, 0o755);
    return dir;
  }

  test("answers outside the event's output schema fail, named by hook: a flat permissionDecision, deny on SessionStart", async () => {
    const box = sandbox();
    const flat = await doctor(box, ["--plugin", answering(box, "PreToolUse", "flat-guard", '{"permissionDecision":"deny"}')]);
    expect(flat.run.exitCode).toBe(1);
    expect(failureMatching(flat.failures, /not a valid PreToolUse answer/)?.subject).toBe("flat-guard (PreToolUse[0]) answers");
    const session = await doctor(box, ["--plugin", answering(box, "SessionStart", "starter", '{"hookSpecificOutput":{"hookEventName":"SessionStart","permissionDecision":"deny"}}')]);
    expect(failureMatching(session.failures, /not a valid SessionStart answer/)?.subject).toBe("starter (SessionStart[0]) answers");
    const wrongEvent = await doctor(box, ["--plugin", answering(box, "SessionStart", "starter", '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny"}}')]);
    expect(failureMatching(wrongEvent.failures, /not a valid SessionStart answer/)).toBeDefined();
  });

  test('"defer" fails: no opinion is an empty stdout', async () => {
    const box = sandbox();
    const { failures } = await doctor(box, ["--plugin", answering(box, "PreToolUse", "deferrer", '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"defer"}}')]);
    expect(failureMatching(failures, /"defer" is not an opinion/)?.fix).toContain("answer.none()");
  });

  test("a hook that reports a failure in its own answer (an error metric, a failure code) is not ok; zero is", async () => {
    const box = sandbox();
    const err = await doctor(box, ["--plugin", answering(box, "SessionStart", "builder", '{"metrics":{"ep":3,"ep_err":7}}')]);
    expect(failureMatching(err.failures, /reports a failure in its own answer \(ep_err=7\)/)?.subject).toBe("builder (SessionStart[0]) answers");
    const failed = await doctor(box, ["--plugin", answering(box, "Stop", "checker", '{"metrics":{"api_failed":true}}')]);
    expect(failureMatching(failed.failures, /api_failed=true/)).toBeDefined();
    const fine = await doctor(box, ["--plugin", answering(box, "SessionStart", "builder", '{"metrics":{"ep":1,"ep_err":0,"errors_seen":false}}')]);
    expect(fine.failures).toEqual([]);
  });

  test("a plugin's hooks get CLAUDE_PLUGIN_DATA as Claude Code sets it, under the private HOME", async () => {
    const box = sandbox();
    const seen = join(box.root, "plugin-data.txt");
    const plugin = soundPlugin(box, {
      SessionStart: [{ hooks: [{ type: "command", command: `cat >/dev/null; printf %s "$CLAUDE_PLUGIN_DATA" > '${seen}'`, timeout: 5 }] }],
    });
    const { report } = await doctor(box, ["--plugin", plugin]);
    expect(report.checks.find((c) => c.subject.endsWith("answers"))?.status).toBe("ok");
    expect(readFileSync(seen, "utf8")).toMatch(/^\/[^"]*hookkit-doctor-[^/]+\/home\/\.claude\/plugins\/data\/sound-inline$/);
  });

  test("--host: another host's hooks also run with a private HOME unless --real-home", async () => {
    const box = sandbox();
    const dir = join(box.root, "codex-bundle");
    const seen = join(box.root, "home-seen.txt");
    const bin = write(join(dir, "bin", "record-home"), sh(`cat >/dev/null\nprintf %s "$HOME" > '${seen}'`));
    chmodSync(bin, 0o755);
    write(join(dir, "hooks", "hooks.json"), JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: `"${bin}" guard --host codex` }] }] } }));
    const privately = await doctor(box, ["--host", "codex", "--plugin", dir]);
    expect(privately.failures).toEqual([]);
    expect(readFileSync(seen, "utf8")).toMatch(/hookkit-doctor-[^/]+\/home$/);
    const real = await doctor(box, ["--host", "codex", "--plugin", dir, "--real-home"], { HOME: join(box.root, "real-home") });
    expect(real.failures).toEqual([]);
    expect(readFileSync(seen, "utf8")).toBe(join(box.root, "real-home"));
  });

  test("hooks run with a private HOME and state dir, removed afterwards; --real-home uses the real ones", async () => {
    const box = sandbox();
    const dir = soundPlugin(box, { SessionStart: [{ hooks: [{ type: "command", command: `"\${CLAUDE_PLUGIN_ROOT}/bin/hookkit" writer`, timeout: 5 }] }] });
    const bin = write(join(dir, "bin", `hookkit-${hostTarget().name}`), sh('[ "$1" = --version ] && { echo 1.0.0; exit 0; }\ncat >/dev/null\necho "$HOME" > "$HOME/seen-home"; echo x > "$HOOKKIT_STATE_DIR/seen-state"'));
    chmodSync(bin, 0o755);
    const { existsSync, readdirSync } = await import("node:fs");
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith("hookkit-doctor-")).length;
    const quiet = await doctor(box, ["--plugin", dir]);
    expect(quiet.run.exitCode).toBe(0);
    expect(existsSync(join(box.home, "seen-home"))).toBe(false);
    expect(existsSync(join(box.state, "seen-state"))).toBe(false);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith("hookkit-doctor-")).length).toBeLessThanOrEqual(before);
    const real = await doctor(box, ["--plugin", dir, "--real-home"]);
    expect(real.run.exitCode).toBe(0);
    expect(existsSync(join(box.home, "seen-home"))).toBe(true);
    expect(existsSync(join(box.state, "seen-state"))).toBe(true);
  });

  test("hook files Claude Code never reads", async () => {
    const box = sandbox();
    write(join(box.cwd, ".claude", "hooks.json"), "{}");
    write(join(box.cwd, ".claude", "settings.json.local"), "{}");
    const { failures } = await doctor(box, ["--plugin", soundPlugin(box), "--no-run"]);
    expect(failures.filter((c) => /never reads this file/.test(c.detail)).map((c) => c.fix)).toEqual([
      expect.stringContaining(".claude/settings.json"),
      "rename it to .claude/settings.local.json",
    ]);
  });

  test("nothing to check is an error that says what to pass", async () => {
    const box = sandbox();
    const run = await cli(box, ["doctor"]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("--plugin <dir> or --settings <file>");
  });
});
