import { describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hooks } from "../../hooks/index.ts";
import { hooksJson, hooksJsonText, loadDefinitions, powershellCommand, shellCommand, type HookFacts } from "./hooks-json.ts";

const REPO = join(import.meta.dir, "..", "..", "..");
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

  test("shell form: quoted root with spaces; the launcher until its link exists, then the link, hook name as argv[1]", () => {
    const command = handlers(hooksJson(sample, { binName: "hookkit", pluginName: "p" }))[0].command;
    expect(command).toBe(shellCommand("hookkit", "a-ask"));
    const root = mkdtempSync(join(tmpdir(), "plugin root with spaces "));
    const stub = (file: string) => {
      writeFileSync(join(root, "bin", file), `#!/bin/sh\nprintf '%s\\n' "$0" "$@"\nenv | grep '^BUN_JSC_' || true\n`);
      chmodSync(join(root, "bin", file), 0o755);
    };
    const run = (shell: string, cmd = command) =>
      Bun.spawnSync([shell, "-c", cmd], { env: { CLAUDE_PLUGIN_ROOT: root, PATH: process.env.PATH ?? "" } }).stdout.toString();
    try {
      mkdirSync(join(root, "bin"));
      stub("hookkit");
      for (const shell of ["/bin/sh", "/bin/bash"]) expect(run(shell)).toBe(`${root}/bin/hookkit\na-ask\nBUN_JSC_useJIT=0\n`);
      stub("hookkit-linux-x64");
      symlinkSync("hookkit-linux-x64", join(root, "bin", ".hookkit-current"));
      for (const shell of ["/bin/sh", "/bin/bash"]) expect(run(shell)).toBe(`${root}/bin/.hookkit-current\na-ask\nBUN_JSC_useJIT=0\n`);
      // A hook with `jit: true` starts with JSC's defaults.
      for (const shell of ["/bin/sh", "/bin/bash"]) expect(run(shell, shellCommand("hookkit", "a-ask", true))).toBe(`${root}/bin/.hookkit-current\na-ask\n`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("event, matcher, timeout and async come from the definitions; absent ones are omitted", () => {
    const json = hooksJson(sample, { binName: "hookkit", pluginName: "p" }) as any;
    expect(Object.keys(json.hooks)).toEqual(["PreToolUse", "SessionStart"]);
    expect(json.hooks.PreToolUse).toEqual([
      { matcher: "AskUserQuestion", hooks: [{ type: "command", command: shellCommand("hookkit", "a-ask"), timeout: 5 }] },
      { hooks: [{ type: "command", command: shellCommand("hookkit", "c-any") }] },
    ]);
    expect(json.hooks.SessionStart[0].hooks[0]).toEqual({
      type: "command",
      command: shellCommand("hookkit", "b-start"),
      timeout: 180,
      async: true,
    });
  });

  test("exec and powershell forms", () => {
    const exec = handlers(hooksJson(sample, { binName: "kit", pluginName: "p", form: "exec" }));
    expect(exec[0]).toEqual({ type: "command", command: "${CLAUDE_PLUGIN_ROOT}/bin/kit", args: ["a-ask"], timeout: 5 });
    const ps = handlers(hooksJson(sample, { binName: "kit", pluginName: "p", form: "powershell" }));
    expect(ps[0]).toMatchObject({ command: `$env:BUN_JSC_useJIT='0'; & "\${CLAUDE_PLUGIN_ROOT}/bin/kit.ps1" a-ask`, shell: "powershell" });
    expect(powershellCommand("kit", "a-ask", true)).toBe('& "${CLAUDE_PLUGIN_ROOT}/bin/kit.ps1" a-ask');
  });

  test("`jit: true` keeps JSC's JIT: no BUN_JSC_useJIT in that hook's command", () => {
    const defs: HookFacts[] = [{ name: "busy", event: "Stop", jit: true }, { name: "quick", event: "Stop" }];
    const [busy, quick] = handlers(hooksJson(defs, { binName: "kit", pluginName: "p" }));
    expect(busy.command).not.toContain("BUN_JSC_useJIT");
    expect(quick.command.match(/BUN_JSC_useJIT=0 exec /g)).toHaveLength(2);
  });

  test("a registry key that differs from the hook's name is refused (the binary dispatches on the key)", async () => {
    const def = (await hooks["question-preference"]!()).default;
    await expect(loadDefinitions({ "other-name": async () => ({ default: def }) })).rejects.toThrow(/registry key "other-name"/);
  });
});
