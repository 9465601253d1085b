// The import order of src/: each layer imports only itself and the layers below it, so a reader can
// learn the code bottom-up and a change low down never has to know about the CLI. Type-only imports
// count too (they tie the code together just the same), except that `import type` never reaches a
// running process. Test files are exempt: a test may import whatever it exercises.
import { describe, expect, test } from "bun:test";
import { importsOf, sourceFiles } from "./_source.ts";

/** Layer of each top folder (or top file) of src/, lowest first. A layer may import its own and lower ones. */
const LAYERS: Record<string, number> = {
  protocol: 0, // the wire contract: schemas, generated validators, facts the hook path needs
  base: 1, // paths, environment, state roots, error text: what the runtime and the kit both need
  runtime: 2, // defineHook, the run loop, answers, the Host interface, runners
  kit: 3, // helpers hooks share
  hosts: 4, // one folder per agent host, and the process entry that picks one
  "index.ts": 5, // the package's entry for hook authors: defineHook, answers, runHookMain
  hooks: 6, // the shipped hooks
  testing: 6, // fixtures and runners for tests
  build: 7, // compile, launchers, plugin bundle
  cli: 8, // the hookkit command
  "main.ts": 9, // the multi-call entry: a hook name, or the CLI
};

/** Helpers for tests: the shipped code (the CLI included) never runs through them. */
const TEST_ONLY = "testing";
const MAY_IMPORT_TEST_ONLY: string[] = [];

/** Same-level folders that must still not import each other. */
const SIBLINGS_APART = [["hooks", "testing"]];

function layerOf(rel: string): string | undefined {
  if (!rel.startsWith("src/")) return undefined;
  const top = rel.slice(4).split("/")[0]!;
  return top in LAYERS ? top : undefined;
}

/** Every import in `files` (tests excepted) that breaks the order, as "from -> to (why)". */
export function layerViolations(files = sourceFiles("src"), read: (file: string) => string | undefined = () => undefined): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (/\.test\.ts$/.test(file)) continue;
    const from = layerOf(file);
    if (!from) continue;
    const text = read(file);
    for (const target of text === undefined ? importsOf(file) : importsOf(file, text)) {
      const to = layerOf(target);
      if (!to || to === from) continue;
      const apart = SIBLINGS_APART.some(([a, b]) => (a === from && b === to) || (a === to && b === from));
      const testOnly = to === TEST_ONLY && !MAY_IMPORT_TEST_ONLY.includes(from);
      if (LAYERS[to]! > LAYERS[from]! || apart || testOnly) out.push(`${file} -> ${target} (${from} may not import ${to})`);
    }
  }
  return [...new Set(out)].sort();
}

describe("layers", () => {
  test("every top folder of src/ has a layer", () => {
    const tops = new Set(sourceFiles("src").map((f) => f.slice(4).split("/")[0]!));
    expect([...tops].filter((t) => !(t in LAYERS))).toEqual([]);
  });

  test("each layer imports only itself and the layers below it", () => {
    expect(layerViolations()).toEqual([]);
  });

  test("an upward import is caught, type-only and lazy ones too", () => {
    // kit/files.ts as it would be if it reached up into the CLI and sideways into a hook.
    const broken = [
      'import { runCli } from "../cli/index.ts";',
      'import type { Finding } from "../cli/doctor/config.ts";',
      'const lazy = () => require("../hooks/ensure-python/codes.ts");',
      'import { envValue } from "../base/env.ts";',
    ].join("\n");
    expect(layerViolations(["src/kit/files.ts"], () => broken)).toEqual([
      "src/kit/files.ts -> src/cli/doctor/config.ts (kit may not import cli)",
      "src/kit/files.ts -> src/cli/index.ts (kit may not import cli)",
      "src/kit/files.ts -> src/hooks/ensure-python/codes.ts (kit may not import hooks)",
    ]);
  });
});
