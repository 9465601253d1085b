// The host-measured benchmark runs end to end on one session per variant and reads the host's timing
// for every call and the session's start (the figures themselves are only printed, never asserted: bench/HOST-COST.md).
import { expect, test } from "bun:test";
import { runHostCost } from "./host-cost.ts";

test("host-cost: every variant yields one round trip per Bash call and, with a hook, the host's hook duration", async () => {
  const lines: string[] = [];
  const { variants, report } = await runHostCost({ sessions: 1, turns: 2, warmup: 0, out: "", log: (l) => lines.push(l) });
  expect(variants.map((v) => v.name)).toEqual([
    "no hook",
    "C hook (bench/noop.c, cc -O2)",
    "hookkit hook, compiled, plugin bundle (generated hooks.json)",
    "hookkit mod (in-process; compiled twin loaded and refused)",
    "bare mod (one classic.PreToolUse hook that only calls next: the host's floor)",
    // The Node variant needs node on PATH (a machine with only Bun runs the other three).
    ...(Bun.which("node") ? [expect.stringMatching(/^Node hook/)] : []),
  ]);
  for (const [i, v] of variants.entries()) {
    expect([v.name, v.broken, v.spans.length]).toEqual([v.name, 0, 2]);
    expect(v.hookMs).toHaveLength(i === 0 ? 0 : 2);
    expect(v.startMs).toHaveLength(1);
    for (const ms of [...v.spans, ...v.hookMs, ...v.startMs]) expect(ms).toBeGreaterThanOrEqual(0);
  }
  expect(report).toContain("| no hook | 2 |");
}, 120_000);
