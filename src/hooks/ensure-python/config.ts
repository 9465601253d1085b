// Configuration from flags (ctx.argv) and environment. Defaults reproduce security-guidance's
// ensure_agent_sdk.py exactly, so the binary is a drop-in there; flags make it generic.
import { envValue, expandHome } from "../../base/state.ts";
import { DEFAULT_PROBE_TIMEOUT_MS, type PythonVersion } from "../../kit/python.ts";
import { readTextIfExists } from "../../base/stat.ts";
import { safeSegment } from "../../base/paths.ts";
import { METRIC_KEY_PATTERN } from "../../protocol/facts.ts";
import { joinFor } from "../../kit/venv.ts";

const join = (...parts: string[]): string => joinFor(process.platform, ...parts);

type Env = Record<string, string | undefined>;

export interface Config {
  package: string;
  module: string;
  /** Folder name of the venv inside the state dir. */
  venvName: string;
  stateDir: string;
  metricPrefix: string;
  pipArgs: string[];
  cooldownMs: number;
  probeTimeoutMs: number;
  venvTimeoutMs: number;
  pipTimeoutMs: number;
  importTimeoutMs: number;
  minPython: PythonVersion;
  force: boolean;
  /**
   * `$CLAUDE_PLUGIN_ROOT/.claude-plugin/plugin.json` when the host set a plugin root: the source of
   * `pv`. Read on the full path only; a warm run takes `pv` from its verdict (verdict.ts).
   */
  pluginJson: string | undefined;
  platform: string;
  /** Epoch ms by which every step must have ended (the host's budget); set by the hook. */
  deadline?: number;
  /** Flags that were not understood, for the log. */
  warnings: string[];
}

export const DEFAULTS = {
  package: "claude-agent-sdk",
  module: "claude_agent_sdk",
  venvName: "agent-sdk-venv",
  metricPrefix: "sdk_bootstrap",
  cooldownMs: 10 * 60_000,
  venvTimeoutMs: 60_000,
  pipTimeoutMs: 120_000,
  importTimeoutMs: 10_000,
} as const;

/** Flag name -> env var. Flags win over env. */
const ENV_NAMES: Record<string, string> = {
  package: "ENSURE_PYTHON_PACKAGE",
  module: "ENSURE_PYTHON_MODULE",
  venv: "ENSURE_PYTHON_VENV",
  "state-dir": "ENSURE_PYTHON_STATE_DIR",
  "metric-prefix": "ENSURE_PYTHON_METRIC_PREFIX",
  "pip-arg": "ENSURE_PYTHON_PIP_ARGS",
  cooldown: "ENSURE_PYTHON_COOLDOWN",
  "probe-timeout": "ENSURE_PYTHON_PROBE_TIMEOUT_MS",
  "venv-timeout": "ENSURE_PYTHON_VENV_TIMEOUT_MS",
  "pip-timeout": "ENSURE_PYTHON_PIP_TIMEOUT_MS",
  "import-timeout": "ENSURE_PYTHON_IMPORT_TIMEOUT_MS",
  "min-python": "ENSURE_PYTHON_MIN_PYTHON",
  force: "ENSURE_PYTHON_FORCE",
};
const BOOLEAN_FLAGS = new Set(["force"]);

/** Parse `--name value`, `--name=value` and bare boolean flags; repeated flags accumulate. */
export function parseFlags(argv: string[]): { flags: Map<string, string[]>; warnings: string[] } {
  const flags = new Map<string, string[]>();
  const warnings: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m || !(m[1]! in ENV_NAMES)) {
      warnings.push(`ignored argument ${JSON.stringify(arg)}`);
      continue;
    }
    const name = m[1]!;
    let value = m[2];
    if (value === undefined) value = BOOLEAN_FLAGS.has(name) ? "1" : argv[++i];
    if (value === undefined) {
      warnings.push(`flag --${name} needs a value`);
      continue;
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { flags, warnings };
}

/** security-guidance's _base.state_dir(): SECURITY_WARNINGS_STATE_DIR → CLAUDE_CONFIG_DIR/security → ~/.claude/security. */
export function securityStateDir(env: Env, platform: string = process.platform): string {
  const p = platform as NodeJS.Platform;
  const explicit = envValue(env, "SECURITY_WARNINGS_STATE_DIR");
  if (explicit) return expandHome(explicit, env, p);
  const config = envValue(env, "CLAUDE_CONFIG_DIR");
  if (config) return expandHome(join(config, "security"), env, p);
  return expandHome(join("~", ".claude", "security"), env, p);
}

