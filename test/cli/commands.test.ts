// help, errors, run, new, schema and test as subprocesses: stdout carries only machine output.
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { HOOK_EVENTS } from "../../src/protocol/index.ts";
import { recordEvent } from "../../src/hosts/record.ts";
import { cli, REPO, sandbox, write } from "./_cli.ts";

const COMMANDS = ["new", "run", "test", "doctor", "install", "uninstall", "schema", "build", "bench"];

describe("hookkit (root)", () => {
  test("--help lists every command and every registered hook, on stdout", async () => {
    const run = await cli(sandbox(), ["--help"]);
    expect(run.exitCode).toBe(0);
    for (const name of [...COMMANDS, "question-preference", "ensure-python"]) expect(run.stdout).toContain(name);
    expect(run.stdout).toMatch(/question-preference\s+PreToolUse/);
  });

  test("every command has --help", async () => {
    const box = sandbox();
    for (const name of COMMANDS) {
      const run = await cli(box, [name, "--help"]);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain(`hookkit ${name}`);
    }
  });

  test("no command: usage and an error on stderr, exit 1, nothing on stdout (a hook host would read it)", async () => {
    const run = await cli(sandbox(), []);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("COMMANDS");
  });

  test("an unknown command or a mistyped hook name suggests the right one", async () => {
    const box = sandbox();
    const run = await cli(box, ["question-preferense"], { stdin: "{}" });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('did you mean "question-preference"');
    expect((await cli(box, ["doctr"])).stderr).toContain('did you mean "doctor"');
  });

  test("a missing required argument says so", async () => {
    const run = await cli(sandbox(), ["new", "x"]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("--event");
  });
});

describe("hookkit run", () => {
  const denyHook = `import { answer, defineHook } from ${JSON.stringify(join(REPO, "src", "runtime", "index.ts"))};
export default defineHook({ name: "no-force-push", event: "PreToolUse", matcher: "Bash",
  run(input) {
    console.log("stray log line");
    return String(input.tool_input.command).includes("--force") ? answer.deny("no force pushes") : answer.none();
  } });
`;

  test("a hook file on a synthesized event: decision, exit code, stderr and time, readably", async () => {
    const box = sandbox();
    write(join(box.cwd, "hook.ts"), denyHook);
    const run = await cli(box, ["run", "./hook.ts", "--tool", "Bash", "--set", "tool_input.command=git push --force"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/answer\s+deny: no force pushes/);
    expect(run.stderr).toMatch(/exit code\s+0/);
    expect(run.stderr).toMatch(/time\s+[\d.]+ ms/);
    expect(run.stderr).toMatch(/stderr\s+stray log line/);
  });

  test("--json prints the raw answer on stdout", async () => {
    const box = sandbox();
    write(join(box.cwd, "hook.ts"), denyHook);
    const run = await cli(box, ["run", "hook.ts", "--json", "--set", 'tool_input={"command":"git push --force"}']);
    expect(JSON.parse(run.stdout)).toEqual({
      hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "no force pushes" },
    });
  });

  test("--input file and - (stdin); broken input shows the error-log line", async () => {
    const box = sandbox();
    write(join(box.cwd, "hook.ts"), denyHook);
    const event = { session_id: "s", transcript_path: "/t", cwd: box.cwd, hook_event_name: "PreToolUse", tool_name: "Bash", tool_use_id: "t", tool_input: { command: "git push --force" } };
    write(join(box.cwd, "event.json"), JSON.stringify(event));
    expect((await cli(box, ["run", "hook.ts", "--input", "event.json"])).stderr).toContain("deny: no force pushes");
    const broken = await cli(box, ["run", "hook.ts", "--input", "-"], { stdin: '{"session_id": "s",' });
    expect(broken.exitCode).toBe(0);
    expect(broken.stderr).toMatch(/answer\s+no decision/);
    expect(broken.stderr).toMatch(/error log\s+.*truncated JSON/);
  });

  test("a registered hook by name, and an unknown one", async () => {
    const box = sandbox();
    const run = await cli(box, ["run", "question-preference"]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain("question-preference (PreToolUse");
    expect(run.stderr).toContain("tool AskUserQuestion"); // the sample follows the hook's matcher
    const missing = await cli(box, ["run", "no-such-hook"]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain("known hooks: question-preference");
  });
});

describe("hookkit new", () => {
  test("refuses bad names, unknown events and existing hooks; writes nothing then", async () => {
    const box = sandbox();
    const bad = await cli(box, ["new", "Bad_Name", "--event", "Stop", "--root", box.cwd]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("kebab-case");
    const event = await cli(box, ["new", "ok-name", "--event", "pretooluse", "--root", box.cwd]);
    expect(event.stderr).toContain("did you mean PreToolUse");
    expect(existsSync(join(box.cwd, "src"))).toBe(false);
    expect((await cli(box, ["new", "ok-name", "--event", "Stop", "--root", box.cwd])).exitCode).toBe(0);
    const again = await cli(box, ["new", "ok-name", "--event", "Stop", "--root", box.cwd]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain("already exists");
  });

  test("outside hookkit it imports from the hookkit package and creates the registry", async () => {
    const box = sandbox();
    write(join(box.cwd, "package.json"), JSON.stringify({ name: "my-hooks" }));
    expect((await cli(box, ["new", "greet", "--event", "SessionStart", "--root", box.cwd])).exitCode).toBe(0);
    expect(readFileSync(join(box.cwd, "src", "hooks", "greet.ts"), "utf8")).toContain('from "hookkit"');
    expect(readFileSync(join(box.cwd, "src", "hooks", "greet.test.ts"), "utf8")).toContain('from "hookkit/testing"');
    expect(readFileSync(join(box.cwd, "src", "hooks", "index.ts"), "utf8")).toContain('"greet": () => import("./greet.ts"),');
  });
});

describe("hookkit schema", () => {
  test("--out writes an input and an output schema per event, plus the async marker", async () => {
    const box = sandbox();
    const run = await cli(box, ["schema", "--out", "schemas"]);
    expect(run.exitCode).toBe(0);
    const files = readdirSync(join(box.cwd, "schemas"));
    expect(files).toHaveLength(HOOK_EVENTS.length * 2 + 1);
    const input = JSON.parse(readFileSync(join(box.cwd, "schemas", "PreToolUse.input.schema.json"), "utf8"));
    expect(input.$schema).toContain("json-schema.org");
    expect(input.required).toEqual(expect.arrayContaining(["tool_name", "tool_input", "hook_event_name"]));
    expect(input.required).not.toContain("session_id");
    const output = JSON.parse(readFileSync(join(box.cwd, "schemas", "PreToolUse.output.schema.json"), "utf8"));
    expect(Object.keys(output.properties)).toEqual(expect.arrayContaining(["hookSpecificOutput", "systemMessage"]));
  });

  test("--event prints that event's schemas on stdout; an unknown event is an error", async () => {
    const box = sandbox();
    const run = await cli(box, ["schema", "--event", "Stop"]);
    expect(Object.keys(JSON.parse(run.stdout))).toEqual(["input", "output"]);
    const bad = await cli(box, ["schema", "--event", "Stopp"]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toBe("");
  });
});

describe("hookkit test", () => {
  const event = (command: string) => ({ session_id: "s", transcript_path: "/t", cwd: "/tmp", hook_event_name: "PreToolUse", tool_name: "Bash", tool_use_id: "t", tool_input: { command } });

  test("replays fixtures, fails on a changed answer, and --update accepts it", async () => {
    const box = sandbox();
    const dir = join(box.cwd, "fixtures");
    recordEvent(dir, "question-preference", JSON.stringify(event("ls")), { exitCode: 0, stdout: "" });
    recordEvent(dir, "question-preference", "{not json", { exitCode: 0, stdout: "" }, new Date(Date.now() + 1000));
    expect((await cli(box, ["test", "fixtures"])).exitCode).toBe(0);

    const [first] = readdirSync(join(dir, "question-preference")).map((f) => join(dir, "question-preference", f));
    const fixture = JSON.parse(readFileSync(first!, "utf8"));
    write(first!, JSON.stringify({ ...fixture, expected: { exitCode: 0, output: { systemMessage: "stale" } } }));
    const failing = await cli(box, ["test", "fixtures"]);
    expect(failing.exitCode).toBe(1);
    expect(failing.stderr).toMatch(/FAIL .*expected exit 0, \{"systemMessage":"stale"\}, got exit 0, no output/);
    expect((await cli(box, ["test", "fixtures", "--update"])).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(first!, "utf8")).expected).toEqual({ exitCode: 0, output: null });
    expect((await cli(box, ["test", "fixtures"])).exitCode).toBe(0);
  });

  test("a broken fixture and an empty directory fail", async () => {
    const box = sandbox();
    write(join(box.cwd, "fx", "x.json"), '{"hook": "nope", "input": {}, "expected": {"exitCode": 0}}');
    const run = await cli(box, ["test", "fx"]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('no hook named "nope"');
    expect((await cli(box, ["test", "empty"])).stderr).toContain("HOOKKIT_RECORD");
  });

  test("HOOKKIT_RECORD=<dir> records real runs of the hook as fixtures that replay green", async () => {
    const box = sandbox();
    const env = { HOOKKIT_RECORD: join(box.cwd, "rec") };
    for (const command of ["ls", "pwd"]) await cli(box, ["question-preference"], { stdin: `${JSON.stringify(event(command))}\n`, env });
    const recorded = readdirSync(join(box.cwd, "rec", "question-preference"));
    expect(recorded).toHaveLength(2);
    expect(statSync(join(box.cwd, "rec", "question-preference", recorded[0]!)).mode & 0o777).toBe(0o600);
    expect((await cli(box, ["test", "rec"])).exitCode).toBe(0);
  });
});
