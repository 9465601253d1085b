/**
 * ensure-python: the warm NOOP_VENV path of the compiled hook against what the seed does there,
 * in one interleaved run.
 *
 *   bun bench/ensure-python.ts [--runs 40] [--binary path/to/hookkit]
 *
 * Variants, each a real child process with stdout piped and stdin closed (as Claude Code spawns
 * a SessionStart hook):
 *   compiled warm    `hookkit ensure-python`, venv built and verdict cached: no Python starts
 *   compiled cold    `hookkit ensure-python --force`: discovery probe, find_spec, venv import
 *   seed             the seed's flow on this path (ensure_agent_sdk.py at 475038ed): start
 *                    python3, print the marker, find_spec, sentinel check, then start the venv
 *                    interpreter to `import claude_agent_sdk`, print the metrics
 *   seed+launcher    the same behind sg-python.sh's first step: one `python3 -c` version probe
 *                    before the exec (its cheapest case: python3.10+ found first try)
 * The world: a real venv with a tiny local wheel of `claude-agent-sdk` (no network), the real
 * interpreter on a PATH of its own. Every round runs each variant once in a shuffled order;
 * every output is checked (outcome 1) and a wrong answer aborts the bench.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const REPO = resolve(import.meta.dir, "..");
const { values: args } = parseArgs({ options: { runs: { type: "string", default: "40" }, binary: { type: "string" } } });
const RUNS = Number(args.runs);

const dir = mkdtempSync(join(tmpdir(), "ep-bench-"));
const binary = join(dir, "hookkit");
cpSync(args.binary ?? (await (await import("../plugins/test/_binary.ts")).hostBinary()), binary);
chmodSync(binary, 0o755);

const probe = Bun.spawnSync(["python3", "-c", "import sys; print(sys.executable)"]);
const python = realpathSync(probe.stdout.toString().trim());
const bin = join(dir, "bin");
mkdirSync(bin);
symlinkSync(python, join(bin, "python3"));
for (const tool of ["sh", "bash"]) {
  const real = Bun.which(tool);
  if (real) symlinkSync(real, join(bin, tool));
}
const wheels = join(dir, "wheels");
Bun.spawnSync([python, join(REPO, "plugins/python-bootstrap/test/fixtures/make_wheel.py"), wheels, "claude-agent-sdk", "0.0.1", "claude_agent_sdk"]);
const state = join(dir, "state");
const plugin = join(dir, "plugin");
mkdirSync(join(plugin, ".claude-plugin"), { recursive: true });
writeFileSync(join(plugin, ".claude-plugin", "plugin.json"), JSON.stringify({ version: "2.0.0" }));
const env = {
  PATH: bin,
  HOME: dir,
  SECURITY_WARNINGS_STATE_DIR: state,
  CLAUDE_PLUGIN_ROOT: plugin,
  PIP_CONFIG_FILE: "/dev/null",
  PIP_NO_INDEX: "1",
  PIP_FIND_LINKS: wheels,
};

// The seed's steps on this path, with its own constants (outcome 1 = NOOP_VENV).
const seed = join(dir, "seed_warm_path.py");
writeFileSync(
  seed,
  `import importlib.util, json, os, subprocess, sys, time
from pathlib import Path
print(json.dumps({"async": True, "asyncTimeout": 180000}), flush=True)
t0 = time.perf_counter()
outcome = 3
if sys.version_info >= (3, 10) and importlib.util.find_spec("claude_agent_sdk") is None:
    state = Path(os.environ.get("SECURITY_WARNINGS_STATE_DIR") or os.path.expanduser("~/.claude/security"))
    venv_py = state / "agent-sdk-venv" / "bin" / "python"
    sentinel = state / "agent-sdk-venv.building"
    if not sentinel.exists() and venv_py.exists():
        r = subprocess.run([str(venv_py), "-c", "import claude_agent_sdk"], capture_output=True, timeout=10)
        if r.returncode == 0:
            outcome = 1
pv = 0
try:
    v = json.loads((Path(os.environ["CLAUDE_PLUGIN_ROOT"]) / ".claude-plugin" / "plugin.json").read_text())["version"]
    a, b, c = (int(x) for x in v.split(".")[:3])
    pv = a * 10000 + b * 100 + c
except Exception:
    pass
m = {"sdk_bootstrap": outcome, "sdk_bootstrap_ms": round((time.perf_counter() - t0) * 1000)}
if pv:
    m["pv"] = pv
print(json.dumps({"metrics": m}), flush=True)
`,
);
const launcher = `python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")' >/dev/null 2>&1 && exec python3 '${seed}'`;

const variants: Record<string, string[]> = {
  "compiled warm": [binary, "ensure-python"],
  "compiled cold": [binary, "ensure-python", "--force"],
  seed: [python, seed],
  "seed+launcher": [join(bin, "bash"), "-c", launcher],
};

async function once(cmd: string[]): Promise<{ ms: number; outcome: unknown; stdout: string }> {
  const t = performance.now();
  const child = Bun.spawn(cmd, { env, cwd: dir, stdin: "ignore", stdout: "pipe", stderr: "ignore" });
  const stdout = await new Response(child.stdout).text();
  await child.exited;
  const ms = performance.now() - t;
  const last = stdout.trim().split("\n").at(-1) ?? "";
  let outcome: unknown;
  try {
    outcome = JSON.parse(last).metrics?.sdk_bootstrap;
  } catch {}
  return { ms, outcome, stdout };
}

// Build the venv once, then prime the verdict cache.
const build = await once([binary, "ensure-python"]);
if (build.outcome !== 2) throw new Error(`setup build failed: ${build.stdout}`);
await once([binary, "ensure-python"]);

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let round = 0; round < RUNS + 2; round++) {
  const order = Object.keys(variants).sort(() => Math.random() - 0.5);
  for (const name of order) {
    const r = await once(variants[name]!);
    if (r.outcome !== 1) throw new Error(`${name}: expected outcome 1, got ${r.stdout}`);
    if (round >= 2) samples[name]!.push(r.ms); // two warm-up rounds
  }
}

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
console.log(`ensure-python warm NOOP_VENV, ${RUNS} interleaved rounds, Bun ${Bun.version}, ${python}`);
console.log("variant          median ms   p10     p90");
for (const [name, xs] of Object.entries(samples)) {
  console.log(`${name.padEnd(16)} ${q(xs, 0.5).toFixed(1).padStart(9)} ${q(xs, 0.1).toFixed(1).padStart(7)} ${q(xs, 0.9).toFixed(1).padStart(7)}`);
}
const warm = q(samples["compiled warm"]!, 0.5);
console.log(`seed / compiled warm: ${(q(samples.seed!, 0.5) / warm).toFixed(1)}x; seed+launcher / compiled warm: ${(q(samples["seed+launcher"]!, 0.5) / warm).toFixed(1)}x`);
rmSync(dir, { recursive: true, force: true });