/** plugin.json's `M.m.p` -> M*10000+m*100+p; 0 on any problem (same encoding as the seed, so rows join on pv). */
export function parsePluginVersion(pluginJson: string | undefined): number {
  if (pluginJson === undefined) return 0;
  try {
    const version = JSON.parse(pluginJson).version;
    const parts = String(version).split(".").slice(0, 3);
    if (parts.length !== 3 || !parts.every((x) => /^\s*[+-]?\d+\s*$/.test(x))) return 0;
    const [major, minor, patch] = parts.map(Number) as [number, number, number];
    return major * 10000 + minor * 100 + patch;
  } catch {
    return 0;
  }
}

export function pluginJsonPath(env: Env): string | undefined {
  const root = envValue(env, "CLAUDE_PLUGIN_ROOT");
  return root ? join(root, ".claude-plugin", "plugin.json") : undefined;
}

/**
 * The plugin version (`pv`) from plugin.json; 0 without one. Through Bun.file, not readFileSync,
 * which would load node:fs. Even so the first read of a process starts Bun's thread pool
 * (docs/startup-costs.md), which is why the warm path does not read it at all (verdict.ts).
 */
export async function readPluginVersion(pluginJson: string | undefined): Promise<number> {
  return pluginJson ? parsePluginVersion(await readTextIfExists(pluginJson)) : 0;
}

function positiveInt(raw: string | undefined, fallback: number, scale = 1): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * scale) : fallback;
}

export function loadConfig(argv: string[], env: Env, platform: string = process.platform): Config {
  const { flags, warnings } = parseFlags(argv);
  const last = (name: string) => flags.get(name)?.at(-1) ?? envValue(env, ENV_NAMES[name]!);

  let metricPrefix = last("metric-prefix") ?? DEFAULTS.metricPrefix;
  // Every key derived from the prefix must be a metric key; `<prefix>_phase` is the longest.
  if (!new RegExp(METRIC_KEY_PATTERN).test(`${metricPrefix}_phase`)) {
    warnings.push(`metric prefix ${JSON.stringify(metricPrefix)} is not a valid metric key stem; using ${DEFAULTS.metricPrefix}`);
    metricPrefix = DEFAULTS.metricPrefix;
  }
  const pipArgs = flags.get("pip-arg") ?? (envValue(env, ENV_NAMES["pip-arg"]!)?.split(/\s+/).filter(Boolean) ?? []);
  const minRaw = last("min-python");
  const minMatch = minRaw ? /^(\d+)\.(\d+)$/.exec(minRaw) : null;
  if (minRaw && !minMatch) warnings.push(`--min-python ${JSON.stringify(minRaw)} is not M.m; using 3.10`);
  // The venv name becomes a folder and the sentinel/cooldown/notice file names: one plain segment.
  let venvName = last("venv") ?? DEFAULTS.venvName;
  // The default is known to be safe; kit/files (node:fs, node:path at import) loads only to check another name.
  if (venvName !== DEFAULTS.venvName && safeSegment(venvName) !== venvName) {
    warnings.push(`venv name ${JSON.stringify(venvName)} must be a plain folder name ([A-Za-z0-9._-]); using ${DEFAULTS.venvName}`);
    venvName = DEFAULTS.venvName;
  }
  const stateOverride = last("state-dir");
  const forceRaw = last("force");

  return {
    package: last("package") ?? DEFAULTS.package,
    module: last("module") ?? DEFAULTS.module,
    venvName,
    stateDir: stateOverride ? expandHome(stateOverride, env, platform as NodeJS.Platform) : securityStateDir(env, platform),
    metricPrefix,
    pipArgs,
    cooldownMs: positiveInt(last("cooldown"), DEFAULTS.cooldownMs, 1000),
    probeTimeoutMs: positiveInt(last("probe-timeout"), DEFAULT_PROBE_TIMEOUT_MS),
    venvTimeoutMs: positiveInt(last("venv-timeout"), DEFAULTS.venvTimeoutMs),
    pipTimeoutMs: positiveInt(last("pip-timeout"), DEFAULTS.pipTimeoutMs),
    importTimeoutMs: positiveInt(last("import-timeout"), DEFAULTS.importTimeoutMs),
    minPython: minMatch ? { major: Number(minMatch[1]), minor: Number(minMatch[2]) } : { major: 3, minor: 10 },
    force: forceRaw !== undefined && !/^(0|false|no)$/i.test(forceRaw),
    pluginJson: pluginJsonPath(env),
    platform,
    warnings,
  };
}
