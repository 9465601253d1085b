// `hookkit doctor`: answers "is my hook even running?", the question hook authors ask most — config validity as Claude Code
// judges it, commands that resolve, the platform binary, a live answer per hook, writable state.
import { defineCommand } from "citty";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkCommand, pluginDataDir } from "../doctor/commands.ts";
import { checkConfig, type Check, type CommandEntry, type Source } from "../doctor/config.ts";
import { checkAnswer, checkBinary, checkStateDirs } from "../doctor/live.ts";
import { CliError } from "../errors.ts";
import { loadAllHooks, maybeProject } from "../hooks.ts";
import { bold, cyan, displayPath, gray, green, log, red, yellow } from "../log.ts";
import { defaultPluginDir, projectRoot, readPlugin, readText } from "../plugin.ts";
import { settingsPath, SettingsError, type Scope } from "../../hosts/claude/settings.ts";
import { renderTable } from "../table.ts";
import { describeError } from "../../base/errors.ts";
import type { OtherHost } from "../../hosts/capabilities.ts";

export default defineCommand({
  meta: { name: "doctor", description: "Check hooks.json / settings, commands, binary, live answers and state dirs" },
  args: {
    plugin: { type: "string", description: "Plugin bundle to check (default: dist/plugin, or the bundle this binary is in)", valueHint: "dir" },
    settings: { type: "string", description: "Settings file to check (default: the user, project and local settings that exist)", valueHint: "file" },
    run: { type: "boolean", default: true, description: "Run each hook on a sample event", negativeDescription: "Skip the live runs (config, commands and state only)" },
    json: { type: "boolean", description: "Print the checks as JSON on stdout" },
    "real-home": { type: "boolean", description: "Run hooks with your real HOME and state dirs (default: private temporary ones)" },
    host: { type: "string", description: "Check another agent host's bundle instead: codex, gemini, copilot or cursor (dist/<host>/, or --plugin)", valueHint: "host" },
  },
  async run({ args }) {
    const cwd = process.cwd();
    const other = args.host && args.host !== "claude" ? args.host : undefined;
    if (other && !["codex", "gemini", "copilot", "cursor"].includes(other)) throw new CliError(`unknown host "${other}" (known: claude, codex, gemini, copilot, cursor)`);
    const realHome = Boolean(args["real-home"]);
    // Hooks run on sample events; a hook may build a venv or write state. Unless asked, all of that
    // lands in a temporary HOME and state dir that are removed afterwards, never in the user's own.
    const privateRoot = realHome ? undefined : mkdtempSync(join(tmpdir(), "hookkit-doctor-"));
    const env = privateRoot ? privateEnv(privateRoot) : process.env;
    try {
      if (other) {
        const { doctorHost } = await import("../../hosts/doctor.ts");
        const dir = resolve(args.plugin ?? join(cwd, "dist", other));
        return report(await doctorHost(other as OtherHost, dir, { run: args.run, cwd, env }), Boolean(args.json), cwd);
      }
      return await doctor(args, cwd, env, privateRoot);
    } finally {
      if (privateRoot) rmSync(privateRoot, { recursive: true, force: true });
    }
  },
});

type DoctorArgs = { plugin?: string; settings?: string; run?: boolean; json?: boolean };

/** process.env with every home and state location moved under `root`. */
export function privateEnv(root: string): Record<string, string | undefined> {
  const home = join(root, "home");
  const state = join(root, "state");
  for (const dir of [home, state]) mkdirSync(dir, { recursive: true });
  return {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    HOOKKIT_STATE_DIR: state,
    XDG_STATE_HOME: join(home, ".local", "state"),
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local", "share"),
    LOCALAPPDATA: join(home, "AppData", "Local"),
    APPDATA: join(home, "AppData", "Roaming"),
    CLAUDE_CONFIG_DIR: join(home, ".claude"),
  };
}

async function doctor(args: DoctorArgs, cwd: string, env: Record<string, string | undefined>, privateRoot: string | undefined): Promise<number> {
  {
    // Settings files are found where Claude Code reads them: the real HOME (read only).
    const sources = findSources(args.plugin, args.settings, cwd);
    const checks: Check[] = [...strayFiles(cwd)];
    const commands: CommandEntry[] = [];
    for (const source of sources) {
      const text = readText(source.file);
      if (text === undefined) {
        checks.push({ status: "fail", file: source.file, subject: "file", detail: "cannot read the file", fix: "check the path and its permissions" });
        continue;
      }
      const found = checkConfig(text, source);
      checks.push(...found.checks);
      commands.push(...found.commands);
    }
    for (const source of sources) if (source.pluginRoot) checks.push(checkManifest(source));
    for (const entry of commands) checks.push(...checkCommand(entry, env, cwd));
    for (const source of sources) if (source.kind === "plugin" && source.pluginRoot) {
      log.start(`starting the ${process.platform}-${process.arch} binary of ${source.pluginRoot}`);
      const data = source.pluginName ? pluginDataDir(source.pluginName, env) : undefined;
      checks.push({ ...(await checkBinary(source.pluginRoot, data ? { ...env, CLAUDE_PLUGIN_DATA: data } : env)), file: source.file });
    }
    if (args.run)
      for (const entry of commands) {
        log.start(`running ${entry.where} of ${displayPath(entry.source.file, cwd)} on a sample ${entry.event} event`);
        checks.push(await checkAnswer(entry, env, cwd));
      }
    const hooks = (await loadAllHooks(maybeProjectQuiet())).flatMap((h) => (h.def ? [h.def] : []));
    checks.push(...checkStateDirs(hooks, env).map((c) => (privateRoot ? { ...c, detail: `${c.detail} (private; --real-home checks yours)` } : c)));
    if (privateRoot && !args.json) log.info(`hooks ran with a private HOME and state dir (${privateRoot}, removed now); --real-home runs them with yours`);
    return report(checks, Boolean(args.json), cwd);
  }
}

