// The mod target: for a project's hooks, a Claude Code plugin whose hooks module runs the mod-capable
// hooks in-process, beside the command-hook plugin (the twin, today's bundle) that runs them all as
// the compiled binary. Exactly one of the two must answer each event on every Claude Code build:
// - the mod refuses its twin at `plugin.register` and answers only once it has done so;
// - builds that load mods but never ask about a plugin without a module (2.1.287–2.1.325) leave the mod
//   passive (it passes every call on) and the twin answers;
// - builds without mods fail to load the modules-only hooks.json, harmlessly, and the twin answers.
// A refusal keeps out the whole twin, so the mod is written only when every hook of the twin can run
// in-process; otherwise the build names the hook (and the call) that keeps it out, and ships the twin alone.
//
// The mod's files: .claude-plugin/plugin.json, hooks/hooks.json (`{"modules":["./register.ts"]}`), the
// generated hooks/register.ts, and hooks/lib/<path in the project> for every module the hooks and the
// mod runtime reach, as TypeScript source with type-only imports dropped (the host reads the source
// before it loads it: relative imports only, no bundling).
import { mkdir, rm, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { HookDefinition } from "../../runtime/types.ts";
import { STATE_ROOT_VARIABLES } from "../../base/portable/state-root.ts";
import { modVerdict, valueImports, walkGraph, type ModVerdict } from "./capability.ts";
import { MATCHED_FIELD } from "../../protocol/config.ts";
import type { HookEventName } from "../../protocol/inputs.ts";
import { BLOCKING_EVENTS } from "../../protocol/facts.ts";

/** The events the mod target maps, each checked in real sessions (test/mods/), each on `classic.<Event>`. */
export const MOD_EVENTS = new Set(["PreToolUse", "PostToolUse", "UserPromptSubmit", "SessionStart", "Stop"]);

/**
 * The host event a hook runs on in the mod: the host's event for command hooks, so that the answers act as
 * the binary's do (a deny is a permission denial, context goes with the event). `tool.call` was measured
 * as an alternative for PreToolUse hooks that only refuse and was not reliably cheaper
 * (docs/in-process-hooks.md), while the model reads its refusals differently.
 */
export function modEventOf(def: Pick<HookDefinition, "event">): string {
  return `classic.${def.event}`;
}

const MOD_RUNTIME = fileURLToPath(new URL("../../hosts/claude/mod/run.ts", import.meta.url));

/**
 * The package imports a mod-capable hook may keep: an author's project imports hookkit by its package
 * name, which the host refuses in a mod, so the build follows each to a mod-safe file of hookkit's own
 * and rewrites the import in the copy as a relative one. "hookkit" itself also re-exports the process
 * run loop; its mod-safe entry offers defineHook, answer and the types.
 */
export const MOD_PACKAGES: Readonly<Record<string, string>> = {
  hookkit: fileURLToPath(new URL("../../runtime/authoring.ts", import.meta.url)),
  "hookkit/portable": fileURLToPath(new URL("../../base/portable/index.ts", import.meta.url)),
};
/** The mod runtime's own folders: its environment reads are by design (register.ts hands it the values). */
const RUNTIME_DIRS = [dirname(MOD_RUNTIME), fileURLToPath(new URL("../../base/portable/", import.meta.url))];

export interface ModHook {
  def: HookDefinition;
  /** The hook's module (absolute path). */
  file: string;
}

export interface ModPluginOptions {
  /** Where the mod plugin goes (replaced). */
  dir: string;
  /** The folder every copied module lies in (the hooks' project and hookkit's own sources). */
  root: string;
  name: string;
  version: string;
  description?: string;
  /** The command-hook twin's plugin name, which the mod refuses. */
  twin: string;
  hooks: ModHook[];
}

/** A hook's tests for `claude plugin test`: `<hook file>.modtest.ts` beside it (not *.test.ts: bun test would run it), copied to hooks/<hook>.test.ts. */
export function modTestOf(file: string): string | undefined {
  const test = file.replace(/\.(?:ts|tsx|mts|js|mjs)$/, ".modtest.ts");
  return test !== file && existsSync(test) ? test : undefined;
}

export interface ModPluginResult {
  /** Written only when every hook is mod-capable. */
  written: boolean;
  dir: string;
  verdicts: ModVerdict[];
  files: string[];
}

/** One verdict per hook: its module graph, then whether the mod target maps its event. */
export function modVerdicts(hooks: ModHook[], root: string): ModVerdict[] {
  return hooks.map(({ def, file }) => {
    if (!existsSync(file)) {
      return { hook: def.name, capable: false, reason: `its module is not in the registry as \`"${def.name}": () => import("./file.ts")\``, files: [], envNames: [] };
    }
    const verdict = modVerdict(def.name, file, { root, trusted: (f) => RUNTIME_DIRS.some((d) => f.startsWith(d)), packages: MOD_PACKAGES });
    if (verdict.capable && !MOD_EVENTS.has(def.event)) {
      return { ...verdict, capable: false, reason: `${def.event}: the mod target maps ${[...MOD_EVENTS].join(", ")} so far` };
    }
    if (verdict.capable && def.async) return { ...verdict, capable: false, reason: "async: true (a mod has no background command hook)" };
    return verdict.capable ? { ...verdict, hostEvent: modEventOf(def) } : verdict;
  });
}

/** A module's source with its type-only import/export statements removed (their targets are not copied). */
export function withoutTypeImports(file: string, source: string): string {
  const kept = new Set(valueImports(file, source).map((i) => i.path));
  return source.replace(
    /^[ \t]*(?:import|export)\s+(?:type\s+)?[\w*\s{},$]*?\s*from\s*(["'])([^"']+)\1\s*;?[ \t]*$/gm,
    (statement, _q, path: string) => (kept.has(path) ? statement : `// (type-only import of ${path} dropped for the mod)`),
  );
}

/** `source` with each import of a MOD_PACKAGES name pointed at that file, relative to `file` (the copy keeps the layout). */
export function withPackagesResolved(file: string, source: string, packages: Readonly<Record<string, string>> = MOD_PACKAGES): string {
  return source.replace(/(\bfrom\s*)(["'])([^"']+)\2/g, (whole, from: string, quote: string, specifier: string) => {
    const target = packages[specifier];
    if (target === undefined) return whole;
    const rel = relative(dirname(file), target).split("\\").join("/");
    return `${from}${quote}${rel.startsWith(".") ? rel : `./${rel}`}${quote}`;
  });
}

/**
 * The host's own matcher for a command hook's matcher, as source text (undefined = every event). The host
 * filters with it before it hops to the hooks worker, so a call the hook does not match costs nothing; the
 * runner checks the matcher again (matchesTool), as the binary's command hook never sees such a call.
 * Exact names become names; anything else is a regex, unanchored, as Claude Code applies a command hook's.
 * `key` is the field the event's matcher reads (`tool` in the PreToolUse envelope, `source` on SessionStart…).
 */
export function hostMatcher(matcher: string | undefined, key = "tool"): string | undefined {
  if (matcher === undefined || matcher === "" || matcher === "*") return undefined;
  if (!/^[A-Za-z0-9_|]+$/.test(matcher)) {
    try {
      new RegExp(matcher);
    } catch {
      return undefined; // not a regex the host could take either: the runner's own check decides (and throws)
    }
    return `{ ${key}: /${matcher.replaceAll("/", "\\/")}/ }`;
  }
  const names = matcher.split("|").filter((n) => n !== "");
  return `{ ${key}: ${names.length === 1 ? JSON.stringify(names[0]) : JSON.stringify(names)} }`;
}

function registerSource(options: ModPluginOptions, imports: { id: string; path: string; def: HookDefinition }[], envNames: string[], runtimePath: string): string {
  const lines: string[] = [];
  lines.push(`// Generated by hookkit build (the mod target) for ${options.name}; do not edit: rebuild.`);
  lines.push(`// Runs the hooks in-process. The command-hook plugin "${options.twin}" runs the same hooks as the compiled`);
  lines.push(`// binary; this mod refuses it when Claude Code asks (plugin.register) and answers only after that, so`);
  lines.push(`// exactly one of the two answers: on builds that never ask, the twin does.`);
  lines.push(`import type { EngineInterface, Register } from "claude-code";`);
  const used = [...new Set(imports.map((i) => (i.def.event === "PreToolUse" ? "answerPreToolUse" : "answerClassic")))].sort();
  lines.push(`import { ${used.join(", ")} } from ${JSON.stringify(runtimePath)};`);
  for (const i of imports) lines.push(`import ${i.id} from ${JSON.stringify(i.path)};`);
  lines.push("");
  lines.push(`const TWIN = ${JSON.stringify(options.twin)};`);
  lines.push(`let twinRefused = false;`);
  lines.push(`let envRead: Record<string, string | undefined> | undefined;`);
  lines.push("");
  lines.push(`// The variables the hooks and their state root read. The host lets a mod read a variable only by`);
  lines.push(`// its literal name; they are read together, once per session.`);
  lines.push(`async function env($: EngineInterface): Promise<Record<string, string | undefined>> {`);
  lines.push(`  if (envRead) return envRead;`);
  lines.push(`  const values = await Promise.all([`);
  for (const name of envNames) lines.push(`    $.env.get(${JSON.stringify(name)}),`);
  lines.push(`  ]);`);
  lines.push(`  envRead = {`);
  envNames.forEach((name, i) => lines.push(`    ${name}: values[${i}],`));
  lines.push(`  };`);
  lines.push(`  return envRead;`);
  lines.push(`}`);
  lines.push("");
  lines.push(`export const register: Register = (on) => {`);
  lines.push(`  on("plugin.register", ($, e, next) => {`);
  lines.push(`    if (e.name !== TWIN) return next(e);`);
  lines.push(`    twinRefused = true;`);
  lines.push(`    return { refuse: ${JSON.stringify(`${options.twin}: its hooks run in-process in ${options.name}`)} };`);
  lines.push(`  });`);
  for (const i of imports) {
    const event = modEventOf(i.def);
    const preToolUse = i.def.event === "PreToolUse";
    // PreToolUse's `e` is the call envelope (the tool is `tool`); the other events' is the command hook's input.
    const field = preToolUse ? "tool" : MATCHED_FIELD[i.def.event as HookEventName];
    const matcher = field === undefined ? undefined : hostMatcher(i.def.matcher, field);
    const args = matcher ? `${JSON.stringify(event)}, ${matcher}, ` : `${JSON.stringify(event)}, `;
    lines.push(`  on(${args}async ($, e, next) => {`);
    lines.push(`    if (!twinRefused) return next(e);`);
    // The runner takes the host's values loosely typed (it is compiled without the host's declarations);
    // the casts keep the host's type check of this file quiet at that seam and nowhere else.
    if (preToolUse) {
      lines.push(`    return answerPreToolUse($, e, next as never, ${i.id}, await env($)) as never;`);
    } else {
      const extra = field !== undefined && i.def.matcher !== undefined ? `, ${JSON.stringify(field)}` : "";
      lines.push(`    return answerClassic(${JSON.stringify(i.def.event)}, $, e, next as never, ${i.id}, await env($)${extra}) as never;`);
    }
    // The host calls .catch when the hook throws past the runner, overruns its 10 s, or stalls the worker.
    const blocked = JSON.stringify(`${i.def.name} failed; it fails closed, so the call is blocked`);
    if (!i.def.failClosed) lines.push(`  }).catch(($, e, next) => next(e));`);
    else if (preToolUse) lines.push(`  }).catch(($, e, next) => ({ deny: ${blocked} }));`);
    else if (BLOCKING_EVENTS.includes(i.def.event)) lines.push(`  }).catch(($, e, next) => ({ block: ${JSON.stringify(`${i.def.name} failed; it fails closed, so this is blocked`)} }));`);
    else lines.push(`  }).catch(($, e, next) => next(e));`);
  }
  lines.push(`};`);
  return `${lines.join("\n")}\n`;
}

export async function writeModPlugin(options: ModPluginOptions): Promise<ModPluginResult> {
  const root = resolve(options.root);
  const verdicts = modVerdicts(options.hooks, root);
  const dir = resolve(options.dir);
  await rm(dir, { recursive: true, force: true });
  if (verdicts.length === 0 || verdicts.some((v) => !v.capable)) return { written: false, dir, verdicts, files: [] };

  const runtime = walkGraph(MOD_RUNTIME, { root, trusted: () => true });
  if (runtime.offence) throw new Error(`the mod runtime itself is not mod-capable: ${relative(root, runtime.offence.file)}:${runtime.offence.line} ${runtime.offence.what}`);
  const files = [...new Set([...runtime.files, ...verdicts.flatMap((v) => v.files)])].sort();
  const lib = join(dir, "hooks", "lib");
  for (const file of files) {
    const to = join(lib, relative(root, file));
    await mkdir(dirname(to), { recursive: true });
    await writeFile(to, withPackagesResolved(file, withoutTypeImports(file, readFileSync(file, "utf8"))));
  }
  const rel = (file: string) => `./lib/${relative(root, file).split("\\").join("/")}`;
  const envNames = [...new Set([...STATE_ROOT_VARIABLES, ...verdicts.flatMap((v) => v.envNames)])].sort();
  const imports = options.hooks.map((h, index) => ({ id: `hook${index}`, path: rel(h.file), def: h.def }));
  await writeFile(join(dir, "hooks", "register.ts"), registerSource(options, imports, envNames, rel(MOD_RUNTIME)));
  for (const hook of options.hooks) {
    const test = modTestOf(hook.file);
    if (test) await writeFile(join(dir, "hooks", `${hook.def.name}.test.ts`), readFileSync(test, "utf8"));
  }
  await writeFile(join(dir, "hooks", "hooks.json"), `${JSON.stringify({ modules: ["./register.ts"] }, null, 2)}\n`);
  await mkdir(join(dir, ".claude-plugin"), { recursive: true });
  const plugin = {
    name: options.name,
    version: options.version,
    description: options.description ?? `${options.twin} hooks, in-process (a Claude Code mod); the ${options.twin} plugin is its compiled twin`,
  };
  await writeFile(join(dir, ".claude-plugin", "plugin.json"), `${JSON.stringify(plugin, null, 2)}\n`);
  return { written: true, dir, verdicts, files: files.map((f) => relative(root, f)) };
}

/** The module each key of a lazy registry (`name: () => import("./file.ts")`) loads, read from its source. */
export function registryFiles(registryPath: string): Map<string, string> {
  const source = readFileSync(registryPath, "utf8");
  const out = new Map<string, string>();
  for (const m of source.matchAll(/["']?([a-z][a-z0-9-]*)["']?\s*:\s*\(\)\s*=>\s*import\(\s*(["'])([^"']+)\2\s*\)/g)) {
    out.set(m[1]!, resolve(dirname(registryPath), m[3]!));
  }
  return out;
}

/** One line per hook for the build's output. */
export function verdictLines(verdicts: ModVerdict[]): string[] {
  return verdicts.map((v) => (v.capable ? `${v.hook}: mod-capable${v.hostEvent ? `, on ${v.hostEvent}` : ""}` : `${v.hook}: not mod-capable: ${v.reason}`));
}
