import { describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { activeCooldown, clearCooldown, rememberFailure } from "./cooldown.ts";
import { noticeMarker, takeNotice } from "./notice.ts";
import { acquireSentinel, checkSentinel, releaseSentinel, SENTINEL_STALE_MS } from "./sentinel.ts";

const dir = () => mkdtempSync(join(tmpdir(), "hookkit-sentinel-"));

describe("sentinel", () => {
  test("O_EXCL: only the first acquire wins; release removes it", () => {
    const path = join(dir(), "agent-sdk-venv.building");
    expect(acquireSentinel(path)).toBe(true);
    expect(acquireSentinel(path)).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(`${process.pid} ${hostname()}\n`);
    releaseSentinel(path);
    expect(existsSync(path)).toBe(false);
  });

  test("fresh (empty, like the Python original's) is busy; older than 300 s is stale and removed", () => {
    const path = join(dir(), "s.building");
    writeFileSync(path, "");
    const now = Date.now();
    expect(checkSentinel(path, now)).toBe("busy");
    const old = (now - SENTINEL_STALE_MS - 1000) / 1000;
    utimesSync(path, old, old);
    expect(checkSentinel(path, now)).toBe("clear");
    expect(existsSync(path)).toBe(false);
    expect(checkSentinel(path, now)).toBe("clear");
  });

  test("a fresh sentinel whose builder on this host is dead is stale at once", () => {
    const path = join(dir(), "s.building");
    const dead = Bun.spawnSync(["true"]).pid; // exited and reaped
    writeFileSync(path, `${dead} ${hostname()}\n`);
    expect(checkSentinel(path, Date.now())).toBe("clear");
    // Alive builder, or another host's builder: trust the age rule.
    writeFileSync(path, `${process.ppid} ${hostname()}\n`);
    expect(checkSentinel(path, Date.now())).toBe("busy");
    writeFileSync(path, `${dead} some-other-host\n`);
    expect(checkSentinel(path, Date.now())).toBe("busy");
  });

  test("acquire in a missing folder throws (the caller reports phase pre)", () => {
    expect(() => acquireSentinel(join(dir(), "missing", "s.building"))).toThrow();
  });
});

describe("cooldown", () => {
  test("remembered within the window for the same plugin version only", () => {
    const path = join(dir(), "v.cooldown");
    const at = 1_000_000;
    const failure = { at, pv: 20000, package: "pkg", phase: "pip", kind: "pip_no_match" };
    rememberFailure(path, failure);
    expect(activeCooldown(path, at + 1000, 600_000, 20000, "pkg")).toEqual(failure);
    expect(activeCooldown(path, at + 600_000, 600_000, 20000, "pkg")).toBeUndefined();
    expect(activeCooldown(path, at + 1000, 600_000, 20001, "pkg")).toBeUndefined();
    expect(activeCooldown(path, at + 1000, 600_000, 20000, "other-pkg")).toBeUndefined();
    expect(activeCooldown(path, at + 1000, 0, 20000, "pkg")).toBeUndefined();
    clearCooldown(path);
    expect(activeCooldown(path, at + 1000, 600_000, 20000, "pkg")).toBeUndefined();
  });

  test("garbage is ignored; an unwritable place is not an error", () => {
    const path = join(dir(), "v.cooldown");
    writeFileSync(path, "{not json");
    expect(activeCooldown(path, 0, 1000, 0, "pkg")).toBeUndefined();
    expect(() => rememberFailure("/proc/hookkit-nope/v.cooldown", { at: 0, pv: 0, package: "pkg", phase: "pre", kind: "x" })).not.toThrow();
  });
});

describe("one-time notice", () => {
  test("shown once per plugin version; the marker says when and which Python", () => {
    const state = dir();
    const now = new Date("2026-11-21T10:00:00.123Z");
    const m1 = noticeMarker(state, "agent-sdk-venv", 20000);
    expect(takeNotice(m1, "text", now, "3.9")).toBe("text");
    expect(takeNotice(m1, "text", now, "3.9")).toBeUndefined();
    expect(readFileSync(m1, "utf8")).toBe("2026-11-21T10:00:00Z py=3.9\n");
    expect(takeNotice(noticeMarker(state, "agent-sdk-venv", 20001), "text", now, "3.9")).toBe("text");
  });

  test("a dangling symlink at the marker's name is not written through", () => {
    const state = dir();
    const outside = join(dir(), "victim");
    const marker = noticeMarker(state, "v", 1);
    symlinkSync(outside, marker);
    expect(takeNotice(marker, "text", new Date(), "3.9")).toBeUndefined();
    expect(existsSync(outside)).toBe(false);
  });

  test("a marker that cannot be written means no notice (never a notice every session)", () => {
    const file = join(dir(), "file");
    writeFileSync(file, "");
    expect(takeNotice(noticeMarker(join(file, "sub"), "v", 1), "text", new Date(), "3.9")).toBeUndefined();
  });
});
