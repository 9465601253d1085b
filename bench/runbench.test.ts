// The timing harness itself: it must feed stdin, drain stdout, report exit statuses, and interleave variants.
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "runbench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("runbench: round-robin rows, exit statuses, stdin delivered, env replaced, eviction harmless", () => {
  const bin = join(dir, "runbench");
  expect(Bun.spawnSync(["cc", "-O2", "-o", bin, join(import.meta.dir, "runbench.c")]).exitCode).toBe(0);
  writeFileSync(join(dir, "in.txt"), "hello\n");
  const probe = join(dir, "probe.sh");
  // Exits 0 only when its stdin is the event and its env is exactly the spec's.
  writeFileSync(probe, `#!/bin/sh\nread -r line\n[ "$line" = hello ] && [ "$ONLY" = yes ] && [ -z "$HOME" ] && exit 0\nexit 3\n`);
  const spec = [
    `V probe`, `I ${join(dir, "in.txt")}`, `D ${dir}`, `E ONLY=yes`, `X ${probe}`, `A /bin/sh`, `A ${probe}`,
    `V failing`, `A /bin/sh`, `A -c`, `A exit 7`,
  ].join("\n");
  writeFileSync(join(dir, "spec.txt"), `${spec}\n`);
  const run = Bun.spawnSync([bin, join(dir, "spec.txt"), "1", "3"]);
  expect(run.exitCode).toBe(0);
  const rows = run.stdout.toString().trim().split("\n").map((r) => r.split(" ").map(Number));
  expect(rows.map(([i, , status]) => [i, status])).toEqual([[0, 0], [1, 7], [0, 0], [1, 7], [0, 0], [1, 7]]);
  for (const [, ns] of rows) expect(ns).toBeGreaterThan(0);
});
