// What a hook loads before its handler runs. Every built-in module a hook imports at module level is
// paid at every start, whether the run needs it or not (docs/startup-costs.md: node:fs alone costs
// more than a third of the run loop), so the rule is:
//
//   From a shipped hook's entry, following static `import` statements only, no module imports a
//   Node or Bun built-in (node:*, bun:*). A built-in is loaded inside the function that needs it,
//   through src/base/lazy.ts, so only the runs that take that path pay for it.
//
// Checked on Bun's own module graph (Bun.build's metafile), so what is tested is what the bundler
// puts on the start path, type-only imports already dropped.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hooks } from "../../src/hooks/index.ts";
import { repoRoot, sourceFiles } from "./_source.ts";

interface MetaImport {
  path: string;
  kind: string;
  external?: boolean;
}
type Inputs = Record<string, { imports: MetaImport[] }>;

// Bun writes built-ins without their prefix in the metafile ("fs" for "node:fs").
const BUILTIN = /^(node:|bun:)|^(fs|fs\/promises|path|os|child_process|crypto|url|util|net|http|https|stream|events|zlib|worker_threads|tty|readline|process|buffer|assert|module|v8|vm|dns|perf_hooks)$/;

async function moduleGraph(entries: string[], files: Record<string, string> = {}): Promise<Inputs> {
  const outdir = mkdtempSync(join(tmpdir(), "hookkit-startup-"));
  try {
    const result = await Bun.build({
      entrypoints: entries,
      target: "bun",
      format: "esm",
      splitting: true,
      outdir,
      root: repoRoot,
      metafile: true,
      files,
    } as Parameters<typeof Bun.build>[0]);
    if (!result.success) throw new Error(result.logs.map(String).join("\n"));
    return (result as unknown as { metafile: { inputs: Inputs } }).metafile.inputs;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Each built-in imported statically on the start path of `entry`, with the chain of modules that brings it. */
export function builtinsOnStartPath(inputs: Inputs, entry: string): string[] {
  const via = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  const found: string[] = [];
  const chain = (file: string): string => {
    const parts: string[] = [];
    for (let f: string | undefined = file; f !== undefined; f = via.get(f)) parts.unshift(f.startsWith(`${repoRoot}/`) ? f.slice(repoRoot.length + 1) : f);
    return parts.join(" -> ");
  };
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const imp of inputs[file]?.imports ?? []) {
      if (imp.kind !== "import-statement") continue;
      if (imp.external && BUILTIN.test(imp.path)) found.push(`${imp.path} via ${chain(file)}`);
      else if (!imp.external && !via.has(imp.path)) {
        via.set(imp.path, file);
        queue.push(imp.path);
      }
    }
  }
  return found.sort();
}

const hookEntries = Object.keys(hooks).map((name) => `src/hooks/${name}.ts`);

describe("start-up path", () => {
  test("the registry's hooks are the files checked", async () => {
    for (const entry of hookEntries) expect(await Bun.file(join(repoRoot, entry)).exists()).toBe(true);
  });

  test("no shipped hook imports a built-in at module level, along any static import", async () => {
    const inputs = await moduleGraph(hookEntries);
    const found = hookEntries.flatMap((entry) => builtinsOnStartPath(inputs, entry));
    expect(found).toEqual([]);
  }, 60_000);

  test("every kit module is free to import: built-ins load inside it, on first use", () => {
    // Callers import kit modules normally; the kit keeps its own imports cheap. Type-only imports are free.
    const offenders: string[] = [];
    for (const file of sourceFiles("src/kit")) {
      if (file.endsWith(".test.ts")) continue;
      const text = readFileSync(join(repoRoot, file), "utf8");
      for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+["']((?:node|bun):[^"']+)["']/gm)) offenders.push(`${file}: ${m[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  test("a static node:fs import in one part of a hook is caught, with the chain that brings it", async () => {
    // question-preference as it would be if one of its parts imported node:fs at module level.
    const part = join(repoRoot, "src/hooks/question-preference/questions.ts");
    const text = await Bun.file(part).text();
    const inputs = await moduleGraph(["src/hooks/question-preference.ts"], {
      [part]: `import { statSync } from "node:fs";\nexport const _probe = statSync;\n${text}`,
    });
    expect(builtinsOnStartPath(inputs, "src/hooks/question-preference.ts")).toEqual([
      "fs via src/hooks/question-preference.ts -> src/hooks/question-preference/questions.ts",
    ]);
  }, 60_000);
});
