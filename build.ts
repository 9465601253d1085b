// `bun run build.ts [--target host] ...`: builds dist/bin/, dist/manifest.json and dist/plugin/. See src/build/.
import { build, BUILD_USAGE, parseBuildArgs } from "./src/build/index.ts";
import { buildLogger } from "./src/cli/log.ts";
import { describeError } from "./src/base/errors.ts";

try {
  const options = parseBuildArgs(process.argv.slice(2));
  if (options.help) console.error(BUILD_USAGE);
  else await build({ ...options, logger: await buildLogger() });
} catch (error) {
  console.error(`build failed: ${describeError(error)}`);
  process.exitCode = 1;
}
