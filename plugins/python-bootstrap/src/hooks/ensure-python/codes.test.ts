// The append-only contract: every name->code ever shipped is pinned in codes.lock.json.
// Changing a code, reusing a retired one, or adding a name without locking it fails here.
import { describe, expect, test } from "bun:test";
import lock from "./codes.lock.json";
import { encodeErr, encodePhase, ERR, OUTCOME, PHASE, RETIRED_OUTCOMES } from "./codes.ts";

const tables = {
  outcome: { ...OUTCOME, ...RETIRED_OUTCOMES } as Record<string, number>,
  phase: PHASE as Record<string, number>,
  err: ERR as Record<string, number>,
};

describe("code tables are append-only", () => {
  for (const [name, table] of Object.entries(tables)) {
    const locked = lock[name as keyof typeof tables] as Record<string, number>;

    test(`${name}: every locked code keeps its name and value`, () => {
      for (const [key, code] of Object.entries(locked)) {
        expect({ key, code: table[key] }).toEqual({ key, code });
      }
    });

    test(`${name}: every code is locked (append new ones to codes.lock.json)`, () => {
      for (const [key, code] of Object.entries(table)) {
        expect({ key, code: locked[key] }).toEqual({ key, code });
      }
    });

    test(`${name}: no code is used twice`, () => {
      const codes = Object.values(table);
      expect(new Set(codes).size).toBe(codes.length);
    });
  }

  test("retired outcomes are never reused by a live outcome", () => {
    const live = new Set(Object.values(OUTCOME) as number[]);
    for (const code of Object.values(RETIRED_OUTCOMES)) expect(live.has(code)).toBe(false);
  });
});

describe("encoding, as the seed", () => {
  test("phases", () => {
    expect([encodePhase("pre"), encodePhase("venv"), encodePhase("pip"), encodePhase("main")]).toEqual([1, 2, 3, 4]);
    expect(encodePhase("hook_py")).toBe(0);
    expect(encodePhase("")).toBe(0);
    expect(encodePhase(" pip ")).toBe(3);
    expect(encodePhase("toString")).toBe(0);
  });

  test("error kinds: the 10 categories, catch-alls to 99, empty to 0", () => {
    const names = Object.keys(ERR).filter((k) => k !== "_uncategorized");
    expect(names.map(encodeErr)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const k of ["exc:OSError", "other:boom", "other", "py_3.9", "no_python", "_uncategorized", "constructor"]) expect(encodeErr(k)).toBe(99);
    expect(encodeErr("")).toBe(0);
    expect(encodeErr(undefined)).toBe(0);
  });
});
