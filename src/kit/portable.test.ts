// The portable context on Bun, as a hook sees it through the run loop (ctx.portable).
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { defineHook } from "../runtime/define.ts";
import { answer } from "../runtime/answer.ts";
import { fixtures, invokeHook } from "../testing/index.ts";
import { portableStateRoot } from "../base/portable/state-root.ts";
import { hookkitStateRoot } from "../base/state.ts";

const world = () => {
  const home = mkdtempSync(join(tmpdir(), "hookkit-portable-"));
  return { home, env: { HOME: home, PATH: process.env.PATH, HOOKKIT_STATE_DIR: join(home, "state") } };
};

describe("ctx.portable on Bun", () => {
  test("files: read (missing = undefined), write with folders, append lines, exists", async () => {
    const { home, env } = world();
    const seen: unknown[] = [];
    const hook = defineHook({
      name: "portable-files",
      event: "PreToolUse",
      async run(_input, ctx) {
        const p = ctx.portable;
        const file = join(home, "a", "b", "note.txt");
        seen.push(await p.readText(file), await p.exists(file));
        await p.writeText(file, "one\n");
        await p.appendLine(file, "two");
        await p.appendLine(file, "three\n");
        seen.push(await p.readText(file), await p.exists(file), p.stateDir);
        return answer.none();
      },
    });
    const run = await invokeHook(hook, fixtures.preToolUse({ tool_name: "Bash", tool_input: { command: "ls" } }), { env });
    expect(run.exitCode).toBe(0);
    expect(seen).toEqual([undefined, false, "one\ntwo\nthree\n", true, join(home, "state", "portable-files")]);
  });

  test("the store keeps values in <state dir>/kv.json across runs, and a torn file reads as empty", async () => {
    const { home, env } = world();
    const got: unknown[] = [];
    const hook = defineHook({
      name: "portable-kv",
      event: "PreToolUse",
      async run(_input, ctx) {
        const count = Number((await ctx.portable.store.get("count")) ?? 0);
        await ctx.portable.store.set("count", count + 1);
        got.push(count, await ctx.portable.store.keys());
        return answer.none();
      },
    });
    const input = fixtures.preToolUse({ tool_name: "Bash", tool_input: { command: "ls" } });
    await invokeHook(hook, input, { env });
    await invokeHook(hook, input, { env });
    const kv = join(home, "state", "portable-kv", "kv.json");
    expect(JSON.parse(readFileSync(kv, "utf8"))).toEqual({ count: 2 });
    writeFileSync(kv, '{"count":');
    await invokeHook(hook, input, { env });
    expect(got).toEqual([0, ["count"], 1, ["count"], 0, ["count"]]);
  });

  test("run: output and exit code; a child past its timeout is killed and the call rejects; env reads one variable", async () => {
    const { env } = world();
    const got: unknown[] = [];
    const hook = defineHook({
      name: "portable-run",
      event: "PreToolUse",
      async run(_input, ctx) {
        const ran = await ctx.portable.run(["sh", "-c", 'printf "%s" "$GREETING"; echo err >&2; exit 3'], { env: { GREETING: "hi" } });
        got.push(ran);
        const started = Date.now();
        got.push(await ctx.portable.run(["sleep", "5"], { timeoutMs: 200 }).then(() => "resolved", (e: Error) => e.message));
        got.push(Date.now() - started < 3000, ctx.portable.env("HOME") === env.HOME, ctx.portable.env("NOPE_NOT_SET"));
        return answer.none();
      },
    });
    await invokeHook(hook, fixtures.preToolUse({ tool_name: "Bash", tool_input: { command: "ls" } }), { env });
    expect(got).toEqual([{ exitCode: 3, stdout: "hi", stderr: "err\n" }, "sleep outran its 200 ms and was killed", true, true, undefined]);
  });

  test("env: the binary answers an unset HOME with the OS's home folder, never a relative ~", async () => {
    const seen: unknown[] = [];
    const hook = defineHook({ name: "portable-home", event: "PreToolUse", run(_input, ctx) {
      seen.push(ctx.portable.env("HOME"), ctx.portable.env("USERPROFILE_NOT_SET_HERE"));
      return answer.none();
    } });
    const { env } = world();
    await invokeHook(hook, fixtures.preToolUse({ tool_name: "Bash", tool_input: { command: "ls" } }), { env: { ...env, HOME: undefined } });
    expect(seen).toEqual([homedir(), undefined]);
    expect(homedir().startsWith("/")).toBe(true);
  });

  test("the pure state root answers as the kit's for the same variables", () => {
    const cases: Record<string, string | undefined>[] = [
      { HOME: "/h" },
      { HOME: "/h", XDG_STATE_HOME: "/x" },
      { HOME: "/h", XDG_STATE_HOME: "~/x" },
      { HOME: "/h", HOOKKIT_STATE_DIR: "~/s", XDG_STATE_HOME: "/x" },
      { HOME: "/h", HOOKKIT_STATE_DIR: "", XDG_STATE_HOME: "" },
    ];
    for (const env of cases) expect(portableStateRoot((n) => env[n], false)).toBe(hookkitStateRoot(env, "linux"));
  });
});
