// The files `hookkit init` writes: a plugin project that depends on hookkit, with one sample hook, its
// in-process test and a test against the compiled binary. `npm test` and `npx hookkit build` work as written.

export type InitOptions = { name: string; hookkit: string; author?: string };

const SAMPLE = "no-force-push";

export function initFiles(o: InitOptions): Record<string, string> {
  const pkg = {
    name: o.name,
    version: "0.1.0",
    private: true,
    type: "module",
    description: `${o.name}: Claude Code hooks`,
    scripts: { test: "hookkit test", build: "hookkit build" },
    dependencies: { hookkit: o.hookkit },
    hookkit: {
      name: o.name,
      description: `${o.name}: Claude Code hooks`,
      ...(o.author ? { author: { name: o.author } } : {}),
      hooks: { [SAMPLE]: `src/hooks/${SAMPLE}.ts` },
      hosts: ["claude"],
    },
  };
  return {
    "package.json": `${JSON.stringify(pkg, null, 2)}\n`,
    ".gitignore": "node_modules/\ndist/\n",
    "tsconfig.json": `${JSON.stringify(
      {
        compilerOptions: {
          target: "ESNext",
          module: "ESNext",
          moduleResolution: "bundler",
          lib: ["ESNext"],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          allowImportingTsExtensions: true,
          verbatimModuleSyntax: true,
        },
        include: ["src", "test"],
      },
      null,
      2,
    )}\n`,
    [`src/hooks/${SAMPLE}.ts`]: `// ${SAMPLE}: PreToolUse on Bash. Refuses \`git push --force\` (not --force-with-lease), which can
// overwrite a teammate's commits; every other command gets no opinion.
import { answer, defineHook, runHookMain } from "hookkit";

const hook = defineHook({
  name: "${SAMPLE}",
  event: "PreToolUse",
  matcher: "Bash",
  timeout: 5,
  failClosed: true, // an internal error blocks the command (exit 2) instead of letting it through
  run(input) {
    // matcher "Bash" types tool_input as Bash's: command, description, timeout, run_in_background
    const command = input.tool_input.command;
    if (/\\bgit\\s+push\\b.*\\s(--force|-f)(\\s|$)/.test(command)) return answer.deny("force-push is disabled here; use --force-with-lease");
    return answer.none(); // no opinion: empty stdout, Claude Code carries on
  },
});

export default hook;

// \`npx bun run src/hooks/${SAMPLE}.ts < event.json\` runs it from source through the same loop as the binary.
if (import.meta.main) await runHookMain(hook);
`,
    [`src/hooks/${SAMPLE}.test.ts`]: `// In-process: the real run loop, no child process; fast enough to run on every save.
import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtures, invokeHook } from "hookkit/testing";
import hook from "./${SAMPLE}.ts";

// State (error log, failure counter) goes to a fresh directory, never to the real one.
const env = { ...process.env, HOOKKIT_STATE_DIR: mkdtempSync(join(tmpdir(), "${SAMPLE}-")) };
const bash = (command: string) => fixtures.preToolUse({ tool_name: "Bash", tool_input: { command } });

test("denies a force push", async () => {
  const run = await invokeHook(hook, bash("git push --force origin main"), { env });
  expect(run.exitCode).toBe(0);
  expect(run.output?.hookSpecificOutput).toMatchObject({ hookEventName: "PreToolUse", permissionDecision: "deny" });
});

test("has no opinion on --force-with-lease or an ordinary command", async () => {
  for (const command of ["git push --force-with-lease", "npm test"]) {
    const run = await invokeHook(hook, bash(command), { env });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("");
  }
});

test("fail-closed: unreadable input blocks (exit 2) with one line on stderr", async () => {
  const run = await invokeHook(hook, undefined, { env, stdin: "{not json" });
  expect(run.exitCode).toBe(2);
  expect(run.stdout).toBe("");
});
`,
    "test/binary.test.ts": `// Against the compiled binary, started by the command the generated hooks.json holds, as Claude Code
// starts it. The first run builds the binary for this machine (cached in dist/.test/ until src/ changes).
import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProject, fixtures, runBuiltHook } from "hookkit/testing";

const env = { ...process.env, HOOKKIT_STATE_DIR: mkdtempSync(join(tmpdir(), "${o.name}-")) };

test("the compiled ${SAMPLE} denies a force push and passes an ordinary command", async () => {
  const build = await buildProject();
  const deny = await runBuiltHook(build, "${SAMPLE}", fixtures.preToolUse({ tool_name: "Bash", tool_input: { command: "git push -f" } }), { env });
  expect(deny.exitCode).toBe(0);
  expect(deny.output?.hookSpecificOutput?.permissionDecision).toBe("deny");
  const pass = await runBuiltHook(build, "${SAMPLE}", fixtures.preToolUse({ tool_name: "Bash", tool_input: { command: "ls" } }), { env });
  expect(pass.exitCode).toBe(0);
  expect(pass.stdout).toBe("");
}, 180_000);
`,
    "README.md": `# ${o.name}

Claude Code hooks written with [hookkit](https://www.npmjs.com/package/hookkit), shipped as a plugin whose
hooks are standalone executables (the plugin's users need no Node, Bun or Python).

\`\`\`sh
npm test              # the hooks' tests: in-process, then against the compiled binary
npx hookkit build     # dist/plugin: the plugin bundle for every platform (--target host: this machine only)
\`\`\`

More: \`npx hookkit new <name> --event <Event> [--matcher Tool]\` adds a hook, \`npx hookkit run <hook>\`
runs one on a sample event, \`npx hookkit doctor\` checks the built bundle, \`npx hookkit install\` puts it
into your Claude Code settings. The hooks are listed in package.json under "hookkit".
`,
  };
}
