#!/usr/bin/env bun
// Entry from source (`bun run src/main.ts`, and the npm package's launcher, bin/hookkit.mjs): `hookkit
// <hook-name>` runs that hook of the project in the working directory (package.json "hookkit.hooks");
// anything else is the CLI. A built plugin binary has its own entry, generated with the project's hooks
// compiled in (src/build/entry.ts); citty, consola and TypeBox's Value load only behind the CLI branch.
import { findProject } from "./project/config.ts";

const name = process.argv[2];
let load;
try {
  const project = name === undefined || name.startsWith("-") ? undefined : findProject();
  load = project && Object.hasOwn(project.registry, name!) ? project.registry[name!] : undefined;
} catch {
  load = undefined; // a broken config: the CLI below says what is wrong with it
}
if (load) {
  const [{ runHookMain }, mod] = await Promise.all([import("./hosts/main.ts"), load()]);
  await runHookMain(mod.default, process.argv.slice(3));
} else {
  const { runCli } = await import("./cli/index.ts");
  process.exitCode = await runCli(process.argv.slice(2));
}
