// Claude Code's own tools on every mod the build generates (2.1.328, offline): `claude plugin validate`
// passes (exit 0: no refused import, every `$` call spelled as the host's scan wants it), and the mods'
// tests run under `claude plugin test` against the host's engine.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDefinitions } from "../../src/build/index.ts";
import { writeModPlugin } from "../../src/build/mod/generate.ts";
import { loadProject } from "../../src/project/config.ts";
import { offline } from "../hosts/_offline.ts";
import { REPO } from "../hosts/claude/_bundle.ts";
import { claudeBinary } from "../hosts/claude/_session.ts";
import { buildBoth, type ModBundle } from "./_mod-bundle.ts";

const FIXTURES = join(REPO, "test", "fixtures", "mod-project", "hooks");
let guard: ModBundle;
let events: ModBundle;
let out: string;
/** Each generated mod and the hooks validate must list for it (every one gating, with its .catch). */
const mods: { dir: string; hooks: string[] }[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "mod-tools-"));
  guard = await buildBoth("test/fixtures/mod-project/hooks/guard.ts", "guard");
  mods.push({ dir: guard.modDir, hooks: ["classic.PreToolUse{tool=Bash}"] });
  events = await buildBoth("test/fixtures/mod-project/hooks/events.ts", "events");
  mods.push({ dir: events.modDir, hooks: ["classic.SessionStart", "classic.UserPromptSubmit", "classic.PreToolUse{tool=Bash}", "classic.PostToolUse{tool_name=Bash}", "classic.Stop"] });
  for (const hook of ["throws", "overrun", "busy"]) {
    const [def] = await loadDefinitions({ [hook]: () => import(join(FIXTURES, `${hook}.ts`)) });
    const mod = await writeModPlugin({ dir: join(out, hook), root: REPO, name: `${hook}-mod`, version: "1.0.0", twin: hook, hooks: [{ def: def!, file: join(FIXTURES, `${hook}.ts`) }] });
    mods.push({ dir: mod.dir, hooks: ["classic.PreToolUse{tool=Bash}"] });
  }
}, 180_000);
afterAll(() => {
  guard?.cleanup();
  events?.cleanup();
  rmSync(out, { recursive: true, force: true });
});

function claude(args: string[], home: string) {
  const binary = claudeBinary();
  if (!binary) throw new Error("Claude Code 2.1.328 is not installed: npm ci in test/hosts/claude (sh dev.sh test does)");
  const run = Bun.spawnSync(offline([binary, ...args]).argv, { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, DISABLE_TELEMETRY: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_AUTOUPDATER: "1" }, timeout: 120_000 });
  return { code: run.exitCode, text: `${run.stdout.toString()}${run.stderr.toString()}` };
}

describe("Claude Code's plugin tools on the generated mods", () => {
  test("claude plugin validate passes on every generated mod, sees each hook's event and .catch, and finds no type error in register.ts", () => {
    expect(mods.length).toBe(5);
    for (const { dir, hooks } of mods) {
      const { code, text } = claude(["plugin", "validate", dir], out);
      expect({ dir, code, passed: text.includes("Validation passed") }).toEqual({ dir, code: 0, passed: true });
      expect(text).toContain(`hooks: plugin.register, ${hooks.join(", ")}`);
      for (const hook of hooks) expect(text).toContain(`gating hook with .catch: ${hook}`);
      // The host type-checks the module against its own declarations; its findings are warnings, listed per
      // file. TS5097 (an import path ending in .ts) is always among them: the host loads the files by those paths.
      const register = text.split("Validating hooks: ").find((block) => block.startsWith(`${dir}/hooks/register.ts`)) ?? "";
      expect(register).toContain("TS5097");
      expect(register.split("\n").filter((line) => line.includes("error TS") && !line.includes("TS5097"))).toEqual([]);
    }
  }, 180_000);

  test("claude plugin validate passes on gstack-plan-tune's mod (question-preference, a production hook importing \"hookkit\")", async () => {
    const project = loadProject(join(REPO, "plugins", "gstack-plan-tune"));
    const [def] = await loadDefinitions(project.registry);
    const file = join(project.root, project.hooks["question-preference"]!);
    const mod = await writeModPlugin({ dir: join(out, "question-preference"), root: REPO, name: "gstack-plan-tune-mod", version: "1.0.0", twin: "gstack-plan-tune", hooks: [{ def: def!, file }] });
    expect(mod.written).toBe(true);
    const { code, text } = claude(["plugin", "validate", mod.dir], out);
    expect({ code, passed: text.includes("Validation passed") }).toEqual({ code: 0, passed: true });
    // Its regex matcher goes to the host, which then never wakes the worker for another tool.
    expect(text).toContain('hooks: plugin.register, classic.PreToolUse{tool=/"AskUserQuestion|mcp__.*__AskUserQuestion"/}');
    expect(text).toMatch(/calls: .*\$\.fs\.stat \(via assertConfinedOnHost\).*\$\.process\.spawn \(via hostPortable\)/);
    expect(text).toMatch(/env reads: .*GSTACK_PROJECT_SLUG, GSTACK_QUESTION_LOG_NO_DERIVE, GSTACK_ROOT, GSTACK_STATE_ROOT/);
  }, 120_000);

  test("claude plugin test runs the guard mod's own tests against the host's engine", () => {
    const { code, text } = claude(["plugin", "test", guard.modDir], out);
    expect(text).toContain("2 pass");
    expect(text).toContain("0 fail");
    expect(code).toBe(0);
  }, 120_000);
});
