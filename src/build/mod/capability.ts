// Can a hook run as a Claude Code mod? Claude Code reads a mod's source before it loads it and refuses
// npm, node: and bun: imports, dynamic import(), require, .json imports and files outside the plugin;
// in the mod's worker there is no `process`, `Bun`, `fetch`, `require`, `Worker` or `WebAssembly`, and
// eval/new Function throw. So a hook can be a mod iff every module its source reaches (through value
// imports; type-only imports vanish before anything runs) is plain code: relative imports only, none of
// those globals, and the outside world reached only through the portable context (ctx.portable). The
// run loop's own modules fail this check (they read stdin and spawn), so a mod-capable hook imports
// defineHook and answer from runtime/define.ts and runtime/answer.ts, not runtime/index.ts.
//
// The check is static and conservative: a global named in a string is ignored, one named in code is
// refused even when the code path never runs. Environment variables must be read by literal name
// (`ctx.portable.env("NAME")`, `env.NAME`, `env["NAME"]`): the mod can read only variables its source
// names, so the build collects them.
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, relative, resolve } from "node:path";

export interface ModVerdict {
  hook: string;
  capable: boolean;
  /** Why not, naming the file, line and the call or import that prevents it. */
  reason?: string;
  /** Every module the hook's value imports reach, its own file first (absolute paths). */
  files: string[];
  /** Environment variables the hook's modules read by name. */
  envNames: string[];
  /** For a capable hook: the host event it runs on in the mod (`classic.PreToolUse`, `classic.Stop`…). */
  hostEvent?: string;
}

export interface Offence {
  file: string;
  line: number;
  what: string;
}

