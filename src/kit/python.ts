// Python interpreter discovery, the job security-guidance's sg-python.sh did in bash, fixed:
// every probe has a timeout (a probe without one hung SessionStart), the version list reaches
// python3.20 (3.14 was never found), and the platform is a parameter so Windows order is unit tested anywhere.
import { runProcess } from "./subprocess.ts";

export interface PythonVersion {
  major: number;
  minor: number;
}

export interface Probe {
  /** Command as tried, e.g. ["python3.12"] or ["py", "-3"]. */
  command: string[];
  /** Where the command name resolved on PATH. */
  resolved?: string;
  ok: boolean;
  version?: PythonVersion;
  /** sys.executable reported by the interpreter (the real file behind shims and `py -3`). */
  executable?: string;
  /** Why the probe failed: "not found", "timeout", "exit 9009", "no version" ... */
  reason?: string;
  /** What the caller's `extraCode` printed after the two probe lines. */
  extra?: string;
  ms: number;
}

export interface Discovery {
  /** First interpreter at or above the minimum version, in candidate order. */
  chosen?: Probe;
  /** When nothing qualifies: the interpreter sg-python.sh's last pass would have run anyway. */
  fallback?: Probe;
  tried: Probe[];
}

/** More Python run in the same probe process (saves a start per question), with its argv. */
export interface ProbeExtra {
  code: string;
  args: string[];
}

export interface DiscoverOptions {
  platform: NodeJS.Platform | string;
  extra?: ProbeExtra;
  cwd?: string;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
  minimum?: PythonVersion;
  /** Highest 3.N minor probed first. */
  newestMinor?: number;
}

export const MIN_PYTHON: PythonVersion = { major: 3, minor: 10 };
export const DEFAULT_PROBE_TIMEOUT_MS = 3000;
const NEWEST_MINOR = 20;

// An f-string: Python 2 and the Microsoft Store stub (prints an install hint, exits 9009) fail
// to produce the "M.m" line, exactly like sg-python.sh's probe. sys.executable rides along so
// later steps run the real interpreter, not a shim or the `py` launcher.
export const PROBE_CODE = 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}"); print(sys.executable)';

/** Candidate commands in the order they are tried on `platform`. */
export function candidateCommands(platform: string, newestMinor = NEWEST_MINOR): string[][] {
  const out: string[][] = [];
  for (let n = newestMinor; n >= 10; n--) out.push([`python3.${n}`]);
  out.push(["python3"], ["python"]);
  if (platform === "win32") out.push(["py", "-3"]);
  return out;
}

export function atLeast(v: PythonVersion, min: PythonVersion): boolean {
  return v.major > min.major || (v.major === min.major && v.minor >= min.minor);
}

export function formatVersion(v: PythonVersion | undefined): string {
  return v ? `${v.major}.${v.minor}` : "?";
}

/** Parse the probe's stdout; undefined unless the first line is exactly "M.m". */
export function parseProbeOutput(stdout: string): { version: PythonVersion; executable?: string } | undefined {
  const lines = stdout.split(/\r?\n/);
  const m = /^(\d+)\.(\d+)$/.exec((lines[0] ?? "").trim());
  if (!m) return undefined;
  const executable = (lines[1] ?? "").trim() || undefined;
  return { version: { major: Number(m[1]), minor: Number(m[2]) }, executable };
}

/** Environment every Python child gets: UTF-8 mode, as sg-python.sh sets it (without it, Windows' cp1252 default crashed on non-ASCII output). */
export function pythonEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...env, PYTHONUTF8: "1" };
}

export async function probe(
  command: string[],
  env: Record<string, string | undefined>,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
  resolved?: string,
  extra?: ProbeExtra,
  cwd?: string,
): Promise<Probe> {
  // The f-string line stays first: Python 2 must fail to compile the whole probe.
  const code = extra ? `${PROBE_CODE}\n${extra.code}` : PROBE_CODE;
  const argv = [resolved ?? command[0]!, ...command.slice(1), "-c", code, ...(extra?.args ?? [])];
  const r = await runProcess(argv, { timeoutMs, env: pythonEnv(env), cwd });
  const base = { command, ms: Math.round(r.ms) };
  if (r.spawnError) return { ...base, ok: false, reason: r.spawnError === "ENOENT" ? "not found" : r.spawnError };
  if (r.timedOut) return { ...base, ok: false, reason: `timeout after ${timeoutMs} ms` };
  if (r.exitCode !== 0) return { ...base, ok: false, reason: r.signal ? `killed by ${r.signal}` : `exit ${r.exitCode}` };
  const parsed = parseProbeOutput(r.stdout);
  if (!parsed) return { ...base, ok: false, reason: "no version printed" };
  const rest = r.stdout.split(/\r?\n/).slice(2).join("\n").trim();
  return { ...base, ok: true, version: parsed.version, executable: parsed.executable, ...(rest ? { extra: rest } : {}) };
}

/** Resolve a command name on PATH without running it; undefined when absent. */
export function whichCommand(name: string, env: Record<string, string | undefined>): string | undefined {
  try {
    return Bun.which(name, { PATH: env.PATH ?? env.Path ?? "" }) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Try candidates in order and return the first interpreter >= minimum. Commands absent from
 * PATH are skipped without spawning. When none qualifies, `fallback` is the first working
 * python3/python/py -3 of any version (sg-python.sh's third pass), so the caller can report
 * HOOK_PY_INCOMPATIBLE with the version the user actually has.
 */
export async function discoverPython(opts: DiscoverOptions): Promise<Discovery> {
  const minimum = opts.minimum ?? MIN_PYTHON;
  const tried: Probe[] = [];
  let fallback: Probe | undefined;
  for (const command of candidateCommands(opts.platform, opts.newestMinor)) {
    const resolved = whichCommand(command[0]!, opts.env);
    if (!resolved) {
      tried.push({ command, ok: false, reason: "not on PATH", ms: 0 });
      continue;
    }
    const p = { ...(await probe(command, opts.env, opts.timeoutMs, resolved, opts.extra, opts.cwd)), resolved };
    tried.push(p);
    if (!p.ok || !p.version) continue;
    if (atLeast(p.version, minimum)) return { chosen: p, fallback, tried };
    const generic = !/^python3\.\d+$/.test(command[0]!);
    if (generic && !fallback) fallback = p;
  }
  return { fallback, tried };
}

/** One line for the hook log: what was tried and what won. */
export function describeDiscovery(d: Discovery): string {
  const parts = d.tried
    .filter((p) => p.reason !== "not on PATH")
    .map((p) => `${p.command.join(" ")}=${p.ok ? formatVersion(p.version) : p.reason}`);
  const chosen = d.chosen
    ? `chose ${d.chosen.command.join(" ")} (${formatVersion(d.chosen.version)}, ${d.chosen.executable ?? "?"})`
    : d.fallback
      ? `none >=3.10; fallback ${d.fallback.command.join(" ")} (${formatVersion(d.fallback.version)})`
      : "no working interpreter";
  return `python discovery: ${parts.join(", ") || "nothing on PATH"}; ${chosen}`;
}
