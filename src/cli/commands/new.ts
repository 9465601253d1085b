// `hookkit new <name> --event <Event>`: a typed hook, a passing test beside it, and its line in package.json "hookkit.hooks".
import { defineCommand } from "citty";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { atomicWrite } from "../../kit/files.ts";
import { HOOK_EVENTS, isHookEventName } from "../../protocol/index.ts";
import { NO_MATCHER } from "../../protocol/config.ts";
import { HOOK_NAME } from "../../project/config.ts";
import { CliError, closest } from "../errors.ts";
import { cyan, log } from "../log.ts";
import { hookSource, testSource } from "../scaffold.ts";
import { currentProject } from "../hooks.ts";
import { addHookToConfig } from "../../project/config.ts";

const NAME = HOOK_NAME;

export default defineCommand({
  meta: { name: "new", description: "Scaffold a hook (typed handler + passing test) and add it to the project" },
  args: {
    name: { type: "positional", description: "kebab-case hook name, e.g. block-rm-rf", required: true },
    event: { type: "string", description: "Hook event, e.g. PreToolUse, SessionStart", required: true, valueHint: "Event" },
    matcher: { type: "string", description: 'hooks.json matcher, e.g. "Bash" or "Edit|Write"' },
    root: { type: "string", description: "Project folder (default: the hookkit project at or above this directory)", valueHint: "dir" },
  },
  run({ args }) {
    const project = currentProject(resolve(args.root ?? process.cwd()));
    const root = project.root;
    const name = args.name;
    if (!NAME.test(name)) throw new CliError(`"${name}" is not a valid hook name: use kebab-case (a-z, 0-9, -), starting with a letter, e.g. block-rm-rf`);
    if (!isHookEventName(args.event)) {
      const guess = closest(args.event, [...HOOK_EVENTS]);
      throw new CliError(`unknown event "${args.event}"${guess ? `; did you mean ${guess}?` : ""} Events: ${HOOK_EVENTS.join(", ")}`);
    }
    if (args.matcher && NO_MATCHER.has(args.event)) log.warn(`${args.event} ignores matchers; the hook will fire on every ${args.event}`);

    const dir = join(root, "src", "hooks");
    const hookFile = join(dir, `${name}.ts`);
    const testFile = join(dir, `${name}.test.ts`);
    for (const file of [hookFile, testFile])
      if (existsSync(file)) throw new CliError(`${relative(root, file)} already exists; pick another name or edit that file`);
    if (Object.hasOwn(project.hooks, name)) throw new CliError(`"${name}" is already a hook of ${project.name} (package.json "hookkit.hooks"); pick another name`);

    const inHookkit = readPackageName(root) === "hookkit";
    const runtime = inHookkit ? "../index.ts" : "hookkit";
    const testing = inHookkit ? "../testing/index.ts" : "hookkit/testing";
    const options = { name, event: args.event, matcher: args.matcher, runtime, testing };
    atomicWrite(hookFile, hookSource(options));
    atomicWrite(testFile, testSource(options));
    addHookToConfig(root, name, relative(root, hookFile).split("\\").join("/"));
    for (const file of [hookFile, testFile]) log.success(`created ${relative(root, file)}`);
    log.success(`added "${name}" to package.json "hookkit.hooks"`);
    log.info(
      [
        "next:",
        `  ${cyan("npm test")}   its test passes as written`,
        `  ${cyan(`hookkit run ${name}`)}   run it on a sample ${args.event} event`,
        `  ${cyan("npx hookkit build --target host")} then ${cyan("npx hookkit doctor")}`,
      ].join("\n"),
    );
    return 0;
  },
});

function readPackageName(root: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
