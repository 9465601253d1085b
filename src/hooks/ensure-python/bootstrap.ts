// The bootstrap state machine. Checks run in the seed's order (ensure_agent_sdk.py main()):
//   6 only old Python -> 0 module importable by the system interpreter -> 5 build in progress
//   -> 1 venv already good -> [cooldown: remembered 3] -> build -> 2 or 3.
// A remembered NOOP verdict (verdict.ts) answers 0/1 without starting Python when nothing it
// depended on changed; it still honours the sentinel, as the seed checks that before the venv.
import { openCache, type Cache } from "../../kit/cache.ts";
import { assertConfined } from "../../base/confine.ts";
import {
  candidateCommands,
  describeDiscovery,
  discoverPython,
  formatVersion,
  pythonEnv,
  whichCommand,
  type Discovery,
} from "../../kit/python.ts";
import { runProcess, type RunResult } from "../../kit/subprocess.ts";
import { findDistInfo, joinFor, sitePackagesDirs, venvPython } from "../../kit/venv.ts";
import { classifyStderr } from "./classify.ts";
import { OUTCOME, type Outcome } from "./codes.ts";
import { readPluginVersion, type Config } from "./config.ts";
import { activeCooldown, clearCooldown, rememberFailure } from "./cooldown.ts";
import { incompatibleNotice, noticeMarker, takeNotice } from "./notice.ts";
import { acquireSentinel, checkSentinel, releaseSentinel } from "./sentinel.ts";
import { loadVerdict, peekVerdict, storeVerdict, verdictKey, type Verdict } from "./verdict.ts";
import { nodeFs as fs } from "../../base/lazy.ts";

type Env = Record<string, string | undefined>;

const join = (...parts: string[]): string => joinFor(process.platform, ...parts);

export interface BootstrapResult {
  outcome: Outcome;
  /** Failure phase name ("pre", "venv", "pip", "main", "hook_py"); "" unless failed. */
  phase: string;
  /** Failure kind ("pip_no_match", "subprocess_timeout", "exc:<Type>", "other:<tail>"...); "" unless failed. */
  kind: string;
  notice?: string;
  /** The plugin version for `pv` (M*10000+m*100+p); 0 when unknown. */
  pv: number;
}

/** What a step decides; bootstrap() adds the plugin version. */
type StepResult = Omit<BootstrapResult, "pv">;

export interface Deps {
  env: Env;
  cwd: string;
  now(): Date;
  log(message: string): void;
}

export interface Paths {
  venv: string;
  venvPython: string;
  sentinel: string;
  cooldown: string;
  cache: string;
}

export function pathsFor(config: Config): Paths {
  const venv = join(config.stateDir, config.venvName);
  return {
    venv,
    venvPython: venvPython(venv, config.platform),
    sentinel: `${venv}.building`,
    cooldown: `${venv}.cooldown`,
    cache: join(config.stateDir, ".ensure-python-cache.sqlite"),
  };
}

// Runs inside the discovery probe, so the cold path starts one Python fewer. find_spec, not
// import: the seed's cheap (~10 ms) check. The module name travels as argv so no configuration
// value is ever spliced into code. '' (the cwd) is dropped from sys.path: the seed ran as a
// script, whose sys.path[0] is the plugin's hooks folder, not the project.
// The user site folder is listed even when it does not exist yet (then it is not on sys.path):
// a later `pip install --user` creates it, which must invalidate a remembered verdict.
const SYSTEM_PROBE = `import json, importlib.util, site
sys.path[:] = [p for p in sys.path if p]
try:
    found = importlib.util.find_spec(sys.argv[1]) is not None
except Exception:
    found = False
user = [site.getusersitepackages()] if site.ENABLE_USER_SITE else []
print(json.dumps({"found": found, "path": sys.path + user}))`;

// The seed runs `<venv_py> -c "import claude_agent_sdk"`: a real import, which is what a consumer does.
const VENV_PROBE = "import importlib, sys; importlib.import_module(sys.argv[1])";

/** Python's exception name for a Node errno code, so "exc:<Type>" reads like the seed's. */
export function excName(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const names: Record<string, string> = {
    ENOENT: "FileNotFoundError",
    EEXIST: "FileExistsError",
    ENOTDIR: "NotADirectoryError",
    EISDIR: "IsADirectoryError",
    EACCES: "PermissionError",
    EPERM: "PermissionError",
  };
  if (code) return `exc:${names[code] ?? "OSError"}`;
  return `exc:${(error as Error)?.name ?? "Error"}`;
}

class StepFailed extends Error {
  constructor(readonly kind: string) {
    super(kind);
  }
}