const FORBIDDEN_GLOBALS = ["Bun", "process", "require", "fetch", "Worker", "WebAssembly", "eval", "Deno", "__dirname", "__filename"];
const GLOBAL = new RegExp(String.raw`(?<![.\w$])(${FORBIDDEN_GLOBALS.join("|")})\b(?!\s*:(?!:))`);
const META = /\bimport\s*\.\s*meta\b/;
const NEW_FUNCTION = /\bnew\s+Function\s*\(/;
const ENV_LITERAL = /\benv\s*(?:\(\s*|\[\s*)(["'])([A-Za-z_][A-Za-z0-9_]*)\1\s*[)\]]|\benv\.([A-Za-z_][A-Za-z0-9_]*)/g;
const ENV_DYNAMIC = /\benv\s*(?:\(\s*(?![\s"')])|\[\s*(?!["']))/;

/** Code with string, template and comment contents blanked (same length, same lines), for token scans. */
export function blankLiterals(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[\s\S])*`/g, (m) => {
    const quote = m[0] === "/" ? "" : m[0];
    const body = m.slice(quote ? 1 : 0, quote ? -1 : undefined).replace(/[^\n]/g, " ");
    return quote ? `${quote}${body}${quote}` : body;
  });
}

function lineOf(code: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (code.charCodeAt(i) === 10) line++;
  return line;
}

/** What in one module's own source keeps it out of a mod (imports aside). */
export function scanSource(file: string, source: string, checkEnv: boolean): { offence?: Offence; envNames: string[] } {
  const code = blankLiterals(source);
  // Type positions can name a global harmlessly (`NodeJS.Platform`, `typeof process`): look only at the
  // code the transpiler keeps, but report the line in the source.
  const transpiled = blankLiterals(transpiler(file).transformSync(source));
  for (const [pattern, what] of [
    [GLOBAL, (m: RegExpExecArray) => `uses ${m[1]} (not in a mod's worker; reach the outside through ctx.portable)`],
    [META, () => "uses import.meta (a mod has no entry module; run the hook through the binary's main instead)"],
    [NEW_FUNCTION, () => "uses new Function (throws in a mod)"],
  ] as const) {
    const inOutput = pattern.exec(transpiled);
    if (!inOutput) continue;
    const inSource = pattern.exec(code);
    return { offence: { file, line: inSource ? lineOf(code, inSource.index) : 0, what: what(inOutput) }, envNames: [] };
  }
  const envNames = new Set<string>();
  if (checkEnv) {
    const dynamic = ENV_DYNAMIC.exec(code);
    if (dynamic) {
      return {
        offence: { file, line: lineOf(code, dynamic.index), what: "reads an environment variable by a computed name (a mod can read only variables named literally)" },
        envNames: [],
      };
    }
    // Names are inside string literals, which blankLiterals emptied: read them from the source.
    for (const m of source.matchAll(ENV_LITERAL)) envNames.add(m[2] ?? m[3]!);
  }
  return { envNames: [...envNames].sort() };
}

const transpilers = new Map<string, Bun.Transpiler>();
function transpiler(file: string): Bun.Transpiler {
  const loader = extname(file) === ".tsx" ? "tsx" : extname(file) === ".ts" || extname(file) === ".mts" ? "ts" : "js";
  let made = transpilers.get(loader);
  if (!made) transpilers.set(loader, (made = new Bun.Transpiler({ loader })));
  return made;
}

/** The value imports of one module: [specifier, kind]. Type-only imports are not among them. */
export function valueImports(file: string, source: string): { path: string; kind: string }[] {
  return transpiler(file).scanImports(source);
}

export interface GraphOptions {
  /** Every module must lie inside this folder (it is what gets copied into the mod). */
  root: string;
  /** Modules whose environment reads are the runtime's own business (the portable runtime). */
  trusted?: (file: string) => boolean;
  /**
   * Package specifiers the mod build resolves to a file of its own (`"hookkit"` → the runtime's
   * mod-safe entry): the import is followed there and copied as a relative import. A hook may import
   * from it only names that file exports.
   */
  packages?: Readonly<Record<string, string>>;
}

/**
 * The names `source` imports from `specifier` (type-only imports excluded: pass transpiled code), or
 * an offence when it takes the whole module (a default or namespace import).
 */
export function namedImports(code: string, specifier: string): { names: string[] } | { whole: string } {
  const names: string[] = [];
  const quoted = specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const statement = new RegExp(String.raw`\b(?:import|export)\s*([^;]*?)\s*from\s*(["'])${quoted}\2`, "g");
  for (const m of code.matchAll(statement)) {
    const clause = m[1]!.trim();
    const braces = clause.match(/\{([^}]*)\}/);
    const outside = clause.replace(/\{[^}]*\}/, "").replace(/,/g, "").trim();
    if (outside !== "" && outside !== "type") return { whole: clause };
    for (const part of (braces?.[1] ?? "").split(",")) {
      const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!.trim();
      if (name !== "" && !part.trim().startsWith("type ")) names.push(name);
    }
  }
  return { names };
}

/** Walks a module graph from `entry`; the first offence found, the files and the env names read. */
export function walkGraph(entry: string, options: GraphOptions): { offence?: Offence; chain: string[]; files: string[]; envNames: string[] } {
  const files: string[] = [];
  const envNames = new Set<string>();
  const seen = new Set<string>();
  const stack: { file: string; chain: string[] }[] = [{ file: resolve(entry), chain: [resolve(entry)] }];
  while (stack.length > 0) {
    const { file, chain } = stack.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    files.push(file);
    const fail = (line: number, what: string) => ({ offence: { file, line, what }, chain, files, envNames: [] });
    if (!/\.(?:ts|tsx|mts|js|mjs)$/.test(file)) return fail(0, "is not a TypeScript or JavaScript module (a mod imports code only; no .json)");
    const source = readFileSync(file, "utf8");
    for (const imported of valueImports(file, source)) {
      const line = Math.max(1, lineOf(source, Math.max(0, source.indexOf(imported.path))));
      if (imported.kind === "dynamic-import") return fail(line, `imports "${imported.path}" with import() (a mod's imports are static)`);
      if (imported.kind === "require-call") return fail(line, `requires "${imported.path}" (a mod has no require)`);
      const mapped = options.packages?.[imported.path];
      if (mapped !== undefined) {
        const wanted = namedImports(transpiler(file).transformSync(source), imported.path);
        if ("whole" in wanted) return fail(line, `imports "${imported.path}" whole (${wanted.whole}); a mod build resolves it to ${relative(options.root, mapped)}: import its names`);
        const offered = new Set(transpiler(mapped).scan(readFileSync(mapped, "utf8")).exports);
        const missing = wanted.names.filter((n) => !offered.has(n));
        if (missing.length > 0) {
          return fail(line, `imports ${missing.join(", ")} from "${imported.path}", which a mod does not have (it offers ${[...offered].sort().join(", ")})`);
        }
        stack.push({ file: mapped, chain: [...chain, mapped] });
        continue;
      }
      if (!imported.path.startsWith("./") && !imported.path.startsWith("../")) {
        return fail(line, `imports "${imported.path}" (a mod may import only files of its own plugin: no npm, node: or bun:)`);
      }
      const target = resolve(dirname(file), imported.path);
      if (relative(options.root, target).startsWith("..")) return fail(line, `imports "${imported.path}", outside ${options.root}`);
      if (!existsSync(target)) return fail(line, `imports "${imported.path}", which does not exist (spell the file with its extension)`);
      stack.push({ file: target, chain: [...chain, target] });
    }
    const scanned = scanSource(file, source, !(options.trusted?.(file) ?? false));
    if (scanned.offence) return { offence: scanned.offence, chain, files, envNames: [] };
    for (const name of scanned.envNames) envNames.add(name);
  }
  return { chain: [], files, envNames: [...envNames].sort() };
}

/** The build's verdict for one hook module. */
export function modVerdict(hook: string, entry: string, options: GraphOptions): ModVerdict {
  const walked = walkGraph(entry, options);
  if (!walked.offence) return { hook, capable: true, files: walked.files, envNames: walked.envNames };
  const rel = (f: string) => relative(options.root, f);
  const { file, line, what } = walked.offence;
  const via = walked.chain.length > 1 ? ` (reached via ${walked.chain.slice(0, -1).map(rel).join(" → ")})` : "";
  return { hook, capable: false, reason: `${rel(file)}${line ? `:${line}` : ""} ${what}${via}`, files: walked.files, envNames: [] };
}
