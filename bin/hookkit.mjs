#!/usr/bin/env node
// The `hookkit` command of the npm package. hookkit is Bun code, but an author may have only Node.js and
// npm: this launcher starts the Bun that came with the package (the `bun` dependency), never one from
// PATH, so the version that builds and tests hooks is the one hookkit pins.
//
// npm may skip the `bun` package's postinstall (an install-script policy, --ignore-scripts): its
// bin/bun.exe is then a small placeholder, not the executable. The launcher runs that postinstall
// (node install.js, which takes the binary from the platform package npm already installed) once.
import { spawn, spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
// The placeholder is a few hundred bytes; every real Bun binary is tens of MB.
const REAL_BUN_BYTES = 1_000_000;

function fail(message) {
  process.stderr.write(`hookkit: ${message}\n`);
  process.exit(1);
}

const size = (file) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

function findBun() {
  let pkg;
  try {
    pkg = createRequire(import.meta.url).resolve("bun/package.json");
  } catch {
    fail("the `bun` package (a dependency of hookkit) is not installed; run `npm install` in your project");
  }
  const dir = dirname(pkg);
  const exe = join(dir, "bin", "bun.exe"); // its name on every platform
  if (size(exe) >= REAL_BUN_BYTES) return exe;
  const installed = spawnSync(process.execPath, [join(dir, "install.js")], { cwd: dir, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (size(exe) >= REAL_BUN_BYTES) return exe;
  fail(
    `Bun is not set up in ${dir}: npm skipped its postinstall and running it (node install.js) failed` +
      `${installed.stderr ? `: ${installed.stderr.trim().split("\n").slice(-3).join(" ")}` : ""}. ` +
      "Reinstall with install scripts allowed (`npm install-scripts approve bun`, then `npm rebuild bun`)",
  );
}

const bun = findBun();
const child = spawn(bun, [MAIN, ...process.argv.slice(2)], { stdio: "inherit" });
// The child shares our terminal, so Ctrl-C reaches it directly; forward what is sent to us alone.
for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
process.on("SIGINT", () => {});
child.on("error", (error) => fail(`could not start ${bun}: ${error.message}`));
child.on("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
