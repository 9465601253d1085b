import { expect, test } from "bun:test";
import { spawnHook } from "./spawn.ts";

test("a timeout kills the whole process group, grandchildren holding the pipes included", async () => {
  const started = performance.now();
  const run = await spawnHook(["sh", "-c", "sleep 20 & sleep 20; echo never"], "", { timeoutMs: 300 });
  expect(run.timedOut).toBe(true);
  expect(run.stdout).toBe("");
  expect(performance.now() - started).toBeLessThan(10_000);
});

test("stdin is piped in and stdout parsed", async () => {
  const run = await spawnHook(["sh", "-c", "cat"], { a: 1 });
  expect(run.exitCode).toBe(0);
  expect(run.output).toEqual({ a: 1 });
  expect(run.lines).toHaveLength(1);
});