function maybeProjectQuiet() {
  try {
    return maybeProject();
  } catch {
    return undefined; // doctor checks bundles and settings; a broken project config is build's business
  }
}

function findSources(plugin: string | undefined, settings: string | undefined, cwd: string): Source[] {
  const sources: Source[] = [];
  const pluginDir = plugin ?? (settings ? undefined : defaultPluginDir(projectRoot(cwd)));
  if (pluginDir) {
    try {
      const p = readPlugin(pluginDir);
      sources.push({ file: p.hooksFile, kind: "plugin", pluginRoot: p.root, pluginName: p.name });
    } catch (error) {
      if (error instanceof SettingsError) throw new CliError(error.message);
      throw error;
    }
  }
  if (settings) {
    const file = resolve(cwd, settings);
    if (!existsSync(file)) throw new CliError(`no settings file at ${file}; check the path`);
    sources.push({ file, kind: "settings" });
  } else if (!plugin) {
    for (const scope of ["user", "project", "local"] as Scope[]) {
      let file: string | undefined;
      try {
        file = settingsPath(scope, process.env, cwd);
      } catch {}
      if (file && existsSync(file)) sources.push({ file, kind: "settings" });
    }
  }
  if (sources.length === 0)
    throw new CliError("nothing to check: no dist/plugin here and no settings files; pass --plugin <dir> or --settings <file>");
  return sources;
}

/** Claude Code loads a folder as a plugin only through a readable .claude-plugin/plugin.json (docs/protocol/claude-code.md). */
function checkManifest(source: Source): Check {
  const file = join(source.pluginRoot!, ".claude-plugin", "plugin.json");
  const text = readText(file);
  const base = { file: source.file, subject: "plugin.json" };
  if (text === undefined)
    return { ...base, status: "fail", detail: `${file} is missing, so Claude Code does not load this folder as a plugin`, fix: "rebuild the bundle (`hookkit build`)" };
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    if (typeof name !== "string" || name === "") return { ...base, status: "fail", detail: `${file} has no "name"`, fix: 'add "name": "<plugin-name>"' };
    return { ...base, status: "ok", detail: `plugin "${name}"` };
  } catch (error) {
    return { ...base, status: "fail", detail: `${file} is not valid JSON (${describeError(error)})`, fix: "correct the syntax, or rebuild the bundle" };
  }
}

/** Files people write hooks into that Claude Code never reads (scaffolders and rule plugins have shipped both kinds). */
function strayFiles(cwd: string): Check[] {
  const stray = [
    [join(cwd, ".claude", "hooks.json"), "put hooks under \"hooks\" in .claude/settings.json, or in a plugin's hooks/hooks.json"],
    [join(cwd, ".claude", "settings.json.local"), "rename it to .claude/settings.local.json"],
  ] as const;
  return stray
    .filter(([file]) => existsSync(file))
    .map(([file, fix]) => ({ status: "fail" as const, file, subject: "file", detail: "Claude Code never reads this file, so its hooks never run", fix }));
}


const badge = { ok: green("ok"), warn: yellow("warn"), fail: red("FAIL"), skip: gray("skip") };

function report(checks: Check[], json: boolean, cwd: string): number {
  const failed = checks.filter((c) => c.status === "fail").length;
  const warned = checks.filter((c) => c.status === "warn").length;
  if (json) console.log(JSON.stringify({ ok: failed === 0, checks }, null, 2));
  else {
    const groups = new Map<string, Check[]>();
    for (const c of checks) groups.set(c.file ?? "", [...(groups.get(c.file ?? "") ?? []), c]);
    for (const [file, group] of groups) {
      console.error(bold(file ? displayPath(file, cwd) : "environment"));
      const rows = group.map((c) => [badge[c.status], c.subject, c.fix ? `${c.detail} ${cyan("→ fix:")} ${c.fix}` : c.detail]);
      console.error(renderTable(["", "check", "result"], rows, process.stderr.columns ?? 0, false));
      console.error("");
    }
  }
  if (failed > 0) log.error(`${bold(String(failed))} problem${failed === 1 ? "" : "s"} found${warned ? `, ${warned} warning${warned === 1 ? "" : "s"}` : ""}; each FAIL row says how to fix it`);
  else log.success(`all good${warned ? ` (${warned} warning${warned === 1 ? "" : "s"})` : ""}`);
  return failed > 0 ? 1 : 0;
}
