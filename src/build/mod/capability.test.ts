// The mod target's static verdict: which hooks can run in-process, and, when one cannot, the file, line
// and call or import that prevents it.
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { blankLiterals, modVerdict } from "./capability.ts";
import { hostMatcher, MOD_PACKAGES, modEventOf, modVerdicts, registryFiles, verdictLines, withoutTypeImports, withPackagesResolved, writeModPlugin } from "./generate.ts";
import { loadDefinitions } from "../index.ts";

const REPO = resolve(import.meta.dir, "..", "..", "..");

/** A throwaway project: files by relative path. Returns the root. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "mod-capability-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const verdictOf = (files: Record<string, string>, entry = "hook.ts") => {
  const root = project(files);
  return modVerdict("h", join(root, entry), { root });
};

describe("mod capability", () => {
  test("pure code over relative imports is capable; type-only imports of anything are ignored", () => {
    const v = verdictOf({
      "hook.ts": 'import type { X } from "typebox";\nimport { type Y, f } from "./lib/f.ts";\nimport { type Z } from "node:fs";\nexport default f();\n',
      "lib/f.ts": 'export type Y = 1;\nexport const f = () => "process is a word in a string";\n',
    });
    expect(v.capable).toBe(true);
    expect(v.files.map((f) => f.replace(/^.*mod-capability-[^/]+\//, ""))).toEqual(["hook.ts", "lib/f.ts"]);
  });

  test("names the offending import with its line, and the chain that reaches it", () => {
    const v = verdictOf({
      "hook.ts": 'import { g } from "./a.ts";\nexport default g;\n',
      "a.ts": '// a helper\n\nimport { readFileSync } from "node:fs";\nexport const g = readFileSync;\n',
    });
    expect(v.capable).toBe(false);
    expect(v.reason).toBe('a.ts:3 imports "node:fs" (a mod may import only files of its own plugin: no npm, node: or bun:) (reached via hook.ts)');
  });

  test("npm packages, dynamic import(), require and .json are refused", () => {
    expect(verdictOf({ "hook.ts": 'import c from "citty";\nexport default c;\n' }).reason).toContain('imports "citty"');
    expect(verdictOf({ "hook.ts": 'export default async () => import("./x.ts");\n', "x.ts": "" }).reason).toContain("with import()");
    expect(verdictOf({ "hook.ts": 'import d from "./d.json";\nexport default d;\n', "d.json": "{}" }).reason).toContain("d.json is not a TypeScript or JavaScript module");
  });

  test("globals a mod's worker lacks are refused in code, not in strings, comments or types", () => {
    expect(verdictOf({ "hook.ts": "export const f = () => Bun.file('x');\n" }).reason).toBe("hook.ts:1 uses Bun (not in a mod's worker; reach the outside through ctx.portable)");
    expect(verdictOf({ "hook.ts": "\n\nexport const e = process.env.HOME;\n" }).reason).toStartWith("hook.ts:3 uses process");
    expect(verdictOf({ "hook.ts": "export const f = (u: string) => fetch(u);\n" }).reason).toStartWith("hook.ts:1 uses fetch");
    expect(verdictOf({ "hook.ts": "if (import.meta.main) console.log(1);\n" }).reason).toStartWith("hook.ts:1 uses import.meta");
    expect(verdictOf({ "hook.ts": 'export const f = new Function("return 1");\n' }).reason).toStartWith("hook.ts:1 uses new Function");
    const quiet = verdictOf({
      "hook.ts": '// process, Bun and fetch are named here only\nexport const s = "Bun process fetch";\nexport type P = typeof process;\nexport const o = { process: 1 };\nexport const m = (x: { process: number }) => x.process;\n',
    });
    expect(quiet).toMatchObject({ capable: true });
  });

  test("environment variables must be read by literal name; the names are collected", () => {
    const ok = verdictOf({ "hook.ts": 'export const f = (ctx: any, env: any) => [ctx.portable.env("GSTACK_HOME"), env.CLAUDE_PLUGIN_ROOT, env["XDG_X"]];\n' });
    expect(ok).toMatchObject({ capable: true, envNames: ["CLAUDE_PLUGIN_ROOT", "GSTACK_HOME", "XDG_X"] });
    const computed = verdictOf({ "hook.ts": "export const f = (ctx: any, n: string) => ctx.portable.env(n);\n" });
    expect(computed.reason).toBe("hook.ts:1 reads an environment variable by a computed name (a mod can read only variables named literally)");
  });

  test("blanking keeps lines and lengths", () => {
    const code = 'a("x\\"y") // c\n/* d\ne */ `t${1}`';
    const blank = blankLiterals(code);
    expect(blank.length).toBe(code.length);
    expect(blank.split("\n").length).toBe(code.split("\n").length);
    expect(blank).not.toContain("x");
  });
});

describe("the build's verdicts on real hooks", () => {
  test("the guard fixture is mod-capable", async () => {
    const guardRegistry = join(REPO, "test", "fixtures", "mod-project", "hooks", "guard.ts");
    const guardDefs = await loadDefinitions((await import(guardRegistry)).hooks);
    const guardFiles = registryFiles(guardRegistry);
    expect(verdictLines(modVerdicts(guardDefs.map((def) => ({ def, file: guardFiles.get(def.name)! })), REPO))).toEqual(["no-rm-rf: mod-capable, on classic.PreToolUse"]);
  });

  test("a hook whose module the registry does not name is not capable, and the verdict says how to name it", () => {
    const def = { name: "lost", event: "PreToolUse", stdin: "required", run() {} } as never;
    expect(verdictLines(modVerdicts([{ def, file: "/nonexistent/lost.ts" }], "/nonexistent"))).toEqual([
      'lost: not mod-capable: its module is not in the registry as `"lost": () => import("./file.ts")`',
    ]);
  });

  test("a capable module graph on an event the mod target does not map yet is named as such", async () => {
    const root = project({ "hook.ts": "export default 1;\n" });
    const def = { name: "s", event: "PermissionRequest", stdin: "required", run() {} } as never;
    expect(verdictLines(modVerdicts([{ def, file: join(root, "hook.ts") }], root))).toEqual([
      "s: not mod-capable: PermissionRequest: the mod target maps PreToolUse, PostToolUse, UserPromptSubmit, SessionStart, Stop so far",
    ]);
  });

  test("the host event is the command hook's own, under classic.", () => {
    expect(modEventOf({ event: "PreToolUse" })).toBe("classic.PreToolUse");
    expect(modEventOf({ event: "Stop" })).toBe("classic.Stop");
  });
});

