import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distInfoPrefix, findDistInfo, projectName, sitePackagesCandidates, sitePackagesDirs, venvPython } from "./venv.ts";

describe("venv layout per platform", () => {
  test("Windows: Scripts\\python.exe and Lib\\site-packages, backslash paths", () => {
    expect(venvPython("C:\\Users\\me\\.claude\\security\\agent-sdk-venv", "win32")).toBe(
      "C:\\Users\\me\\.claude\\security\\agent-sdk-venv\\Scripts\\python.exe",
    );
    expect(sitePackagesCandidates("C:\\v", "win32", [])).toEqual(["C:\\v\\Lib\\site-packages"]);
  });

  test("POSIX: bin/python and lib/python3.X/site-packages", () => {
    expect(venvPython("/home/me/.claude/security/agent-sdk-venv", "linux")).toBe("/home/me/.claude/security/agent-sdk-venv/bin/python");
    expect(venvPython("/v", "darwin")).toBe("/v/bin/python");
    expect(sitePackagesCandidates("/v", "darwin", ["python3.12", "python3.11", "pkgconfig"])).toEqual([
      "/v/lib/python3.11/site-packages",
      "/v/lib/python3.12/site-packages",
    ]);
  });

  test("sitePackagesDirs returns only folders that exist", () => {
    const root = mkdtempSync(join(tmpdir(), "hookkit-venv-"));
    expect(sitePackagesDirs(join(root, "missing"), "linux")).toEqual([]);
    mkdirSync(join(root, "lib", "python3.12", "site-packages"), { recursive: true });
    mkdirSync(join(root, "lib", "python3.11"), { recursive: true });
    expect(sitePackagesDirs(root, "linux")).toEqual([join(root, "lib", "python3.12", "site-packages")]);
    expect(sitePackagesDirs(root, "win32")).toEqual([]);
    // Windows layout on a Windows-style path: nothing on this disk, so nothing returned (never a POSIX guess).
    expect(sitePackagesDirs("C:\\nowhere\\venv", "win32")).toEqual([]);
  });

  test("finds the package's .dist-info by normalized name", () => {
    const root = mkdtempSync(join(tmpdir(), "hookkit-venv-"));
    const site = join(root, "site-packages");
    for (const d of ["claude_agent_sdk-0.1.5.dist-info", "claude_agent_sdk_extra-1.0.dist-info", "other-1.0.dist-info", "claude_agent_sdk"])
      mkdirSync(join(site, d), { recursive: true });
    expect(findDistInfo([site], "claude-agent-sdk>=0.1", "linux")).toEqual([join(site, "claude_agent_sdk-0.1.5.dist-info")]);
    expect(findDistInfo([site], "Claude.Agent_SDK", "linux")).toHaveLength(1);
    expect(findDistInfo([site], "missing", "linux")).toEqual([]);
  });

  test("project names and dist-info prefixes", () => {
    expect(projectName("claude-agent-sdk>=0.1.0")).toBe("claude-agent-sdk");
    expect(projectName(" requests[socks] ")).toBe("requests");
    expect(distInfoPrefix("Foo.Bar--baz")).toBe("foo_bar_baz");
  });
});
