// Fuzz the compiled `hookkit ensure-python`. It never reads stdin (stdin: "none"), so what it takes
// is fuzzed instead: argv flags and env values (state dir paths, package names, timeouts, prefixes,
// plugin versions), with Python discovery pointed at fast fake interpreters (sh scripts that answer
// the probes and script the venv/pip steps), at old or broken ones, or at an empty PATH, so each run
// is cheap. Every run: exit 0, the async marker line, then exactly one JSON line valid for
// SessionStart whose first metric is a known outcome code, well before the 180 s deadline.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OUTCOME } from "../../python-bootstrap/src/hooks/ensure-python/codes.ts";
import { FAKE_HANG, FAKE_PYTHON2, FAKE_STORE_STUB, fakeBin, fakePython, toolsBin } from "../../../src/testing/python-fakes.ts";
import { STDERR_SAMPLES } from "../../python-bootstrap/test/fixtures/stderr-samples.ts";
import { judge, LONG, PARALLEL, pool, Rng, runChild, SEED, suiteBinary, Tally } from "./_harness.ts";
import { saveSection, tallyTable } from "./_report.ts";

/** Our kill bound, far inside the hook's 180 s: the fakes answer in milliseconds. */
const KILL_MS = 60_000;
const CASES = LONG ? 40_000 : 5_000;
const CODES = new Set<number>(Object.values(OUTCOME));

let bin: string;
let root: string;
let tools: string;
const bins: Record<string, string> = {};
const tally = new Tally();
const outcomes = new Map<number, number>();
const started = performance.now();

const FLAGS = ["package", "module", "venv", "state-dir", "metric-prefix", "pip-arg", "cooldown", "probe-timeout", "venv-timeout", "pip-timeout", "import-timeout", "min-python", "force"];
const ENV_NAMES = FLAGS.map((f) => `ENSURE_PYTHON_${f.replace("-", "_").toUpperCase().replace("PIP_ARG", "PIP_ARGS").replace(/_TIMEOUT$/, "_TIMEOUT_MS")}`);

function oddString(rng: Rng): string {
  return rng.pick([
    "",
    " ",
    "x",
    "é✓\u{1F600}",
    "a b",
    "--index-url=http://127.0.0.1:9/",
    "; touch pwned",
    "$(touch pwned)",
    "`id`",
    "-r /etc/passwd",
    "\n",
    "\t\r",
    "x".repeat(rng.pick([100, 5_000, 10_000])),
    "../../..",
    "C:\\Windows\\System32",
    "\\\\server\\share",
    "%APPDATA%",
    "~",
    "~root",
  ]);
}

function number(rng: Rng): string {
  return rng.pick(["0", "1", "-1", "0.001", "1e309", "-1e309", "NaN", "Infinity", "1e3", "99999999999999999999", "0x10", "12abc", "", " 5 ", "3.5", "1_000"]);
}

/** A state dir inside the case's sandbox (relative to cwd, ~-relative, absolute) or an odd one that cannot be created. */
function stateDir(rng: Rng, caseDir: string): string {
  return rng.pick([
    "state",
    "./nested/../state2",
    "~/state-home",
    "~\\state-win",
    join(caseDir, "abs-state"),
    join(caseDir, "blocker", "under-a-file"),
    join(caseDir, "é ✓ dir"),
    `${caseDir}/${"d".repeat(300)}`,
    `${caseDir}/${"long/".repeat(900)}`,
    "/dev/null/state",
    "",
    "state/../../" + caseDir.split("/").at(-1) + "/state3",
  ]);
}

function pathFor(rng: Rng, caseDir: string): string {
  switch (rng.int(8)) {
    case 0:
      return "";
    case 1:
      return join(caseDir, "missing-bin");
    case 2:
      return `${bins.old}:${tools}`;
    case 3:
      return `${bins.broken}:${tools}`;
    case 4:
      return rng.chance(0.2) ? `${bins.hang}:${tools}` : `relative/bin::${bins.good}:${tools}`;
    default:
      return `${bins.good}:${tools}`;
  }
}

