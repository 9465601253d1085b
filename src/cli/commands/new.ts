// `hookkit new <name> --event <Event>`: a typed hook, a passing test beside it, and its registry line.
import { defineCommand } from "citty";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { atomicWrite } from "../../kit/files.ts";
import { HOOK_EVENTS, isHookEventName } from "../../protocol/index.ts";
import { NO_MATCHER } from "../../protocol/config.ts";
import { CliError, closest } from "../errors.ts";
import { cyan, log } from "../log.ts";
import { freshRegistry, hookSource, registerHook, testSource } from "../scaffold.ts";

const NAME = /^[a-z][a-z0-9-]{0,63}$/; // the same rule defineHook enforces

export default defineCommand({
  meta: { name: "new", description: "Scaffold a hook (typed handler + passing test) and register it" },
  args: {
    name: { type: "positional", description: "kebab-case hook name, e.g. block-rm-rf", required: true },
    event: { type: "string", description: "Hook event, e.g. PreToolUse, SessionStart", required: true, valueHint: "Event" },
    matcher: { type: "string", description: 'hooks.json matcher, e.g. "Bash" or "Edit|Write"' },
    root: { type: "string", description: "Project root holding src/hooks (default: this directory)", valueHint: "dir" },
  },
  run({ args }) {
    const root = resolve(args.root ?? process.cwd());
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
    const registryFile = join(dir, "index.ts");
    for (const file of [hookFile, testFile])
      if (existsSync(file)) throw new CliError(`${relative(root, file)} already exists; pick another name or edit that file`);

    const inHookkit = readPackageName(root) === "hookkit";
    const runtime = inHookkit ? "../index.ts" : "hookkit";
    const testing = inHookkit ? "../testing/index.ts" : "hookkit/testing";
    let registry: string;
    if (existsSync(registryFile)) {
      const current = readFileSync(registryFile, "utf8");
      if (current.includes(`${JSON.stringify(name)}:`)) throw new CliError(`"${name}" is already registered in ${relative(root, registryFile)}; pick another name`);
      const updated = registerHook(current, name);
      if (!updated)
        throw new CliError(`cannot find \`export const hooks = { ... }\` in ${relative(root, registryFile)}; add  "${name}": () => import("./${name}.ts"),  to it by hand`);
      registry = updated;
    } else registry = freshRegistry(name, runtime);

    const options = { name, event: args.event, matcher: args.matcher, runtime, testing };
    atomicWrite(hookFile, hookSource(options));
    atomicWrite(testFile, testSource(options));
    atomicWrite(registryFile, registry);
    for (const file of [hookFile, testFile]) log.success(`created ${relative(root, file)}`);
    log.success(`registered "${name}" in ${relative(root, registryFile)}`);
    log.info(
      [
        "next:",
        `  ${cyan(`bun test ${relative(root, testFile)}`)}   the test passes as written`,
        `  ${cyan(`hookkit run ${name}`)}   run it on a sample ${args.event} event`,
        `  ${cyan("hookkit build --target host")} then ${cyan("hookkit doctor")}`,
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
