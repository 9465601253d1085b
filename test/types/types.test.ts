// The author-facing types, checked by the TypeScript compiler itself: test/types/tool-input.ts must
// compile, and each of its `@ts-expect-error` lines must be an error.
import { expect, test } from "bun:test";
import { join } from "node:path";

const REPO = join(import.meta.dir, "..", "..");

test("tool_input is typed by the hook's matcher (tsc --noEmit -p test/types)", () => {
  const tsc = Bun.spawnSync([process.execPath, join(REPO, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", join(REPO, "test", "types")], { cwd: REPO, stdout: "pipe", stderr: "pipe" });
  expect(tsc.stdout.toString() + tsc.stderr.toString()).toBe("");
  expect(tsc.exitCode).toBe(0);
}, 120_000);
