// Why the adapters refuse what they refuse: in each real CLI, the answer a Claude Code hook would give
// (a hand-written script printing it, no hookkit involved) is dropped and the command runs anyway. If one
// of these starts failing, the host has changed and its capability table may be too strict.
import { describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI_VERSIONS, type CliHost, cliBinary, runCliSession } from "../_cli-session.ts";

const TRAPS: { host: CliHost; what: string; output: object }[] = [
  { host: "codex", what: "a bare allow (Codex marks the hook failed)", output: { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "allow" } } },
  { host: "codex", what: "an ask (Codex marks the hook failed)", output: { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "ask", permissionDecisionReason: "sure?" } } },
  { host: "gemini", what: "Claude Code's nested deny (Gemini reads only a top-level decision)", output: { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "no" } } },
  { host: "copilot", what: "Claude Code's nested deny (Copilot reads only top-level fields)", output: { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "no" } } },
];

function writeHook(host: CliHost, home: string, env: Record<string, string>, output: object): void {
  const script = join(home, "hook.sh");
  writeFileSync(script, `#!/bin/sh\ncat > /dev/null\nprintf '%s\\n' '${JSON.stringify(output)}'\n`);
  chmodSync(script, 0o755);
  if (host === "codex") writeFileSync(join(env.CODEX_HOME!, "hooks.json"), JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: script }] }] } }));
  if (host === "gemini") {
    const file = join(home, ".gemini", "settings.json");
    const settings = JSON.parse(readFileSync(file, "utf8"));
    settings.hooks = { BeforeTool: [{ matcher: "run_shell_command", hooks: [{ type: "command", command: script }] }] };
    writeFileSync(file, JSON.stringify(settings));
  }
  if (host === "copilot") {
    mkdirSync(join(home, ".copilot", "hooks"), { recursive: true });
    writeFileSync(join(home, ".copilot", "hooks", "trap.json"), JSON.stringify({ version: 1, hooks: { preToolUse: [{ type: "command", bash: script }] } }));
  }
}

for (const trap of TRAPS) {
  describe.skipIf(!cliBinary(trap.host))(`${trap.host} ${CLI_VERSIONS[trap.host]}`, () => {
    test(`${trap.what}: the command runs`, async () => {
      const session = await runCliSession({
        host: trap.host,
        script: { turns: [{ shell: "touch ran-anyway" }], finalText: "finished" },
        setup: ({ home, env }) => writeHook(trap.host, home, env, trap.output),
      });
      try {
        expect(session.timedOut).toBe(false);
        expect(existsSync(join(session.project, "ran-anyway"))).toBe(true);
      } finally {
        session.cleanup();
      }
    });
  });
}
