// The type-level promises (test/types/*.ts): tsc must accept every right use and meet an error at
// every `@ts-expect-error`. An answer that starts compiling where it should not fails this test.
import { expect, test } from "bun:test";
import { join } from "node:path";

const REPO = join(import.meta.dir, "..", "..");

test("the answer and input types reject wrong events and misspelled fields", () => {
  const files = [...new Bun.Glob("*.ts").scanSync({ cwd: import.meta.dir })].filter((f) => !f.endsWith(".test.ts")).map((f) => join(import.meta.dir, f));
  expect(files.length).toBeGreaterThan(0);
  const tsc = join(REPO, "node_modules", "typescript", "bin", "tsc");
  const run = Bun.spawnSync([process.execPath, tsc, "--noEmit", "--strict", "--target", "esnext", "--module", "esnext", "--moduleResolution", "bundler", "--allowImportingTsExtensions", "--skipLibCheck", "--types", "bun-types", ...files], { cwd: REPO });
  const out = `${run.stdout}${run.stderr}`;
  expect(out).toBe("");
  expect(run.exitCode).toBe(0);
}, 120_000);
