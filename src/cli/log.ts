// Human output for the CLI. Everything goes to stderr through console.error so stdout stays free for
// machine output (`--json`, `schema`, diffs). `consola/core` has no default instance and no stdio
// streams; the main `consola` entry routes info to stdout and is dear at start-up (docs/startup-costs.md).
import { relative, sep } from "node:path";
import { createConsola, type LogObject } from "consola/core";

const env = process.env;
/** Colours only when a person reads stderr: not piped, not NO_COLOR, not TERM=dumb. */
export const useColor =
  !env.NO_COLOR && env.TERM !== "dumb" && (Boolean(env.FORCE_COLOR) || Boolean(process.stderr.isTTY));

const paint = (code: number) => (text: string) => (useColor ? `\u001B[${code}m${text}\u001B[39m` : text);
export const red = paint(31);
export const green = paint(32);
export const yellow = paint(33);
export const cyan = paint(36);
export const gray = paint(90);
export const bold = (text: string) => (useColor ? `\u001B[1m${text}\u001B[22m` : text);

const badges: Record<string, string> = {
  fatal: red("✖"),
  error: red("✖"),
  warn: yellow("⚠"),
  success: green("✔"),
  ready: green("✔"),
  start: cyan("◐"),
  info: cyan("ℹ"),
  fail: red("✖"),
};

function report(entry: LogObject): void {
  const text = entry.args.map((a) => (typeof a === "string" ? a : Bun.inspect(a))).join(" ");
  const badge = badges[entry.type];
  console.error(badge ? `${badge} ${text}` : text);
}

export const log = createConsola({
  level: Number(env.HOOKKIT_LOG_LEVEL ?? 3),
  reporters: [{ log: report }],
});

/** A path as a person wants to read it: relative below the cwd, `~/…` below HOME, else absolute. */
export function displayPath(file: string, cwd = process.cwd(), home = env.HOME): string {
  if (file.startsWith(`${cwd}${sep}`)) return relative(cwd, file);
  if (home && file.startsWith(`${home}${sep}`)) return `~${sep}${file.slice(home.length + 1)}`;
  return file;
}

/** build()'s progress sink for people: the stderr logger above, tables laid out by cli/table.ts. */
export async function buildLogger(): Promise<import("../build/build.ts").BuildLogger> {
  const { renderTable } = await import("./table.ts");
  return {
    start: (m) => log.start(m),
    success: (m) => log.success(m),
    info: (m) => log.info(m),
    warn: (m) => log.warn(m),
    log: (m) => log.log(m),
    table: (header, rows) => log.log(`\n${renderTable(header, rows, 0)}`),
  };
}
