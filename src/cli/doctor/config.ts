// Static checks of a hooks.json or settings file against what Claude Code accepts (docs/protocol/claude-code.md).
// Each finding says what the host will do with the entry and how to fix it.
import { closest } from "../errors.ts";
import { EVENTS, FILE_CRITICAL, handlerTypes, NARROW_MATCHER, NO_MATCHER, TOOL_EVENTS } from "../../protocol/config.ts";
import { describeError } from "../../base/errors.ts";

export type Status = "ok" | "warn" | "fail" | "skip";
/** One finding; `file` groups findings in the report, `subject` says where in it. */
export type Check = { status: Status; file?: string; subject: string; detail: string; fix?: string };
export type Source = { file: string; kind: "plugin" | "settings"; pluginRoot?: string; /** plugin.json's name */ pluginName?: string };
export type CommandEntry = {
  source: Source;
  event: string;
  matcher?: string;
  handler: { command: string; args?: string[]; shell?: string; timeout?: number; async?: boolean };
  where: string;
  /** The hook this entry runs, when its command is a plugin launcher (`…/bin/<bin> <hook>`): rows are named by it. */
  hook?: string;
};

/** `"${CLAUDE_PLUGIN_ROOT}/bin/x" guard` or exec form `…/bin/x` + ["guard"] runs the hook "guard". */
export function hookOf(handler: CommandEntry["handler"]): string | undefined {
  const last = handler.args !== undefined ? handler.args.at(-1) : handler.command.trim().split(/\s+/).at(-1);
  return /\/bin\//.test(handler.command) && last && /^[a-z][a-z0-9-]{0,63}$/.test(last) ? last : undefined;
}

/** How a report row names an entry: by its hook when known, else by where it sits in the file. */
export const entryName = (entry: CommandEntry) => (entry.hook ? `${entry.hook} (${entry.where})` : entry.where);

const KNOWN_TOOLS = [
  "Bash", "PowerShell", "Edit", "MultiEdit", "Write", "Read", "Glob", "Grep", "Agent", "Task", "WebFetch", "WebSearch",
  "AskUserQuestion", "ExitPlanMode", "NotebookEdit", "TodoWrite", "Skill", "SlashCommand",
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const EXACT = /^[A-Za-z0-9_\- ,|]*$/;

export function checkConfig(text: string, source: Source): { checks: Check[]; commands: CommandEntry[] } {
  const checks: Check[] = [];
  const commands: CommandEntry[] = [];
  const name = source.file;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    checks.push({
      status: "fail",
      file: name, subject: "file",
      detail: `not valid JSON (${describeError(error)}): Claude Code ignores every hook in this file`,
      fix: "correct the syntax; JSON allows no comments and no trailing commas",
    });
    return { checks, commands };
  }
  if (!isObject(parsed)) {
    checks.push({ status: "fail", file: name, subject: "file", detail: "the file is not a JSON object; Claude Code ignores it", fix: 'make it an object: { "hooks": { ... } }' });
    return { checks, commands };
  }
  if (parsed.hooks === undefined) {
    checks.push({
      status: source.kind === "plugin" ? "fail" : "ok",
      file: name, subject: "file",
      detail: source.kind === "plugin" ? 'no "hooks" key: this plugin runs no hooks' : "no hooks configured here",
      fix: source.kind === "plugin" ? "rebuild the plugin (`hookkit build`)" : undefined,
    });
    return { checks, commands };
  }
  if (!isObject(parsed.hooks)) {
    checks.push({ status: "fail", file: name, subject: "file", detail: '"hooks" is not an object; Claude Code ignores it', fix: 'use { "hooks": { "<Event>": [ ... ] } }' });
    return { checks, commands };
  }
  if (parsed.disableAllHooks === true)
    checks.push({ status: "warn", file: name, subject: "file", detail: "disableAllHooks is true: no hook from any settings file runs", fix: "remove disableAllHooks or set it to false" });

  const before = checks.length;
  for (const [event, groups] of Object.entries(parsed.hooks)) {
    if (!EVENTS.includes(event)) {
      const guess = closest(event, [...EVENTS]);
      checks.push({
        status: "fail",
        file: name, subject: event,
        detail: `unknown event "${event}": Claude Code drops it and its hooks never run`,
        fix: guess ? `rename it to "${guess}"` : `use one of: ${EVENTS.join(", ")}`,
      });
      continue;
    }
    if (!Array.isArray(groups)) {
      checks.push({ status: "fail", file: name, subject: event, detail: `"${event}" is not an array: Claude Code drops the whole event`, fix: `write "${event}": [ { "matcher": "…", "hooks": [ … ] } ]` });
      continue;
    }
    for (const [i, group] of groups.entries()) checkGroup(event, group, `${event}[${i}]`, source, checks, commands);
  }
  if (checks.length === before) {
    const count = Object.values(parsed.hooks).reduce<number>((n, g) => n + (Array.isArray(g) ? g.length : 0), 0);
    checks.push({ status: "ok", file: name, subject: "file", detail: `${count} hook entr${count === 1 ? "y" : "ies"} valid` });
  }
  return { checks, commands };
}

