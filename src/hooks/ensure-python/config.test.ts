import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, parseFlags, pluginJsonPath, readPluginVersion, securityStateDir } from "./config.ts";

const HOME = "/home/u";

describe("state dir: SECURITY_WARNINGS_STATE_DIR → CLAUDE_CONFIG_DIR/security → ~/.claude/security", () => {
  test("precedence, ~ expansion, empty counts as unset", () => {
    expect(securityStateDir({ HOME })).toBe("/home/u/.claude/security");
    expect(securityStateDir({ HOME, CLAUDE_CONFIG_DIR: "/x" })).toBe("/x/security");
    expect(securityStateDir({ HOME, CLAUDE_CONFIG_DIR: "" })).toBe("/home/u/.claude/security");
    expect(securityStateDir({ HOME, CLAUDE_CONFIG_DIR: "~/cfg" })).toBe("/home/u/cfg/security");
    expect(securityStateDir({ HOME, SECURITY_WARNINGS_STATE_DIR: "~/x", CLAUDE_CONFIG_DIR: "/y" })).toBe("/home/u/x");
    expect(securityStateDir({ HOME, SECURITY_WARNINGS_STATE_DIR: "", CLAUDE_CONFIG_DIR: "/y" })).toBe("/y/security");
  });

  test("--state-dir and ENSURE_PYTHON_STATE_DIR override the chain", () => {
    expect(loadConfig([], { HOME, SECURITY_WARNINGS_STATE_DIR: "/s", ENSURE_PYTHON_STATE_DIR: "~/e" }).stateDir).toBe("/home/u/e");
    expect(loadConfig(["--state-dir", "/f"], { HOME, ENSURE_PYTHON_STATE_DIR: "/e" }).stateDir).toBe("/f");
  });
});

describe("plugin version", () => {
  const root = (version: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), "hookkit-pv-"));
    mkdirSync(join(dir, ".claude-plugin"));
    writeFileSync(join(dir, ".claude-plugin", "plugin.json"), JSON.stringify({ name: "p", version }));
    return dir;
  };
  // What the hook does: the path from the environment, then the read.
  const pluginVersionInt = (env: Record<string, string>) => readPluginVersion(pluginJsonPath(env));
  test("M.m.p encodes as M*10000+m*100+p; anything odd is 0", async () => {
    expect(await pluginVersionInt({ CLAUDE_PLUGIN_ROOT: root("2.0.0") })).toBe(20000);
    expect(await pluginVersionInt({ CLAUDE_PLUGIN_ROOT: root("2.0.7") })).toBe(20007);
    expect(await pluginVersionInt({ CLAUDE_PLUGIN_ROOT: root("1.12.3.4") })).toBe(11203);
    expect(await pluginVersionInt({ CLAUDE_PLUGIN_ROOT: root("2.0") })).toBe(0);
    expect(await pluginVersionInt({ CLAUDE_PLUGIN_ROOT: root("2.0.0-beta") })).toBe(0);
    expect(await pluginVersionInt({ CLAUDE_PLUGIN_ROOT: root(3) })).toBe(0);
    expect(await pluginVersionInt({ CLAUDE_PLUGIN_ROOT: "/nonexistent" })).toBe(0);
    expect(await pluginVersionInt({})).toBe(0);
  });
  test("a damaged plugin.json, a folder in its place or a BOM in front is 0, never a throw", async () => {
    const dir = root("1.0.0");
    writeFileSync(join(dir, ".claude-plugin", "plugin.json"), '{"version": "1.0.');
    expect(await pluginVersionInt({ CLAUDE_PLUGIN_ROOT: dir })).toBe(0);
    writeFileSync(join(dir, ".claude-plugin", "plugin.json"), '\uFEFF{"version": "1.0.0"}');
    expect(await pluginVersionInt({ CLAUDE_PLUGIN_ROOT: dir })).toBe(0);
    rmSync(join(dir, ".claude-plugin", "plugin.json"));
    mkdirSync(join(dir, ".claude-plugin", "plugin.json"));
    expect(await pluginVersionInt({ CLAUDE_PLUGIN_ROOT: dir })).toBe(0);
  });
});

describe("flags and env", () => {
  test("defaults equal security-guidance's", () => {
    const c = loadConfig([], { HOME });
    expect(c).toMatchObject({
      package: "claude-agent-sdk",
      module: "claude_agent_sdk",
      venvName: "agent-sdk-venv",
      metricPrefix: "sdk_bootstrap",
      pipArgs: [],
      cooldownMs: 600_000,
      probeTimeoutMs: 3000,
      venvTimeoutMs: 60_000,
      pipTimeoutMs: 120_000,
      importTimeoutMs: 10_000,
      minPython: { major: 3, minor: 10 },
      force: false,
      warnings: [],
    });
  });

  test("flags win over env; repeated --pip-arg accumulates; env pip args split on spaces", () => {
    const env = { HOME, ENSURE_PYTHON_PACKAGE: "envpkg", ENSURE_PYTHON_PIP_ARGS: "--no-index  --find-links=/w", ENSURE_PYTHON_COOLDOWN: "5" };
    expect(loadConfig([], env)).toMatchObject({ package: "envpkg", pipArgs: ["--no-index", "--find-links=/w"], cooldownMs: 5000 });
    const c = loadConfig(["--package=flagpkg", "--pip-arg", "--no-index", "--pip-arg=--find-links=/x", "--force", "--module", "m"], env);
    expect(c).toMatchObject({ package: "flagpkg", module: "m", pipArgs: ["--no-index", "--find-links=/x"], force: true });
    expect(loadConfig([], { ENSURE_PYTHON_FORCE: "0" }).force).toBe(false);
    expect(loadConfig([], { ENSURE_PYTHON_FORCE: "1" }).force).toBe(true);
  });

  test("bad values fall back to defaults with a warning", () => {
    const c = loadConfig(["--metric-prefix", "Bad-Prefix", "--pip-timeout", "-3", "--min-python", "three", "--bogus"], { HOME });
    expect(c.metricPrefix).toBe("sdk_bootstrap");
    expect(c.pipTimeoutMs).toBe(120_000);
    expect(c.minPython).toEqual({ major: 3, minor: 10 });
    expect(c.warnings).toHaveLength(3);
    expect(loadConfig(["--metric-prefix", "x".repeat(35)], {}).metricPrefix).toBe("sdk_bootstrap");
    expect(loadConfig(["--metric-prefix", "py_boot"], {}).metricPrefix).toBe("py_boot");
    expect(loadConfig(["--metric-prefix", "x".repeat(34)], {}).metricPrefix).toBe("x".repeat(34)); // x…x_phase is 40 characters
  });

  test("the venv name must be one plain path segment", () => {
    expect(loadConfig(["--venv", "my-venv.3"], {}).venvName).toBe("my-venv.3");
    for (const bad of ["../escape", "a/b", "..", "a\\b", ""]) {
      const c = loadConfig([`--venv=${bad}`], {});
      expect(c.venvName).toBe("agent-sdk-venv");
    }
  });

  test("parseFlags reports a flag missing its value", () => {
    expect(parseFlags(["--package"]).warnings).toEqual(["flag --package needs a value"]);
  });
});
