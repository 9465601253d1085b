// Files `hookkit new` writes: a typed hook, a test that passes as written, and one registry line.

export type ScaffoldOptions = { name: string; event: string; matcher?: string; runtime: string; testing: string };

export function hookSource(o: ScaffoldOptions): string {
  const matcher = o.matcher ? `\n  matcher: ${JSON.stringify(o.matcher)},` : "";
  const body =
    o.event === "PreToolUse"
      ? `    // input is the typed ${o.event} input: input.tool_name, input.tool_input, input.session_id, ...
    const command = String(input.tool_input.command ?? "");
    if (input.tool_name === "Bash" && /\\brm\\s+-rf\\s+\\/(\\s|$)/.test(command)) {
      return answer.deny("refusing to delete the filesystem root");
    }
    return answer.none(); // no opinion: empty stdout, Claude Code carries on`
      : `    // input is the typed ${o.event} input (input.session_id, input.cwd, ...).
    // Answer with answer.context(text), answer.block(reason), answer.message(text), ...
    ctx.metrics.set("ran", true);
    return answer.none(); // no opinion: Claude Code carries on`;
  return `// ${o.name}: ${o.event} hook. Say here what it promises and why it exists.
import { answer, defineHook, runHookMain } from ${JSON.stringify(o.runtime)};

const hook = defineHook({
  name: ${JSON.stringify(o.name)},
  event: ${JSON.stringify(o.event)},${matcher}
  timeout: 10,
  run(input, ctx) {
${body}
  },
});

export default hook;

// \`bun run src/hooks/${o.name}.ts < event.json\` runs it through the same loop as the binary.
if (import.meta.main) await runHookMain(hook);
`;
}

export function testSource(o: ScaffoldOptions): string {
  const build = o.event[0]!.toLowerCase() + o.event.slice(1); // fixtures.preToolUse, fixtures.sessionStart, ...
  const extra =
    o.event === "PreToolUse"
      ? `

test("${o.name} denies rm -rf /", async () => {
  const run = await invokeHook(hook, fixtures.${build}({ tool_name: "Bash", tool_input: { command: "rm -rf /" } }), { env: testEnv });
  expect(run.exitCode).toBe(0);
  expect(run.output.hookSpecificOutput.permissionDecision).toBe("deny");
});`
      : "";
  const first =
    o.event === "PreToolUse"
      ? `test("${o.name} has no opinion on an ordinary command", async () => {
  const run = await invokeHook(hook, fixtures.${build}({ tool_name: "Bash", tool_input: { command: "npm test" } }), { env: testEnv });
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toBe("");
});`
      : `test("${o.name} answers a sample ${o.event} event", async () => {
  const run = await invokeHook(hook, fixtures.${build}(), { env: testEnv });
  expect(run.exitCode).toBe(0);
  expect(run.output?.metrics).toEqual({ ran: true });
});`;
  return `import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtures, invokeHook } from ${JSON.stringify(o.testing)};
import hook from "./${o.name}.ts";

// State (error log, failure counter) goes to a fresh directory, never to the real one.
const testEnv = { ...process.env, HOOKKIT_STATE_DIR: mkdtempSync(join(tmpdir(), "${o.name}-")) };

${first}${extra}
`;
}

/** The registry with one line added for `name`; undefined when the object literal cannot be found. */
export function registerHook(registry: string, name: string): string | undefined {
  const start = /export const hooks\b[\s\S]*?[^>]=\s*\{/.exec(registry);
  if (!start) return undefined;
  let depth = 0;
  for (let i = start.index + start[0].length - 1; i < registry.length; i++) {
    const c = registry[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) {
      const before = withTrailingComma(registry.slice(0, i).replace(/\s*$/, ""));
      return `${before}\n  ${JSON.stringify(name)}: () => import("./${name}.ts"),\n${registry.slice(i)}`;
    }
  }
  return undefined;
}

/** Puts a comma after the last entry if it has none, before any `// comment` that ends its line. */
function withTrailingComma(text: string): string {
  const lines = text.split("\n");
  for (let n = lines.length - 1; n >= 0; n--) {
    const [, code = "", comment = ""] = /^(.*?)(\s*\/\/.*)?$/.exec(lines[n]!) ?? [];
    if (code.trim() === "") continue; // blank or comment-only line
    if (!/[{,]\s*$/.test(code)) lines[n] = `${code},${comment}`;
    break;
  }
  return lines.join("\n");
}

export function freshRegistry(name: string, runtime: string): string {
  return `// The hooks this project ships, by name. Each entry is a lazy import, so running one hook loads only it.
// \`hookkit new\` adds a line here.
import type { HookDefinition } from ${JSON.stringify(runtime)};

export const hooks: Record<string, () => Promise<{ default: HookDefinition }>> = {
  ${JSON.stringify(name)}: () => import("./${name}.ts"),
};
`;
}