function invalid(event: string, file: string, subject: string, detail: string, fix: string): Check {
  const effect = FILE_CRITICAL.has(event)
    ? `; a broken ${event} entry makes Claude Code disable EVERY hook in this file`
    : "; Claude Code drops this entry";
  return { status: "fail", file, subject, detail: detail + effect, fix };
}

function checkGroup(event: string, group: unknown, where: string, source: Source, checks: Check[], commands: CommandEntry[]): void {
  const subject = where;
  const file = source.file;
  if (!isObject(group)) {
    checks.push(invalid(event, file, subject, "the entry is not an object", 'write { "matcher": "…", "hooks": [ … ] }'));
    return;
  }
  const matcher = group.matcher;
  if (matcher !== undefined && typeof matcher !== "string") {
    checks.push(invalid(event, file, subject, "matcher is not a string", 'write the matcher as a string, e.g. "Bash|Edit"'));
    return;
  }
  if (typeof matcher === "string") checks.push(...checkMatcher(event, matcher, subject).map((c) => ({ ...c, file })));
  if (!Array.isArray(group.hooks)) {
    checks.push(invalid(event, file, subject, '"hooks" is missing or not an array', 'add "hooks": [ { "type": "command", "command": "…" } ]'));
    return;
  }
  if (group.hooks.length === 0) checks.push({ status: "warn", file, subject, detail: "no handlers in this entry; it does nothing", fix: "add a handler or remove the entry" });
  for (const [j, handler] of group.hooks.entries()) {
    const problem = handlerProblem(event, handler);
    const at = `${subject}.hooks[${j}]`;
    if (problem) {
      checks.push(invalid(event, file, at, problem.detail, problem.fix));
      continue;
    }
    const h = handler as Record<string, unknown>;
    if (h.if !== undefined && !TOOL_EVENTS.has(event))
      checks.push({ status: "fail", file, subject: at, detail: `"if" is only evaluated on tool events; on ${event} this handler never runs`, fix: 'remove "if" or move the hook to a tool event' });
    if (h.type === "command") {
      if (typeof h.command === "string" && h.args === undefined && h.command.includes("${user_config."))
        checks.push({ status: "fail", file, subject: at, detail: "${user_config.…} in shell form fails since Claude Code 2.1.207", fix: 'use exec form ("args": [...]) or the CLAUDE_PLUGIN_OPTION_<KEY> variable' });
      if (source.kind === "settings" && /\$\{?CLAUDE_PLUGIN_(ROOT|DATA)\b/.test(JSON.stringify([h.command, h.args])))
        checks.push({ status: "fail", file, subject: at, detail: "settings-file hooks get no CLAUDE_PLUGIN_ROOT/DATA, so this path is empty", fix: "use an absolute path (`hookkit install` writes one)" });
      const handlerFields = h as CommandEntry["handler"];
      commands.push({ source, event, matcher, handler: handlerFields, where, hook: hookOf(handlerFields) });
    }
  }
}

function checkMatcher(event: string, matcher: string, subject: string): Check[] {
  if (matcher === "" || matcher === "*") return [];
  if (NO_MATCHER.has(event))
    return [{ status: "warn", subject, detail: `${event} has no matcher support; "${matcher}" is ignored and the hook fires every time`, fix: "remove the matcher, or filter inside the hook" }];
  if (NARROW_MATCHER.has(event) && !/^[A-Za-z0-9_|]*$/.test(matcher))
    return [{ status: "warn", subject, detail: `${event} matchers are exact names ([A-Za-z0-9_|]); "${matcher}" is compared literally`, fix: "list exact names separated by |" }];
  const out: Check[] = [];
  const words = matcher.split(/[|,]/).map((n) => n.trim()).filter((n) => /^[A-Za-z0-9_-]+$/.test(n));
  for (const name of words) {
    const known = TOOL_EVENTS.has(event) ? KNOWN_TOOLS.find((t) => t.toLowerCase() === name.toLowerCase()) : undefined;
    if (known && known !== name)
      out.push({ status: "warn", subject, detail: `tool names are case-sensitive: "${name}" never matches ${known}`, fix: `write "${known}"` });
    if (name.startsWith("mcp__") && !name.slice(5).includes("__"))
      out.push({ status: "warn", subject, detail: `"${name}" names a server, not a tool, and matches nothing`, fix: `write "${name}__.*" for every tool of that server` });
  }
  if (EXACT.test(matcher)) return out;
  let regex: RegExp;
  try {
    regex = new RegExp(matcher);
  } catch (error) {
    return [{ status: "fail", subject, detail: `matcher is not a valid regular expression (${describeError(error)}); the hook never runs`, fix: "fix the regex, or use exact names separated by |" }];
  }
  if (TOOL_EVENTS.has(event)) {
    const matched = KNOWN_TOOLS.filter((t) => regex.test(t));
    const named = KNOWN_TOOLS.filter((t) => new RegExp(`(^|[^A-Za-z])${t}([^A-Za-z]|$)`).test(matcher));
    const surprise = matched.filter((t) => !named.includes(t) && named.some((n) => t.includes(n)));
    if (surprise.length > 0)
      out.push({ status: "warn", subject, detail: `the matcher is an unanchored regex and also matches ${surprise.join(", ")}`, fix: `anchor it: "^(${named.join("|")})$"` });
  }
  return out;
}

function handlerProblem(event: string, handler: unknown): { detail: string; fix: string } | undefined {
  if (!isObject(handler)) return { detail: "the handler is not an object", fix: 'write { "type": "command", "command": "…" }' };
  const type = handler.type;
  if (typeof type !== "string" || !["command", "prompt", "agent", "http", "mcp_tool"].includes(type))
    return { detail: `unknown handler type ${JSON.stringify(type)}`, fix: 'use "type": "command" (or prompt, agent, http, mcp_tool)' };
  if (!handlerTypes(event).includes(type))
    return { detail: `${event} does not run "${type}" handlers`, fix: `use one of: ${handlerTypes(event).join(", ")}` };
  if (handler.timeout !== undefined && !(typeof handler.timeout === "number" && handler.timeout > 0 && Number.isFinite(handler.timeout)))
    return { detail: `timeout ${JSON.stringify(handler.timeout)} is not a positive number of seconds`, fix: "set a positive timeout in seconds, or remove it" };
  const needs: Record<string, string[]> = { command: ["command"], prompt: ["prompt"], agent: ["prompt"], http: ["url"], mcp_tool: ["server", "tool"] };
  for (const field of needs[type] ?? [])
    if (typeof handler[field] !== "string" || handler[field] === "")
      return { detail: `a "${type}" handler needs a non-empty "${field}" string`, fix: `add "${field}"` };
  if (handler.args !== undefined && !(Array.isArray(handler.args) && handler.args.every((a) => typeof a === "string")))
    return { detail: '"args" must be an array of strings', fix: 'write "args": ["…"]' };
  if (handler.shell !== undefined && handler.shell !== "bash" && handler.shell !== "powershell")
    return { detail: `shell ${JSON.stringify(handler.shell)} is not "bash" or "powershell"`, fix: 'use "bash" or "powershell", or remove it' };
  for (const flag of ["async", "asyncRewake", "once"])
    if (handler[flag] !== undefined && typeof handler[flag] !== "boolean") return { detail: `"${flag}" must be true or false`, fix: `write "${flag}": true` };
  return undefined;
}
