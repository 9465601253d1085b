import { describe, expect, test } from "bun:test";
import { gstackInstallRoot, gstackStateRoot } from "./paths.ts";

const reader = (vars: Record<string, string>) => (name: string) => vars[name] || undefined;

describe("gstack's places", () => {
  test("state root: GSTACK_STATE_ROOT, else GSTACK_HOME, else ~/.gstack; ~ expanded", () => {
    expect(gstackStateRoot(reader({ HOME: "/h" }))).toBe("/h/.gstack");
    expect(gstackStateRoot(reader({ HOME: "/h", GSTACK_HOME: "~/g" }))).toBe("/h/g");
    expect(gstackStateRoot(reader({ HOME: "/h", GSTACK_STATE_ROOT: "/s", GSTACK_HOME: "/g" }))).toBe("/s");
    expect(gstackStateRoot(reader({ OS: "Windows_NT", USERPROFILE: "C:/Users/u", HOME: "/h" }))).toBe("C:/Users/u/.gstack");
  });

  test("no home at all: an error naming the cause, never a relative ~ folder under the cwd", () => {
    expect(() => gstackStateRoot(reader({}))).toThrow("neither HOME nor USERPROFILE is set");
    expect(() => gstackInstallRoot(reader({}), [])).toThrow("neither HOME nor USERPROFILE is set");
    // Explicit roots need no home.
    expect(gstackStateRoot(reader({ GSTACK_STATE_ROOT: "/s" }))).toBe("/s");
    expect(gstackInstallRoot(reader({ GSTACK_ROOT: "/r" }), [])).toBe("/r");
  });
});
