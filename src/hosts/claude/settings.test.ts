import { describe, expect, test } from "bun:test";
import { parseSettings, serializeLike, SettingsError, withEntries, withoutEntries } from "./settings.ts";

const group = (command: string, matcher?: string) => ({ ...(matcher ? { matcher } : {}), hooks: [{ type: "command", command }] });

describe("withEntries / withoutEntries", () => {
  const theirs = { model: "opus", hooks: { PreToolUse: [group("guard", "Bash")], Stop: [group("notify")] }, env: {} };

  test("marks our groups, keeps theirs first and untouched, and replaces ours in place on reinstall", () => {
    const once = withEntries(theirs, { PreToolUse: [group("ours-v1", "AskUserQuestion")] }, "demo");
    expect(once.hooks).toEqual({ PreToolUse: [group("guard", "Bash"), { ...group("ours-v1", "AskUserQuestion"), hookkit: "demo" }], Stop: [group("notify")] });
    const other = withEntries(once, { PreToolUse: [group("beta")] }, "beta");
    const twice = withEntries(other, { PreToolUse: [group("ours-v2", "AskUserQuestion")] }, "demo");
    expect((twice.hooks as any).PreToolUse.map((g: any) => g.hooks[0].command)).toEqual(["guard", "ours-v2", "beta"]);
  });

  test("drops our groups from events the new version no longer ships", () => {
    const v1 = withEntries(theirs, { SessionStart: [group("a")], Stop: [group("b")] }, "demo");
    const v2 = withEntries(v1, { SessionStart: [group("a2")] }, "demo");
    expect(v2.hooks).toEqual({ ...theirs.hooks, SessionStart: [{ ...group("a2"), hookkit: "demo" }] });
  });

  test("uninstall restores the exact structure and key order, removing keys only we created", () => {
    const installed = withEntries(theirs, { PreToolUse: [group("x")], SessionStart: [group("y")] }, "demo");
    const removed = withoutEntries(installed, "demo");
    expect(removed).toEqual(theirs);
    expect(Object.keys(removed)).toEqual(Object.keys(theirs));
    expect(withoutEntries(withEntries({ model: "m" }, { Stop: [group("z")] }, "demo"), undefined)).toEqual({ model: "m" });
  });

  test("refuses an event that is not an array instead of overwriting it", () => {
    expect(() => withEntries({ hooks: { Stop: {} } }, { Stop: [group("z")] }, "demo")).toThrow(SettingsError);
  });
});

describe("parseSettings / serializeLike", () => {
  test("invalid JSON, non-objects and a non-object hooks are errors; empty is {}", () => {
    expect(() => parseSettings("{", "f")).toThrow(/not valid JSON/);
    expect(() => parseSettings("[]", "f")).toThrow(/not hold a JSON object/);
    expect(() => parseSettings('{"hooks": []}', "f")).toThrow(/"hooks" in f is not an object/);
    expect(parseSettings("  \n", "f")).toEqual({});
  });

  test("keeps the file's indentation, compactness and trailing newline", () => {
    const value = { a: [1], b: { c: true } };
    for (const text of [JSON.stringify(value, null, 4), `${JSON.stringify(value, null, "\t")}\n`, JSON.stringify(value)])
      expect(serializeLike(value, text)).toBe(text);
    expect(serializeLike(value, undefined)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});
