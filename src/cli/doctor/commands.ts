// Does every hook command resolve to a program that exists and can run? Exec form resolves `command`
// directly; shell form, which the host runs with `/bin/sh -c`, is lexed for the programs it starts, with plugin
// placeholders substituted as the host substitutes them.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { commandPrograms, substitutePlain } from "../shell.ts";
import { entryName, type Check, type CommandEntry } from "./config.ts";

export type Env = Record<string, string | undefined>;

/**
 * The variables Claude Code gives a hook process from this source (docs/protocol/claude-code.md). A plugin's
 * hooks also get its data folder, `<config dir>/plugins/data/<name>-inline` for a plugin loaded from a folder
 * (observed, 2.1.328): a thin plugin's launcher keeps its fetched binary there, so doctor must set it too,
 * under whatever HOME the run uses (a private one unless --real-home).
 */
export function hookVars(entry: CommandEntry, cwd: string, env: Env = {}): Record<string, string> {
  const vars: Record<string, string> = { CLAUDE_PROJECT_DIR: cwd };
  const { pluginRoot, pluginName } = entry.source;
  if (pluginRoot) vars.CLAUDE_PLUGIN_ROOT = pluginRoot;
  const data = pluginRoot && pluginName ? pluginDataDir(pluginName, env) : undefined;
  if (data) vars.CLAUDE_PLUGIN_DATA = data;
  return vars;
}

/** The data folder Claude Code gives a plugin loaded from a folder (`--plugin-dir`), under env's HOME. */
export function pluginDataDir(pluginName: string, env: Env): string | undefined {
  const config = env.CLAUDE_CONFIG_DIR || (env.HOME ? join(env.HOME, ".claude") : undefined);
  return config ? join(config, "plugins", "data", `${pluginName}-inline`) : undefined;
}

export function checkCommand(entry: CommandEntry, env: Env, cwd: string): Check[] {
  const subject = entryName(entry);
  const vars = hookVars(entry, cwd, env);
  const { command, args, shell } = entry.handler;
  if (args !== undefined) {
    const program = substitutePlain(command, vars);
    if (process.platform === "win32" && /\.(cmd|bat)$/i.test(program))
      return [{ status: "fail", file: entry.source.file, subject, detail: `exec form cannot start ${program} on Windows (no shell for .cmd/.bat)`, fix: "point command at an .exe, or use shell form" }];
    return [{ ...programCheck(subject, program, env, cwd), file: entry.source.file }];
  }
  if (shell === "powershell" && process.platform !== "win32")
    return [{ status: "skip", file: entry.source.file, subject, detail: "PowerShell command; only checked on Windows" }];
  const programs = commandPrograms(command, { ...env, ...vars });
  if (programs.length === 0) return [{ status: "ok", file: entry.source.file, subject, detail: "uses shell builtins only" }];
  return programs.map((p): Check =>
    p.dynamic
      ? { status: "skip", file: entry.source.file, subject, detail: `${p.name} is computed when the shell runs; not checked statically` }
      : { ...programCheck(subject, p.name, env, cwd), file: entry.source.file },
  );
}

function programCheck(subject: string, program: string, env: Env, cwd: string): Check {
  const found = resolveProgram(program, env, cwd);
  if ("path" in found) return { status: "ok", subject, detail: `command resolves to ${found.path}` };
  return { status: "fail", subject, detail: found.problem, fix: found.fix };
}

/** Where `program` resolves: a path (relative to the session cwd) or a name on PATH. */
export function resolveProgram(program: string, env: Env, cwd: string): { path: string } | { problem: string; fix: string } {
  if (program.includes("/") || (process.platform === "win32" && program.includes("\\"))) {
    const path = isAbsolute(program) ? program : resolve(cwd, program);
    return executable(path);
  }
  const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
  const exts = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").concat("") : [""];
  for (const dir of dirs)
    for (const ext of exts) {
      const path = join(dir, program + ext);
      if ("path" in executable(path)) return { path };
    }
  return {
    problem: `"${program}" is not on PATH`,
    fix: `install it or use an absolute path; hooks run in a non-interactive shell, so ~/.bun/bin or nvm paths from your shell profile are missing`,
  };
}

function executable(path: string): { path: string } | { problem: string; fix: string } {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return { problem: `${path} does not exist`, fix: "build it (`hookkit build`) or correct the path" };
  }
  if (!stat.isFile()) return { problem: `${path} is not a file`, fix: "point the command at the program itself" };
  try {
    if (process.platform !== "win32") accessSync(path, constants.X_OK);
  } catch {
    return { problem: `${path} is not executable`, fix: `chmod +x "${path}"` };
  }
  return { path };
}
