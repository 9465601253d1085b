import { describe, expect, test } from "bun:test";
import { describeError, oneLine } from "./errors.ts";

describe("describeError", () => {
  test("an Error gives its message", () => {
    expect(describeError(new Error("disk full"))).toBe("disk full");
  });

  test("an errno code is added when the message does not name it, never twice", () => {
    expect(describeError(Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" }))).toBe("ECONNREFUSED: connection refused");
    expect(describeError(Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: "ENOENT" }))).toBe("ENOENT: no such file or directory, open 'x'");
  });

  test("anything else thrown is stringified, never undefined", () => {
    expect(describeError("plain string")).toBe("plain string");
    expect(describeError(42)).toBe("42");
    expect(describeError(undefined)).toBe("undefined");
    expect(describeError({ toString: () => "custom" })).toBe("custom");
  });

  test("name: true adds the class; stack: true gives the stack", () => {
    expect(describeError(new TypeError("x is not a function"), { name: true })).toBe("TypeError: x is not a function");
    const error = new RangeError("too far");
    expect(describeError(error, { stack: true })).toBe(error.stack!);
    expect(describeError(error, { stack: true })).toContain("RangeError: too far");
    expect(describeError("no stack", { stack: true })).toBe("no stack");
  });
});

describe("oneLine", () => {
  test("every line break, with the blanks around it, becomes one space; other spacing is kept", () => {
    expect(oneLine("blocked:\n  rm -rf /\r\n\r\nuse trash  instead \n")).toBe("blocked: rm -rf / use trash  instead ");
    expect(oneLine("one line")).toBe("one line");
  });

  test("a log joins the lines with a visible mark instead", () => {
    expect(oneLine("TypeError: x\n    at f (a.ts:1)", " ⏎ ")).toBe("TypeError: x ⏎ at f (a.ts:1)");
  });
});
