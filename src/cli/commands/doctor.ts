// `hookkit doctor`: answers "is my hook even running?", the question hook authors ask most — config validity as Claude Code
// judges it, commands that resolve, the platform binary, a live answer per hook, writable state.
import { defineCommand } from "citty";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkCommand } from "../doctor/commands.ts";
import { checkConfig, type Check, type CommandEntry, type Source } from "../doctor/config.ts";
import { checkAnswer, checkBinary, checkStateDirs } from "../doctor/live.ts";
import { CliError } from "../errors.ts";
import { loadAllHooks } from "../hooks.ts";
import { bold, cyan, displayPath, gray, green, log, red, yellow } from "../log.ts";
import { defaultPluginDir, readPlugin, readText } from "../plugin.ts";
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
    host: { type: "string", description: "Check another agent host's bundle instead: codex, gemini, copilot or cursor (dist/<host>/, or --plugin)", valueHint: "host" },
  },
  async run({ args }) {
    const cwd = process.cwd();
    const env = process.env;
    if (args.host && args.host !== "claude") {
      if (!["codex", "gemini", "copilot", "cursor"].includes(args.host)) throw new CliError(`unknown host "${args.host}" (known: claude, codex, gemini, copilot, cursor)`);
      const { doctorHost } = await import("../../hosts/doctor.ts");
      const dir = resolve(args.plugin ?? join(cwd, "dist", args.host));
      return report(await doctorHost(args.host as OtherHost, dir, { run: args.run, cwd }), Boolean(args.json), cwd);
    }
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
      checks.push({ ...(await checkBinary(source.pluginRoot, env)), file: source.file });
    }
    if (args.run)
      for (const entry of commands) {
        log.start(`running ${entry.where} of ${displayPath(entry.source.file, cwd)} on a sample ${entry.event} event`);
        checks.push(await checkAnswer(entry, env, cwd));
      }
    const hooks = (await loadAllHooks()).flatMap((h) => (h.def ? [h.def] : []));
    checks.push(...checkStateDirs(hooks, env));
    return report(checks, Boolean(args.json), cwd);
  },
});

function findSources(plugin: string | undefined, settings: string | undefined, cwd: string): Source[] {
  const sources: Source[] = [];
  const pluginDir = plugin ?? (settings ? undefined : defaultPluginDir(cwd));
  if (pluginDir) {
    try {
      const p = readPlugin(pluginDir);
      sources.push({ file: p.hooksFile, kind: "plugin", pluginRoot: p.root });
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