/** A build step's failure kind, or undefined when the child succeeded. */
export function stepFailure(r: RunResult): string | undefined {
  if (r.ok) return undefined;
  if (r.timedOut) return "subprocess_timeout";
  if (r.spawnError) return excName({ code: r.spawnError });
  return classifyStderr(r.stderr);
}

export async function bootstrap(config: Config, deps: Deps): Promise<BootstrapResult> {
  const paths = pathsFor(config);
  const candidates = candidateCommands(config.platform);
  const resolved: (string | undefined)[] = [];
  for (const c of candidates) resolved.push(whichCommand(c[0]!, deps.env));
  const key = verdictKey(config, deps.env, deps.cwd, resolved);
  // Warm path: a read-only peek answers most runs; a miss (or any doubt) takes the full path below.
  if (!config.force) {
    const warm = fromVerdict(peekVerdict(paths.cache, key), paths, deps);
    if (warm) return warm;
  }
  // The full path reads plugin.json; a warm run took `pv` from its verdict instead (the first file
  // read of a process starts Bun's thread pool: docs/startup-costs.md).
  const pv = await readPluginVersion(config.pluginJson);
  // Rollback journal: the cache is read at every SessionStart and written only after a probe.
  const cache = openCache(paths.cache, (m) => deps.log(m), config.stateDir, { journal: "delete" });
  try {
    if (!config.force) {
      const warm = fromVerdict(loadVerdict(cache, key), paths, deps);
      if (warm) return warm;
    }
    return { ...(await cold(config, pv, deps, paths, cache, key)), pv };
  } finally {
    cache.close();
  }
}

/** The answer a still-valid NOOP verdict gives; the sentinel is checked before a cached 1, as the seed does. */
function fromVerdict(verdict: Verdict | undefined, paths: Paths, deps: Deps): BootstrapResult | undefined {
  if (!verdict) return undefined;
  const busy = verdict.outcome === OUTCOME.NOOP_VENV && checkSentinel(paths.sentinel, deps.now().getTime()) === "busy";
  return { ...done(busy ? OUTCOME.SKIP_SENTINEL : verdict.outcome), pv: verdict.pv };
}

function done(outcome: Outcome, phase = "", kind = ""): StepResult {
  return { outcome, phase, kind };
}

async function cold(config: Config, pv: number, deps: Deps, paths: Paths, cache: Cache, key: string): Promise<StepResult> {
  const env = pythonEnv(deps.env);
  const discovery = await discoverPython({
    platform: config.platform,
    env: deps.env,
    timeoutMs: config.probeTimeoutMs,
    minimum: config.minPython,
    extra: { code: SYSTEM_PROBE, args: [config.module] },
    cwd: deps.cwd,
  });
  deps.log(describeDiscovery(discovery));
  const python = discovery.chosen;
  if (!python?.executable) {
    if (discovery.fallback?.version) return incompatible(config, pv, deps, discovery);
    return done(OUTCOME.BUILD_FAILED, "pre", "no_python");
  }

  // 0: importable by the interpreter the consumer will run in (answered by its probe).
  const sysInfo = parseSystemProbe(python.extra ?? "");
  // plugin.json is a dependency too: the verdict carries the `pv` read from it.
  const depends = [python.executable, ...discoveryFiles(discovery), ...(sysInfo?.path ?? []), ...(config.pluginJson ? [config.pluginJson] : [])];
  if (sysInfo?.found) {
    storeVerdict(cache, key, OUTCOME.NOOP_SYSTEM, depends, pv);
    return done(OUTCOME.NOOP_SYSTEM);
  }

  // 5: someone else is building.
  if (checkSentinel(paths.sentinel, deps.now().getTime()) === "busy") return done(OUTCOME.SKIP_SENTINEL);

  // 1: the venv is already good.
  const venvExisted = fs().existsSync(paths.venvPython);
  if (venvExisted && (await venvImports(config, paths, env))) {
    // Without the system interpreter's sys.path we could not notice a later system install.
    if (sysInfo) rememberVenv(config, pv, paths, cache, key, depends);
    return done(OUTCOME.NOOP_VENV);
  }

  // Cooldown: report the remembered failure instead of rebuilding.
  if (!config.force) {
    const failure = activeCooldown(paths.cooldown, deps.now().getTime(), config.cooldownMs, pv, config.package);
    if (failure) {
      deps.log(`build failed ${Math.round((deps.now().getTime() - failure.at) / 1000)} s ago (${failure.phase}: ${failure.kind}); cooling down, not rebuilding`);
      return done(OUTCOME.BUILD_FAILED, failure.phase, failure.kind);
    }
  }

  return build(config, pv, deps, paths, python.executable, env, venvExisted, cache, key, sysInfo ? depends : undefined);
}

