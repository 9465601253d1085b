import { afterEach, describe, expect, test } from "bun:test";
import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testPortable } from "hookkit/testing";
import { REGISTRY_FIXTURE } from "../../../test/fixtures/world.ts";
import { loadRegistry, parseRegistry } from "./registry.ts";

const io = testPortable();

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp() {
  const d = mkdtempSync(join(tmpdir(), "qp-reg-"));
  dirs.push(d);
  return d;
}

describe("parseRegistry", () => {
  test("reads id, door_type and signal_key from gstack-shaped entries", async () => {
    const reg = parseRegistry(await Bun.file(REGISTRY_FIXTURE).text());
    expect(Object.keys(reg)).toHaveLength(9);
    expect(Object.values(reg).filter((e) => e.door_type === "one-way").map((e) => e.id)).toEqual([
      "ship-test-failure-triage",
      "review-sql-safety",
      "land-and-deploy-rollback",
    ]);
    expect(reg["ship-pre-landing-review-fix"]).toEqual({ id: "ship-pre-landing-review-fix", door_type: "two-way", signal_key: "code-quality-care" });
    expect(reg["ship-todos-create"]).toEqual({ id: "ship-todos-create", door_type: "two-way" });
  });
  test("garbage yields an empty registry", () => {
    expect(parseRegistry("export const X = 1;")).toEqual({});
  });
});

describe("loadRegistry", () => {
  test("a missing file is an empty registry, and no error", async () => {
    const errors: string[] = [];
    expect(await loadRegistry(io, join(temp(), "nope.ts"), (m) => errors.push(m))).toEqual({});
    expect(errors).toEqual([]);
  });

  test("read on every call: an edit is seen at once, even with the same size and mtime", async () => {
    const dir = temp();
    const path = join(dir, "question-registry.ts");
    cpSync(REGISTRY_FIXTURE, path);
    expect(Object.keys(await loadRegistry(io, path))).toHaveLength(9);
    writeFileSync(path, "'a-b': { id: 'a-b', door_type: 'two-way' },");
    expect((await loadRegistry(io, path))["a-b"]?.door_type).toBe("two-way");
    const stamp = new Date(Date.now() - 60_000);
    utimesSync(path, stamp, stamp);
    writeFileSync(path, "'a-b': { id: 'a-b', door_type: 'one-way' },");
    utimesSync(path, stamp, stamp);
    expect((await loadRegistry(io, path))["a-b"]?.door_type).toBe("one-way");
  });

  test("a directory at the registry path is an empty registry, and no error", async () => {
    const errors: string[] = [];
    expect(await loadRegistry(io, temp(), (m) => errors.push(m))).toEqual({});
    expect(errors).toEqual([]);
  });
});
