// install / uninstall as a subprocess on temp settings files: idempotent, never touches entries it did
// not write, byte-identical round trip, refuses a corrupt file without writing anything.
import { describe, expect, test } from "bun:test";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { cli, sandbox, write, type Sandbox } from "./_cli.ts";

// A third party's settings, formatted the way people write them by hand (4 spaces, inline arrays, unicode).
const THIRD_PARTY = `{
    "model": "opus",
    "permissions": { "allow": ["Bash(npm test)"] },
    "hooks": {
        "PreToolUse": [
            {
                "matcher": "Bash",
                "hooks": [ { "type": "command", "command": "~/.local/bin/guard --mode=strict", "timeout": 5 } ]
            }
        ],
        "Stop": [ { "hooks": [ { "type": "command", "command": "notify-send 'done ✓'" } ] } ]
    }
}
`;

function plugin(box: Sandbox, name = "demo", dirName = "my plugin"): string {
  const dir = join(box.root, dirName);
  write(join(dir, ".claude-plugin", "plugin.json"), JSON.stringify({ name }));
  write(
    join(dir, "hooks", "hooks.json"),
    JSON.stringify({
      hooks: {
        PreToolUse: [{ matcher: "AskUserQuestion", hooks: [{ type: "command", command: '"${CLAUDE_PLUGIN_ROOT}/bin/hookkit" deny-rm', timeout: 5 }] }],
        SessionStart: [{ hooks: [{ type: "command", command: "${CLAUDE_PLUGIN_ROOT}/bin/hookkit", args: ["session-note"] }] }],
      },
    }),
  );
  return dir;
}

const userSettings = (box: Sandbox) => join(box.home, ".claude", "settings.json");
const read = (file: string) => readFileSync(file, "utf8");

