import { describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
  test("the repository's hooks/hooks.json is the generated one (refresh: `bun run build.ts --hooks-json-only`)", async () => {
    const defs = await loadDefinitions(hooks);
    const expected = hooksJsonText(defs, { binName: "hookkit", pluginName: "hookkit" });
    expect(await Bun.file(join(REPO, "hooks", "hooks.json")).text()).toBe(expected);
  });

  test("shell form quotes ${CLAUDE_PLUGIN_ROOT}: sh runs the launcher of a root with spaces, hook name as argv[1]", () => {
    const json = hooksJson(sample, { binName: "hookkit", pluginName: "p" }) as any;
    const command = handlers(json)[0].command;
    expect(command).toBe('exec "${CLAUDE_PLUGIN_ROOT}/bin/hookkit" a-ask');
    const root = mkdtempSync(join(tmpdir(), "plugin root with spaces "));
    try {
      mkdirSync(join(root, "bin"));
      writeFileSync(join(root, "bin", "hookkit"), `#!/bin/sh\nprintf '%s\\n' "$0" "$@"\n`);
      chmodSync(join(root, "bin", "hookkit"), 0o755);
      for (const shell of ["/bin/sh", "/bin/bash"]) {
        const run = Bun.spawnSync([shell, "-c", command], { env: { CLAUDE_PLUGIN_ROOT: root, PATH: process.env.PATH ?? "" } });
        expect(run.stdout.toString()).toBe(`${root}/bin/hookkit\na-ask\n`);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("event, matcher, timeout and async come from the definitions; absent ones are omitted", () => {
    const json = hooksJson(sample, { binName: "hookkit", pluginName: "p" }) as any;
    expect(Object.keys(json.hooks)).toEqual(["PreToolUse", "SessionStart"]);
    expect(json.hooks.PreToolUse).toEqual([
      { matcher: "AskUserQuestion", hooks: [{ type: "command", command: 'exec "${CLAUDE_PLUGIN_ROOT}/bin/hookkit" a-ask', timeout: 5 }] },
      { hooks: [{ type: "command", command: 'exec "${CLAUDE_PLUGIN_ROOT}/bin/hookkit" c-any' }] },
    ]);
    expect(json.hooks.SessionStart[0].hooks[0]).toEqual({
      type: "command",
      command: 'exec "${CLAUDE_PLUGIN_ROOT}/bin/hookkit" b-start',
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
