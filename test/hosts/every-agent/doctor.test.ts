// `doctor --host`: a freshly built bundle passes for every host, with each hook run on a sample payload
// in that host's shape; a config the host would misread (a Gemini timeout in seconds, a command without
// its host) fails.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { doctorHost } from "../../../src/hosts/doctor.ts";
import { type Built, buildExample } from "./_bundles.ts";

let example: Built;
beforeAll(async () => {
  example = await buildExample();
});
afterAll(() => example?.cleanup());

describe("doctor --host", () => {
  for (const host of ["codex", "gemini", "copilot", "cursor"] as const) {
    test(`${host}: the built bundle passes, both hooks answer a sample`, async () => {
      const checks = await doctorHost(host, example.dir(host));
      expect(checks.filter((c) => c.status !== "ok")).toEqual([]);
      expect(checks.length).toBe(2);
      expect(checks.find((c) => c.subject.includes("shell-context"))!.detail).toMatch(/additional_?[cC]ontext/);
    });
  }

  test("gemini: a timeout written in seconds and a command without --host fail", async () => {
    const file = join(example.dir("gemini"), "hooks", "hooks.json");
    const original = readFileSync(file, "utf8");
    try {
      const config = JSON.parse(original);
      config.hooks.BeforeTool[0].hooks[0].timeout = 10;
      config.hooks.BeforeTool[0].hooks[0].command = config.hooks.BeforeTool[0].hooks[0].command.replace(" --host gemini", "");
      writeFileSync(file, JSON.stringify(config));
      const failed = (await doctorHost("gemini", example.dir("gemini"), { run: false })).filter((c) => c.status === "fail").map((c) => c.detail);
      expect(failed.some((d) => d.includes("milliseconds"))).toBe(true);
      expect(failed.some((d) => d.includes("--host gemini"))).toBe(true);
    } finally {
      writeFileSync(file, original);
    }
  });
});
