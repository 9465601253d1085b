import { describe, expect, test } from "bun:test";
import { hookPlaces } from "./state.ts";

describe("hookPlaces: where a hook keeps state and its error log", () => {
  const env = { HOOKKIT_STATE_DIR: "/s", HOME: "/h" };

  test("by default: <hookkit state root>/<name>, errors.log there, tagged with the name, confined to the root", () => {
    expect(hookPlaces({ name: "probe" }, env)).toEqual({
      stateRoot: "/s",
      stateDir: "/s/probe",
      errorLog: { file: "/s/probe/errors.log", tag: "probe" },
      errorLogRoot: "/s",
    });
  });

  test("a hook's own stateDir is both its folder and its root", () => {
    expect(hookPlaces({ name: "probe", stateDir: (e) => `${e.HOME}/.probe` }, env)).toEqual({
      stateRoot: "/h/.probe",
      stateDir: "/h/.probe",
      errorLog: { file: "/h/.probe/errors.log", tag: "probe" },
      errorLogRoot: "/h/.probe",
    });
  });

  test("a hook's own error log is confined to its folder", () => {
    const places = hookPlaces({ name: "qp", errorLog: () => ({ file: "/g/hook-errors.log", tag: "qp-hook" }) }, env);
    expect(places.errorLog).toEqual({ file: "/g/hook-errors.log", tag: "qp-hook" });
    expect(places.errorLogRoot).toBe("/g");
    expect(places.stateDir).toBe("/s/qp");
  });

  test("a hook's own error log that cannot be named (it throws) falls back to the default place, not a crash", () => {
    const places = hookPlaces({ name: "qp", errorLog: () => { throw new Error("no HOME"); } }, env);
    expect(places.errorLog).toEqual({ file: "/s/qp/errors.log", tag: "qp" });
    expect(places.errorLogRoot).toBe("/s");
  });
});
