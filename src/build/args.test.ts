import { expect, test } from "bun:test";
import { parseBuildArgs } from "./args.ts";

test("build.ts options map onto BuildOptions; bad values are refused", () => {
  expect(parseBuildArgs(["--target", "host", "--target", "linux-arm64,darwin-arm64", "--out", "o", "--no-repo-hooks"])).toMatchObject({
    targets: ["host", "linux-arm64,darwin-arm64"],
    outDir: "o",
    writeRepoHooks: false,
  });
  expect(parseBuildArgs(["--name", "Acme", "--bin", "acme", "--hooks-form", "exec", "--hooks-json-only"])).toMatchObject({
    pluginName: "Acme",
    binName: "acme",
    hooksForm: "exec",
    hooksJsonOnly: true,
    writeRepoHooks: undefined,
  });
  expect(() => parseBuildArgs(["--hooks-form", "cmd"])).toThrow(/--hooks-form must be shell, exec or powershell/);
  expect(() => parseBuildArgs(["--tagret", "host"])).toThrow();
});
