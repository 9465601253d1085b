#!/usr/bin/env bun
// Multi-call entry: `hookkit <hook-name>` runs that hook, anything else is the CLI. The hook path
// decides on argv[2] before importing anything heavy; citty, consola and TypeBox's Value are only
// ever loaded behind the CLI branch (docs/design.md, "Hot path first").
import { hooks } from "./hooks/index.ts";

const name = process.argv[2];
const load = name !== undefined ? hooks[name] : undefined;
if (load) {
  const [{ runHookMain }, mod] = await Promise.all([import("./hosts/main.ts"), load()]);
  await runHookMain(mod.default, process.argv.slice(3));
} else {
  const { runCli } = await import("./cli/index.ts");
  process.exitCode = await runCli(process.argv.slice(2));
}
