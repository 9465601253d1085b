import { describe, expect, test } from "bun:test";
import { runProcess } from "./subprocess.ts";

describe("runProcess", () => {
  test("captures stdout, stderr and the exit code", async () => {
    const r = await runProcess(["sh", "-c", "echo out; echo err >&2; exit 3"], { timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: false, exitCode: 3, timedOut: false, stdout: "out\n", stderr: "err\n" });
    expect(r.spawnError).toBeUndefined();
  });

  test("a command that cannot start is a result, not a throw", async () => {
    const r = await runProcess(["/nonexistent/definitely-not-here"], { timeoutMs: 1000 });
    expect(r.ok).toBe(false);
    expect(r.spawnError).toBe("ENOENT");
    expect(r.exitCode).toBeNull();
  });

  test("kills the child and its children at the timeout", async () => {
    const marker = `/tmp/hookkit-subprocess-${process.pid}-${Date.now()}`;
    // The grandchild would create the marker after 1.5 s if it survived the kill.
    const r = await runProcess(["sh", "-c", `(sleep 1.5; touch ${marker}) & sleep 30`], { timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.ms).toBeLessThan(5000);
    await Bun.sleep(1800);
    expect(await Bun.file(marker).exists()).toBe(false);
  });

  test("passes env and cwd", async () => {
    const r = await runProcess(["sh", "-c", 'echo "$HOOKKIT_X $(pwd)"'], { timeoutMs: 5000, env: { PATH: process.env.PATH, HOOKKIT_X: "yes" }, cwd: "/tmp" });
    expect(r.stdout.trim()).toBe("yes /tmp");
  });
});