function buildCase(rng: Rng, caseDir: string): { argv: string[]; env: Record<string, string> } {
  mkdirSync(join(caseDir, "home"), { recursive: true });
  writeFileSync(join(caseDir, "blocker"), "a file where a directory is expected\n");
  const env: Record<string, string> = {
    PATH: pathFor(rng, caseDir),
    HOME: rng.chance(0.9) ? join(caseDir, "home") : rng.pick(["", "relative-home"]),
    SECURITY_WARNINGS_STATE_DIR: rng.chance(0.8) ? join(caseDir, "security") : stateDir(rng, caseDir),
    HOOKKIT_STATE_DIR: join(caseDir, "hookkit-state"),
    PIP_CONFIG_FILE: "/dev/null",
  };
  if (env.PATH!.includes(bins.hang!)) env.ENSURE_PYTHON_PROBE_TIMEOUT_MS = rng.pick(["50", "200"]);
  if (rng.chance(0.4)) env.FAKE_SYSTEM_FOUND = "1";
  if (rng.chance(0.2)) env.FAKE_VENV_STDERR = rng.pick(STDERR_SAMPLES)[1];
  if (rng.chance(0.2)) env.FAKE_PIP_STDERR = rng.chance(0.8) ? rng.pick(STDERR_SAMPLES)[1] : oddString(rng);
  if (rng.chance(0.05)) {
    env.FAKE_PIP_SLEEP = "1";
    env.ENSURE_PYTHON_PIP_TIMEOUT_MS = rng.pick(["1", "100"]);
  }
  if (rng.chance(0.3)) {
    const plugin = join(caseDir, "plugin");
    mkdirSync(join(plugin, ".claude-plugin"), { recursive: true });
    writeFileSync(join(plugin, ".claude-plugin", "plugin.json"), rng.pick(['{"version":"2.0.0"}', '{"version":"99.99.99"}', '{"version":"-1.x.3"}', "{", '{"version":1e400}', "[]"]));
    env.CLAUDE_PLUGIN_ROOT = rng.chance(0.8) ? plugin : oddString(rng);
  }
  for (let n = rng.int(4); n > 0; n--) {
    const i = rng.int(FLAGS.length);
    env[ENV_NAMES[i]!] = FLAGS[i]!.endsWith("timeout") || FLAGS[i] === "cooldown" ? number(rng) : FLAGS[i] === "state-dir" ? stateDir(rng, caseDir) : oddString(rng);
  }
  const argv: string[] = [];
  for (let n = rng.int(6); n > 0; n--) {
    const flag = rng.pick(FLAGS);
    const value =
      flag.endsWith("timeout") || flag === "cooldown"
        ? number(rng)
        : flag === "state-dir"
          ? stateDir(rng, caseDir)
          : flag === "min-python"
            ? rng.pick(["3.10", "3.99", "2.7", "3", "x.y", "", "3.10.1"])
            : flag === "metric-prefix"
              ? rng.pick(["ep", "Bad-Prefix", "x".repeat(40), "", "a1_b2"])
              : oddString(rng);
    if (rng.chance(0.1)) argv.push(oddString(rng));
    else if (flag === "force" && rng.chance(0.5)) argv.push("--force");
    else if (rng.chance(0.5)) argv.push(`--${flag}=${value}`);
    else argv.push(`--${flag}`, value);
  }
  if (rng.chance(0.05)) argv.push("--state-dir"); // a flag missing its value
  return { argv, env };
}

beforeAll(async () => {
  bin = await suiteBinary();
  root = mkdtempSync(join(tmpdir(), "hookkit-reliability-ep-"));
  tools = toolsBin(join(root, "tools"));
  bins.good = fakeBin(join(root, "good"), { python3: fakePython("3.11") });
  bins.old = fakeBin(join(root, "old"), { python3: fakePython("3.8"), python: FAKE_PYTHON2 });
  bins.broken = fakeBin(join(root, "broken"), { python3: FAKE_STORE_STUB, python: FAKE_PYTHON2 });
  bins.hang = fakeBin(join(root, "hang"), { python3: FAKE_HANG });
  console.log(`[reliability] ensure-python fuzz seed=${SEED} (HOOKKIT_RELIABILITY_SEED=${SEED} reproduces)`);
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`ensure-python fuzz (seed ${SEED})`, () => {
  test("every generated argv/env: exit 0, async marker then one valid JSON line with a known outcome code", async () => {
    const rngRoot = new Rng(SEED ^ 0x5eed);
    const ids = Array.from({ length: CASES }, (_, i) => i);
    await pool(ids, PARALLEL, async (i) => {
      const rng = rngRoot.fork(i);
      const caseDir = join(root, `c${i}`);
      const { argv, env } = buildCase(rng, caseDir);
      const p = env.PATH!;
      const kind = p === "" ? "empty-path" : p.includes(bins.good!) ? "fake-python-3.11" : p.includes(bins.hang!) ? "hanging-python" : p.includes(bins.old!) ? "old-python" : p.includes(bins.broken!) ? "broken-python" : "no-python-on-path";
      const run = await runChild([bin, "ensure-python", ...argv], { env, cwd: caseDir, stdin: "", killAfterMs: KILL_MS });
      let j = judge(run, "SessionStart", { asyncMarker: true });
      const metrics = j.output?.metrics as Record<string, number> | undefined;
      const code = metrics ? Object.values(metrics)[0] : undefined;
      if (j.verdict === "ok" && (code === undefined || !CODES.has(code))) j = { verdict: "invalid-output", detail: `no outcome code first in metrics: ${JSON.stringify(j.output)}` };
      if (code !== undefined) outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
      tally.add(kind, i, run, j, argv.join(" ").length);
      if (j.verdict !== "ok") console.log(`[reliability] FAIL ensure-python case ${i} (seed ${SEED}) argv=${JSON.stringify(argv).slice(0, 300)}: ${j.verdict} ${j.detail ?? ""}`.slice(0, 800));
      if (j.verdict === "ok") rmSync(caseDir, { recursive: true, force: true });
    });
    const codes = [...outcomes.entries()].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${c}: ${n}`).join(", ");
    saveSection(
      "fuzz-ensure-python",
      "Fuzz: ensure-python (argv and env)",
      [
        tallyTable(tally).replace("| generator |", "| interpreter on PATH |"),
        "",
        `Outcome codes answered (code: runs): ${codes}.`,
        "Inputs per run: 0–5 flags and 0–3 ENSURE_PYTHON_* variables with odd values (paths with `..`, `~`, Windows and UNC forms, 10 KB strings,",
        "shell metacharacters, pip-option lookalikes, non-numeric and overflowing timeouts), odd HOME/state dirs and plugin.json files,",
        "scripted venv/pip stderr from every classifier category, and pip steps outliving a 1–100 ms timeout.",
        "NUL cannot be passed in argv or env (execve stops at it), so it is covered by the stdin fuzz only.",
      ].join("\n"),
      (performance.now() - started) / 1000,
    );
    expect(tally.total("tried")).toBe(CASES);
    expect(tally.failures).toEqual([]);
  }, 1_800_000);
});