async function build(
  config: Config,
  pv: number,
  deps: Deps,
  paths: Paths,
  executable: string,
  env: Env,
  venvExisted: boolean,
  cache: Cache,
  key: string,
  depends: string[] | undefined,
): Promise<StepResult> {
  let phase = "pre";
  let owned = false;
  try {
    fs().mkdirSync(config.stateDir, { recursive: true });
    if (!acquireSentinel(paths.sentinel)) return done(OUTCOME.SKIP_SENTINEL);
    owned = true;
    // Another run finished a build between our venv check and our lock: don't build twice.
    if (!venvExisted && fs().existsSync(paths.venvPython) && (await venvImports(config, paths, env))) {
      if (depends) rememberVenv(config, pv, paths, cache, key, depends);
      return done(OUTCOME.NOOP_VENV);
    }

    phase = "venv";
    // `venv --clear` empties whatever the venv path resolves to: a symlink planted there must not
    // wipe a folder outside the state dir (found by test/reliability/hostile-paths.test.ts).
    assertConfined(config.stateDir, paths.venv);
    const venv = await runProcess([executable, "-m", "venv", "--clear", paths.venv], { timeoutMs: stepTimeout(config, config.venvTimeoutMs), env });
    const venvFailure = stepFailure(venv);
    if (venvFailure) throw new StepFailed(venvFailure);

    // No --index-url: the user's pip configuration (private registry, proxy) is inherited.
    // --prefer-binary: avoid source builds that need a compiler (ARM64 Windows `cryptography`).
    phase = "pip";
    const pip = await runProcess(
      [paths.venvPython, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--prefer-binary", ...config.pipArgs, config.package],
      { timeoutMs: stepTimeout(config, config.pipTimeoutMs), env },
    );
    const pipFailure = stepFailure(pip);
    if (pipFailure) throw new StepFailed(pipFailure);

    clearCooldown(paths.cooldown);
    deps.log(`built ${paths.venv} with ${config.package} in ${Math.round(venv.ms + pip.ms)} ms`);
    return done(OUTCOME.BUILT);
  } catch (error) {
    const kind = error instanceof StepFailed ? error.kind : excName(error);
    deps.log(`build failed in phase ${phase}: ${kind}`);
    rememberFailure(paths.cooldown, { at: deps.now().getTime(), pv, package: config.package, phase, kind });
    return done(OUTCOME.BUILD_FAILED, phase, kind);
  } finally {
    if (owned) releaseSentinel(paths.sentinel);
  }
}

/** A step's timeout, cut short so that it ends before the hook's deadline. */
export function stepTimeout(config: Config, ms: number, now = Date.now()): number {
  return config.deadline === undefined ? ms : Math.max(1, Math.min(ms, config.deadline - now));
}

function incompatible(config: Config, pv: number, deps: Deps, discovery: Discovery): StepResult {
  const version = formatVersion(discovery.fallback!.version);
  const result = done(OUTCOME.HOOK_PY_INCOMPATIBLE, "hook_py", `py_${version}`);
  const min = `${config.minPython.major}.${config.minPython.minor}`;
  const text = incompatibleNotice(config.package, min, discovery, config.platform);
  const notice = takeNotice(noticeMarker(config.stateDir, config.venvName, pv), text, deps.now(), version);
  return notice ? { ...result, notice } : result;
}

async function venvImports(config: Config, paths: Paths, env: Env): Promise<boolean> {
  const r = await runProcess([paths.venvPython, "-c", VENV_PROBE, config.module], {
    timeoutMs: config.importTimeoutMs,
    env,
    cwd: config.stateDir,
  });
  return r.ok;
}

function rememberVenv(config: Config, pv: number, paths: Paths, cache: Cache, key: string, depends: string[]): void {
  const sites = sitePackagesDirs(paths.venv, config.platform);
  const dist = findDistInfo(sites, config.package, config.platform);
  // Without the package's metadata there is nothing that would reveal an uninstall: no verdict.
  if (dist.length === 0) return;
  const pyvenv = join(paths.venv, "pyvenv.cfg");
  storeVerdict(cache, key, OUTCOME.NOOP_VENV, [...depends, paths.venvPython, pyvenv, ...sites, ...dist], pv);
}

function discoveryFiles(d: Discovery): string[] {
  return d.tried.filter((p) => p.resolved).map((p) => p.resolved!);
}

function parseSystemProbe(stdout: string): { found: boolean; path: string[] } | undefined {
  try {
    const line = stdout.trim().split(/\r?\n/).at(-1) ?? "";
    const v = JSON.parse(line);
    if (typeof v?.found === "boolean" && Array.isArray(v.path)) return { found: v.found, path: v.path.filter((p: unknown) => typeof p === "string") };
  } catch {}
  return undefined;
}
