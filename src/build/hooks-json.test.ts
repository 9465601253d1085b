import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { hooks } from "../hooks/index.ts";
import { hooksJson, hooksJsonText, loadDefinitions, type HookFacts } from "./hooks-json.ts";

const REPO = join(import.meta.dir, "..", "..");
const sample: HookFacts[] = [
  { name: "b-start", event: "SessionStart", timeout: 180, async: true },
  { name: "a-ask", event: "PreToolUse", matcher: "AskUserQuestion", timeout: 5 },
  { name: "c-any", event: "PreToolUse" },
];
const handlers = (json: any) => Object.values(json.hooks).flatMap((groups: any) => groups.flatMap((g: any) => g.hooks));

describe("hooks.json generation", () => {
  test("the repository's hooks/hooks.json is the generated one (run `bun run build.ts` to refresh it)", async () => {
    const defs = await loadDefinitions(hooks);
    const expected = hooksJsonText(defs, { binName: "hookkit", pluginName: "hookkit" });
    expect(await Bun.file(join(REPO, "hooks", "hooks.json")).text()).toBe(expected);
  });

  test("shell form quotes ${CLAUDE_PLUGIN_ROOT} so install paths with spaces work", () => {
    const json = hooksJson(sample, { binName: "hookkit", pluginName: "p" }) as any;
    const commands = handlers(json).map((h: any) => h.command);
    expect(commands).toContain('"${CLAUDE_PLUGIN_ROOT}/bin/hookkit" a-ask');
    // What sh would run for a root with a space: one argv word for the path.
    const root = "/Users/A B/.claude/plugins/cache/p";
    const argv = Bun.spawnSync(["sh", "-c", `set -- ${commands[0]}; printf '%s\\n' "$@"`], {
      env: { CLAUDE_PLUGIN_ROOT: root, PATH: process.env.PATH ?? "" },
    });
    expect(argv.stdout.toString()).toBe(`${root}/bin/hookkit\na-ask\n`);
  });

  test("event, matcher, timeout and async come from the definitions; absent ones are omitted", () => {
    const json = hooksJson(sample, { binName: "hookkit", pluginName: "p" }) as any;
    expect(Object.keys(json.hooks)).toEqual(["PreToolUse", "SessionStart"]);
    expect(json.hooks.PreToolUse).toEqual([
      { matcher: "AskUserQuestion", hooks: [{ type: "command", command: '"${CLAUDE_PLUGIN_ROOT}/bin/hookkit" a-ask', timeout: 5 }] },
      { hooks: [{ type: "command", command: '"${CLAUDE_PLUGIN_ROOT}/bin/hookkit" c-any' }] },
    ]);
    expect(json.hooks.SessionStart[0].hooks[0]).toEqual({
      type: "command",
      command: '"${CLAUDE_PLUGIN_ROOT}/bin/hookkit" b-start',
      timeout: 180,
      async: true,
    });
  });

  test("exec and powershell forms", () => {
    const exec = handlers(hooksJson(sample, { binName: "kit", pluginName: "p", form: "exec" }));
    expect(exec[0]).toEqual({ type: "command", command: "${CLAUDE_PLUGIN_ROOT}/bin/kit", args: ["a-ask"], timeout: 5 });
    const ps = handlers(hooksJson(sample, { binName: "kit", pluginName: "p", form: "powershell" }));
    expect(ps[0]).toMatchObject({ command: '& "${CLAUDE_PLUGIN_ROOT}/bin/kit.ps1" a-ask', shell: "powershell" });
  });

  test("a registry key that differs from the hook's name is refused (the binary dispatches on the key)", async () => {
    const def = (await hooks["question-preference"]!()).default;
    await expect(loadDefinitions({ "other-name": async () => ({ default: def }) })).rejects.toThrow(/registry key "other-name"/);
  });
});
