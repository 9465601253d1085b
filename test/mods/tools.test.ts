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
let out: string;
const mods: string[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "mod-tools-"));
  guard = await buildBoth("test/fixtures/mod-project/hooks/guard.ts", "guard");
  mods.push(guard.modDir);
  for (const hook of ["throws", "overrun", "busy"]) {
    const [def] = await loadDefinitions({ [hook]: () => import(join(FIXTURES, `${hook}.ts`)) });
    const mod = await writeModPlugin({ dir: join(out, hook), root: REPO, name: `${hook}-mod`, version: "1.0.0", twin: hook, hooks: [{ def: def!, file: join(FIXTURES, `${hook}.ts`) }] });
    mods.push(mod.dir);
  }
}, 180_000);
afterAll(() => {
  guard?.cleanup();
  rmSync(out, { recursive: true, force: true });
});

function claude(args: string[], home: string) {
  const binary = claudeBinary();
  if (!binary) throw new Error("Claude Code 2.1.328 is not installed: npm ci in test/hosts/claude (sh dev.sh test does)");
  const run = Bun.spawnSync(offline([binary, ...args]).argv, { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, DISABLE_TELEMETRY: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_AUTOUPDATER: "1" }, timeout: 120_000 });
  return { code: run.exitCode, text: `${run.stdout.toString()}${run.stderr.toString()}` };
}

describe("Claude Code's plugin tools on the generated mods", () => {
  test("claude plugin validate passes on every generated mod and sees the gating hook's .catch", () => {
    expect(mods.length).toBe(4);
    for (const dir of mods) {
      const { code, text } = claude(["plugin", "validate", dir], out);
      expect({ dir, code, passed: text.includes("Validation passed") }).toEqual({ dir, code: 0, passed: true });
      expect(text).toMatch(/gating hook with \.catch: classic\.PreToolUse\{tool=Bash\}/);
      expect(text).toMatch(/hooks: plugin\.register, classic\.PreToolUse\{tool=Bash\}/);
    }
  }, 120_000);

  test("claude plugin validate passes on gstack-plan-tune's mod (question-preference, a production hook importing \"hookkit\")", async () => {
    const project = loadProject(join(REPO, "plugins", "gstack-plan-tune"));
    const [def] = await loadDefinitions(project.registry);
    const file = join(project.root, project.hooks["question-preference"]!);
    const mod = await writeModPlugin({ dir: join(out, "question-preference"), root: REPO, name: "gstack-plan-tune-mod", version: "1.0.0", twin: "gstack-plan-tune", hooks: [{ def: def!, file }] });
    expect(mod.written).toBe(true);
    const { code, text } = claude(["plugin", "validate", mod.dir], out);
    expect({ code, passed: text.includes("Validation passed") }).toEqual({ code: 0, passed: true });
    // Its matcher is a regex (AskUserQuestion and the MCP variants): the runner matches it, not the host.
    expect(text).toMatch(/hooks: plugin\.register, (?:classic\.PreToolUse|tool\.call)\n/);
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