describe("hookkit install / uninstall", () => {
  test("install then uninstall leaves a third party's settings byte-identical", async () => {
    const box = sandbox();
    const file = write(userSettings(box), THIRD_PARTY);
    const dir = plugin(box);
    const installed = await cli(box, ["install", "--plugin", dir]);
    expect(installed.exitCode).toBe(0);
    const after = JSON.parse(read(file));
    expect(after.hooks.PreToolUse).toHaveLength(2);
    expect(after.hooks.PreToolUse[1].hookkit).toBe("demo");
    expect(after.model).toBe("opus");
    const removed = await cli(box, ["uninstall"]);
    expect(removed.exitCode).toBe(0);
    expect(read(file)).toBe(THIRD_PARTY);
  });

  test("the round trip also holds when the backup is gone (same indentation is kept)", async () => {
    const box = sandbox();
    const original = `${JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: "command", command: "x" }] }] }, env: { A: "1" } }, null, 4)}\n`;
    const file = write(userSettings(box), original);
    expect((await cli(box, ["install", "--plugin", plugin(box)])).exitCode).toBe(0);
    write(`${file}.hookkit-backup`, "{}");
    expect((await cli(box, ["uninstall"])).exitCode).toBe(0);
    expect(read(file)).toBe(original);
  });

  test("installing twice changes nothing the second time", async () => {
    const box = sandbox();
    const file = write(userSettings(box), THIRD_PARTY);
    const dir = plugin(box);
    await cli(box, ["install", "--plugin", dir]);
    const once = read(file);
    const again = await cli(box, ["install", "--plugin", dir]);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain("already up to date");
    expect(read(file)).toBe(once);
  });

  test("entries it did not write are kept exactly, including another plugin's", async () => {
    const box = sandbox();
    const file = write(userSettings(box), THIRD_PARTY);
    await cli(box, ["install", "--plugin", plugin(box, "alpha", "a")]);
    await cli(box, ["install", "--plugin", plugin(box, "beta", "b")]);
    const both = JSON.parse(read(file));
    expect(both.hooks.PreToolUse.map((g: any) => g.hookkit ?? "third-party")).toEqual(["third-party", "alpha", "beta"]);
    expect((await cli(box, ["uninstall", "--plugin", join(box.root, "a")])).exitCode).toBe(0);
    const left = JSON.parse(read(file));
    expect(left.hooks.PreToolUse.map((g: any) => g.hookkit ?? "third-party")).toEqual(["third-party", "beta"]);
    expect(left.hooks.PreToolUse[0]).toEqual(JSON.parse(THIRD_PARTY).hooks.PreToolUse[0]);
    expect(left.hooks.Stop).toEqual(JSON.parse(THIRD_PARTY).hooks.Stop);
  });

  test("plugin paths become absolute, quoted for the shell in shell form and plain in exec form", async () => {
    const box = sandbox();
    const dir = plugin(box); // "my plugin": a space in the path
    await cli(box, ["install", "--plugin", dir]);
    const hooks = JSON.parse(read(userSettings(box))).hooks;
    expect(hooks.PreToolUse[0].hooks[0].command).toBe(`"${dir}/bin/hookkit" deny-rm`);
    expect(hooks.SessionStart[0].hooks[0]).toMatchObject({ command: `${dir}/bin/hookkit`, args: ["session-note"] });
  });

  test("a corrupt settings file is refused and nothing is written", async () => {
    const box = sandbox();
    const corrupt = '{ "hooks": { "PreToolUse": [ }, // half-edited\n';
    const file = write(userSettings(box), corrupt);
    const run = await cli(box, ["install", "--plugin", plugin(box)]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("not valid JSON");
    expect(run.stderr).toContain("nothing was written");
    expect(read(file)).toBe(corrupt);
    expect(existsSync(`${file}.hookkit-backup`)).toBe(false);
    expect((await cli(box, ["uninstall"])).exitCode).toBe(1);
    expect(read(file)).toBe(corrupt);
  });

  test("a hooks event that is not an array is refused rather than replaced", async () => {
    const box = sandbox();
    const text = '{ "hooks": { "PreToolUse": { "matcher": "Bash" } } }\n';
    const file = write(userSettings(box), text);
    const run = await cli(box, ["install", "--plugin", plugin(box)]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("is not an array");
    expect(read(file)).toBe(text);
  });

  test("--dry-run prints a diff on stdout and writes nothing", async () => {
    const box = sandbox();
    const file = write(userSettings(box), THIRD_PARTY);
    const run = await cli(box, ["install", "--plugin", plugin(box), "--dry-run"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`--- ${file}`);
    expect(run.stdout).toMatch(/^\+\s+"hookkit": "demo"/m);
    expect(read(file)).toBe(THIRD_PARTY);
  });

  test("a mistyped option is refused before anything is written", async () => {
    const box = sandbox();
    const run = await cli(box, ["install", "--plugin", plugin(box), "--dryrun"]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("did you mean --dry-run");
    expect(existsSync(userSettings(box))).toBe(false);
  });

  test("--project, --local and CLAUDE_CONFIG_DIR pick the right file; a backup holds the previous text", async () => {
    const box = sandbox();
    const dir = plugin(box);
    await cli(box, ["install", "--project", "--plugin", dir]);
    expect(JSON.parse(read(join(box.cwd, ".claude", "settings.json"))).hooks.PreToolUse[0].hookkit).toBe("demo");
    await cli(box, ["install", "--local", "--plugin", dir]);
    expect(existsSync(join(box.cwd, ".claude", "settings.local.json"))).toBe(true);
    const config = join(box.root, "config");
    const file = write(join(config, "settings.json"), THIRD_PARTY);
    expect((await cli(box, ["install", "--plugin", dir], { env: { CLAUDE_CONFIG_DIR: config } })).exitCode).toBe(0);
    expect(read(`${file}.hookkit-backup`)).toBe(THIRD_PARTY);
    expect(existsSync(userSettings(box))).toBe(false);
    expect((await cli(box, ["install", "--user", "--local", "--plugin", dir])).exitCode).toBe(1);
  });

  test("a symlinked settings file is written through the link, and a 0600 file stays 0600", async () => {
    const box = sandbox();
    const real = write(join(box.root, "dotfiles", "claude-settings.json"), THIRD_PARTY);
    chmodSync(real, 0o600);
    mkdirSync(join(box.home, ".claude"), { recursive: true });
    symlinkSync(real, userSettings(box));
    expect((await cli(box, ["install", "--plugin", plugin(box)])).exitCode).toBe(0);
    expect(lstatSync(userSettings(box)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(read(real)).hooks.PreToolUse).toHaveLength(2);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(statSync(`${userSettings(box)}.hookkit-backup`).mode & 0o777).toBe(0o600);
    expect((await cli(box, ["uninstall"])).exitCode).toBe(0);
    expect(read(real)).toBe(THIRD_PARTY);
  });

  test("a missing plugin bundle says how to get one", async () => {
    const box = sandbox();
    const run = await cli(box, ["install"]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("hookkit build");
    expect(run.stdout).toBe("");
  });
});
