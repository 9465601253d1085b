// Command dispatch. citty parses each command's args (`runCommand`, never `runMain`: runMain prints
// usage to stdout and calls process.exit); we resolve the command ourselves so a
// command's return value becomes the exit code and every error is one readable line on stderr.
import { renderUsage, runCommand, type CommandDef } from "citty";
import pkg from "../../package.json" with { type: "json" };
import { CliError, closest } from "./errors.ts";
import { hookNames, loadAllHooks, maybeProject } from "./hooks.ts";
import { bold, cyan, gray, log } from "./log.ts";
import { describeError } from "../base/errors.ts";

type Entry = { description: string; load: () => Promise<CommandDef<any>> };

const command = (description: string, load: () => Promise<{ default: CommandDef<any> }>): Entry => ({
  description,
  load: async () => (await load()).default,
});

export const commands: Record<string, Entry> = {
  init: command("Create a plugin project: package.json, config, a sample hook and its tests", () => import("./commands/init.ts")),
  new: command("Scaffold a hook (typed handler + passing test) and add it to the project", () => import("./commands/new.ts")),
  run: command("Run a hook on a given or synthesized event and show its answer", () => import("./commands/run.ts")),
  test: command("Run the project's tests, then replay its recorded fixtures", () => import("./commands/test.ts")),
  doctor: command("Check hooks.json / settings, commands, binary, live answers and state dirs", () => import("./commands/doctor.ts")),
  install: command("Merge a plugin's hook entries into a Claude Code settings file", () => import("./commands/install.ts").then((m) => ({ default: m.install }))),
  uninstall: command("Remove the entries hookkit installed from a settings file", () => import("./commands/install.ts").then((m) => ({ default: m.uninstall }))),
  schema: command("Print or write JSON Schema files for every hook input and output", () => import("./commands/schema.ts")),
  build: command("Compile the multi-call binaries and the plugin bundle", () => import("./commands/build.ts")),
  release: command("Make gzip assets, a manifest and a thin plugin that fetches its binary on first use", () => import("./commands/release.ts")),
  fetch: command("Install a thin plugin's binary, verified against its manifest (--from <asset> when offline)", () => import("./commands/fetch.ts")),
  bench: command("Time each of the project's hooks as its compiled binary answers a sample event", () => import("./commands/bench.ts")),
};

const isHelp = (arg: string) => arg === "--help" || arg === "-h";

/** Runs the CLI with `argv` (process.argv.slice(2)) and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      console.error(await rootHelp());
      log.error("no command given; pick one of the commands above, or a hook name to run a hook on stdin");
      return 1;
    }
    if (isHelp(name) || name === "help") {
      const topic = rest[0] && commands[rest[0]] ? rest[0] : undefined;
      console.log(topic ? await commandHelp(topic) : await rootHelp());
      return 0;
    }
    if (name === "--version" || name === "-v") {
      console.log(pkg.version);
      return 0;
    }
    const entry = commands[name];
    if (!entry) {
      const guess = closest(name, [...Object.keys(commands), ...hookNames()]);
      throw new CliError(`unknown command "${name}"${guess ? `; did you mean "${guess}"?` : ""} Run \`hookkit --help\` for the commands and hooks`);
    }
    if (rest.some(isHelp)) {
      console.log(await commandHelp(name));
      return 0;
    }
    const cmd = await entry.load();
    await rejectUnknownOptions(name, cmd, rest);
    const { result } = await runCommand(cmd, { rawArgs: rest });
    return typeof result === "number" ? result : 0;
  } catch (error) {
    return report(error, name);
  }
}

function report(error: unknown, name: string | undefined): number {
  if (error instanceof CliError) {
    log.error(error.message);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === "CLIError") {
    // citty's own argument errors (missing positional, bad enum value)
    log.error(`${error.message.replace(/\u001B\[[0-9;]*m/g, "")}; see \`hookkit ${name ?? ""} --help\``);
    return 1;
  }
  log.error(`hookkit ${name ?? ""} failed unexpectedly: ${describeError(error)}`);
  if (error instanceof Error && error.stack) console.error(gray(error.stack));
  console.error("This is a bug in hookkit; please report it with the command you ran.");
  return 1;
}

/** citty accepts unknown flags silently; a typo like --dryrun must not turn a dry run into a real one. */
async function rejectUnknownOptions(name: string, cmd: CommandDef<any>, rawArgs: string[]): Promise<void> {
  const defs = (typeof cmd.args === "function" ? await cmd.args() : await cmd.args) ?? {};
  const known = new Set<string>();
  for (const [arg, def] of Object.entries(defs as Record<string, { alias?: string | string[]; type?: string }>)) {
    const kebab = arg.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const n of [arg, kebab, ...[def.alias ?? []].flat()]) {
      known.add(n);
      if (def.type === "boolean") known.add(`no-${n}`);
    }
  }
  for (const raw of rawArgs) {
    if (raw === "--") break;
    if (!raw.startsWith("-") || raw === "-" || /^-\d/.test(raw)) continue;
    const flag = raw.replace(/^--?/, "").split("=")[0]!;
    if (!known.has(flag)) {
      const guess = closest(flag, [...known]);
      throw new CliError(`unknown option "${raw}" for \`hookkit ${name}\`${guess ? `; did you mean --${guess}?` : ""} See \`hookkit ${name} --help\``);
    }
  }
}

async function commandHelp(name: string): Promise<string> {
  const cmd = await commands[name]!.load();
  const root: CommandDef = { meta: { name: "hookkit", version: pkg.version } };
  return renderUsage({ ...cmd, meta: { name, description: commands[name]!.description, ...(cmd.meta as object) } }, root);
}

async function rootHelp(): Promise<string> {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = [
    `${bold("hookkit")} ${gray(`v${pkg.version}`)} — Claude Code hooks in TypeScript, shipped as standalone binaries`,
    "",
    `${bold("USAGE")}  hookkit <command> [options]      run a command`,
    `       hookkit <hook> [args] < event.json   run a hook (as Claude Code does)`,
    "",
    bold("COMMANDS"),
    ...Object.entries(commands).map(([n, e]) => `  ${cyan(n.padEnd(width))}  ${e.description}`),
    "",
  ];
  let project;
  try {
    project = maybeProject();
  } catch (error) {
    lines.push(bold("HOOKS"), `  (the project's config is broken: ${(error as Error).message})`, "");
    return lines.join("\n");
  }
  if (!project) {
    lines.push(bold("HOOKS"), "  (no hookkit project here: `hookkit init <dir>` makes one)", "", `Run ${cyan("hookkit <command> --help")} for a command's options.`);
    return lines.join("\n");
  }
  lines.push(`${bold("HOOKS")} of ${project.name} v${project.version} ${gray(`(${project.root})`)}`);
  const loaded = await loadAllHooks(project);
  const hookWidth = Math.max(0, ...loaded.map((h) => h.name.length));
  for (const hook of loaded) {
    const what = hook.def
      ? [hook.def.event, hook.def.matcher ? `matcher ${hook.def.matcher}` : "", hook.def.description ?? ""].filter(Boolean).join(" · ")
      : `failed to load: ${hook.error}`;
    lines.push(`  ${cyan(hook.name.padEnd(hookWidth))}  ${what}`);
  }
  if (loaded.length === 0) lines.push("  (none yet; `hookkit new <name> --event <Event>` makes one)");
  lines.push("", `Run ${cyan("hookkit <command> --help")} for a command's options.`);
  return lines.join("\n");
}