describe("an author's hook importing hookkit by its package name", () => {
  // Outside the repository (a temp folder), as an author's project is: the packages map to hookkit's files.
  const packaged = (hook: string) => {
    const root = project({ "hook.ts": hook });
    return modVerdict("h", join(root, "hook.ts"), { root: "/", packages: MOD_PACKAGES });
  };

  test("defineHook and answer from \"hookkit\", pure helpers from \"hookkit/portable\": capable, and the graph follows into hookkit", () => {
    const v = packaged(
      'import { answer, defineHook, type HookContext } from "hookkit";\nimport { joinPosix, type Portable } from "hookkit/portable";\n' +
        'export default defineHook({ name: "h", event: "PreToolUse", run: (_i, ctx: HookContext) => answer.context(joinPosix(ctx.portable.stateDir, "x")) });\n',
    );
    expect(v.reason).toBeUndefined();
    expect(v.capable).toBe(true);
    expect(v.files).toContain(MOD_PACKAGES.hookkit!);
    expect(v.files).toContain(MOD_PACKAGES["hookkit/portable"]!);
  });

  test("a name the mod's hookkit does not offer, or the whole package, is refused by name", () => {
    expect(packaged('import { defineHook, runHookMain } from "hookkit";\nexport default defineHook;\nrunHookMain;\n').reason).toEndWith(
      'hook.ts:1 imports runHookMain from "hookkit", which a mod does not have (it offers answer, defineHook)',
    );
    expect(packaged('import * as hk from "hookkit";\nexport default hk.defineHook;\n').reason).toContain('hook.ts:1 imports "hookkit" whole (* as hk)');
    expect(packaged('import { openCache } from "hookkit/kit";\nexport default openCache;\n').reason).toContain('imports "hookkit/kit" (a mod may import only files of its own plugin');
  });

  test("the copy's import points at hookkit's file by a relative path; other imports are left alone", () => {
    const file = join(REPO, "plugins", "x", "src", "hooks", "h.ts");
    expect(withPackagesResolved(file, 'import { answer } from "hookkit";\nimport { joinPosix } from \'hookkit/portable\';\nimport { f } from "./f.ts";\n')).toBe(
      'import { answer } from "../../../../src/runtime/authoring.ts";\nimport { joinPosix } from \'../../../../src/base/portable/index.ts\';\nimport { f } from "./f.ts";\n',
    );
  });

  test("the written mod holds the rewritten import and the files it names", async () => {
    const root = project({
      "hooks/h.ts": 'import { answer, defineHook } from "hookkit";\nexport default defineHook({ name: "h", event: "PreToolUse", matcher: "Bash", run: () => answer.deny("no") });\n',
    });
    const def = { name: "h", event: "PreToolUse", matcher: "Bash", stdin: "required", run() {} } as never;
    const dir = join(root, "out");
    const common = "/";
    const written = await writeModPlugin({ dir, root: common, name: "p-mod", version: "1.0.0", twin: "p", hooks: [{ def, file: join(root, "hooks", "h.ts") }] });
    expect(written.written).toBe(true);
    const copied = join(dir, "hooks", "lib", root.slice(1), "hooks", "h.ts");
    const text = await Bun.file(copied).text();
    const spec = /from "([^"]+)"/.exec(text)![1]!;
    expect(spec).toStartWith("../");
    expect(spec).toEndWith("src/runtime/authoring.ts");
    expect(await Bun.file(join(copied, "..", spec)).exists()).toBe(true);
  });
});

describe("generated source", () => {
  test("type-only import statements are dropped, value imports kept", () => {
    const source = 'import type { A } from "./a.ts";\nimport { type B } from "./b.ts";\nimport { c, type D } from "./c.ts";\nexport type { E } from "./e.ts";\nconst x: A = c;\n';
    expect(withoutTypeImports("x.ts", source)).toBe(
      '// (type-only import of ./a.ts dropped for the mod)\n// (type-only import of ./b.ts dropped for the mod)\nimport { c, type D } from "./c.ts";\n// (type-only import of ./e.ts dropped for the mod)\nconst x: A = c;\n',
    );
  });

  test("host matchers: exact names and regexes become the host's own matcher; what the host could not take is left to the runner", () => {
    expect(hostMatcher("Bash")).toBe('{ tool: "Bash" }');
    expect(hostMatcher("Edit|Write")).toBe('{ tool: ["Edit","Write"] }');
    expect(hostMatcher("AskUserQuestion|mcp__.*__AskUserQuestion")).toBe("{ tool: /AskUserQuestion|mcp__.*__AskUserQuestion/ }");
    expect(hostMatcher("startup|resume", "source")).toBe('{ source: ["startup","resume"] }');
    expect(hostMatcher("a/b.*")).toBe("{ tool: /a\\/b.*/ }");
    expect(hostMatcher("(unclosed")).toBeUndefined();
    expect(hostMatcher(undefined)).toBeUndefined();
  });
});
