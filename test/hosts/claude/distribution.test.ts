// A thin plugin, end to end with the real Claude Code (pinned), offline. `hookkit release --base-url
// http://127.0.0.1:<port>/dl` of the fixture project (a fail-closed `guard` that denies Bash commands naming
// "forbidden"), its marketplace folder committed to a git repository served over smart HTTP on loopback,
// `claude plugin marketplace add` + `claude plugin install` from it, then two sessions whose scripted model runs
// `touch forbidden.marker` with Bash allowed by a rule: the command must never run, because the guard, fetched
// on first use, denies it. The first session downloads the binary once; the second downloads nothing.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReleaseResult } from "../../../src/build/release/index.ts";
import { fixtureRelease } from "../../e2e/_release.ts";
import { offline } from "../_offline.ts";
import type { DistributionJob, DistributionOutcome } from "./_distribution-inside.ts";
import { claudeBinary } from "./_session.ts";

const dir = mkdtempSync(join(tmpdir(), "hookkit-distribution-"));
afterAll(() => process.env.HOOKKIT_KEEP_E2E ? console.error(`kept ${dir}`) : rmSync(dir, { recursive: true, force: true }));

// Inside a fresh namespace every port is free; outside (no namespace) a random high one rarely collides.
const gitPort = 20_000 + Math.floor(Math.random() * 20_000);
const assetPort = gitPort + 1;
let rel: ReleaseResult;
let outcome: DistributionOutcome;
let home: string;

const sh = (cwd: string, ...argv: string[]) => {
  const run = Bun.spawnSync(argv, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
  if (run.exitCode !== 0) throw new Error(`${argv.join(" ")}: ${run.stderr}`);
};

beforeAll(async () => {
  if (!claudeBinary()) throw new Error("Claude Code is not installed: run npm ci in test/hosts/claude (sh dev.sh test does)");
  rel = await fixtureRelease(`http://127.0.0.1:${assetPort}/dl`);
  // The author's marketplace repository: exactly the folder `hookkit release` wrote, committed.
  sh(rel.marketplaceDir, "git", "init", "-q", "-b", "main");
  sh(rel.marketplaceDir, "git", "add", "-A");
  sh(rel.marketplaceDir, "git", "commit", "-q", "-m", "guarded 1.2.3");
  const gitRoot = join(dir, "git");
  mkdirSync(gitRoot);
  sh(dir, "git", "clone", "-q", "--bare", rel.marketplaceDir, join(gitRoot, "marketplace.git"));
  home = join(dir, "home");
  mkdirSync(home);
  const market = JSON.parse(readFileSync(join(rel.marketplaceDir, ".claude-plugin", "marketplace.json"), "utf8"));
  const job: DistributionJob = {
    dir,
    home,
    gitRoot,
    gitPort,
    assets: join(rel.outDir, "assets"),
    assetPort,
    pluginRef: `guarded@${market.name}`,
    command: "touch forbidden.marker",
    downHome: join(dir, "down-home"),
  };
  mkdirSync(job.downHome);
  writeFileSync(join(dir, "job.json"), JSON.stringify(job));
  const wrapped = offline([process.execPath, join(import.meta.dir, "_distribution-inside.ts"), join(dir, "job.json")]);
  if (!wrapped.isolated && process.env.CI) throw new Error(`no network namespace on CI: ${wrapped.why}`);
  const driver = Bun.spawn(wrapped.argv, { stdin: "ignore", stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: home } });
  const [out, err] = await Promise.all([new Response(driver.stdout).text(), new Response(driver.stderr).text(), driver.exited]);
  if (!existsSync(join(dir, "distribution.json"))) throw new Error(`the driver did not finish (exit ${driver.exitCode}):\n${out}\n${err}`);
  outcome = JSON.parse(readFileSync(join(dir, "distribution.json"), "utf8"));
}, 400_000);

test("the marketplace is added from a git repository and the thin plugin installs from it", () => {
  expect(outcome.add).toMatchObject({ code: 0 });
  expect(outcome.install).toMatchObject({ code: 0 });
  const installed = JSON.parse(readFileSync(join(home, ".claude", "plugins", "installed_plugins.json"), "utf8"));
  const entry = installed.plugins["guarded@guarded-plugins"][0];
  expect(entry.gitCommitSha).toMatch(/^[0-9a-f]{40}$/);
  expect(existsSync(join(entry.installPath, "bin", "guarded"))).toBe(true);
  // What the user cloned holds no binary.
  const files = readdirSync(entry.installPath, { recursive: true }) as string[];
  expect(files.some((f) => f.endsWith("linux-x64") || f.endsWith(".exe"))).toBe(false);
});

test("first session: the binary is fetched once, verified, and the guard answers the scripted tool call", () => {
  const first = outcome.sessions[0]!;
  expect(first.exitCode).toBe(0);
  expect(first.assetRequests).toBe(1);
  expect(existsSync(join(dir, "home", "project", "forbidden.marker"))).toBe(false);
  expect(first.permissionDenials).toEqual(["Bash"]);
  expect(first.toolResult?.is_error).toBe(true);
  expect(first.toolResult?.text).toContain('guard: "touch forbidden.marker" is forbidden here');
  // In the plugin's data folder, content-addressed by the binary's sha256, with the link hooks.json tests.
  const target = Object.values(rel.manifest.targets)[0]!;
  const data = join(home, ".claude", "plugins", "data");
  const ids = readdirSync(data);
  expect(ids).toHaveLength(1);
  expect(existsSync(join(data, ids[0]!, "bin", target.sha256, target.file))).toBe(true);
  expect(existsSync(join(data, ids[0]!, "bin", `guarded-${rel.manifest.release}`))).toBe(true);
});

test("second session: nothing is downloaded and the guard still answers", () => {
  const second = outcome.sessions[1]!;
  expect(second.exitCode).toBe(0);
  expect(second.assetRequests).toBe(0);
  expect(second.permissionDenials).toEqual(["Bash"]);
  expect(second.toolResult?.text).toContain('guard: "touch forbidden.marker" is forbidden here');
});

test("asset server down: one notice for the session, the fail-open hook stays out of the way, the guard blocks with its cause", () => {
  const down = outcome.down!;
  expect(down.install).toMatchObject({ code: 0 });
  expect(down.exitCode).toBe(0);
  // One attempt at session start; the hooks after it are inside the back-off.
  expect(down.assetRequests).toBe(1);
  expect(down.notices).toHaveLength(1);
  const notice = JSON.parse(down.notices[0]!).systemMessage as string;
  expect(notice).toContain("guarded: its hooks are inactive");
  expect(notice).toContain("503");
  // The Read went through (read-note answered nothing); the Bash call was blocked by the guard, naming why.
  expect(down.readResult?.is_error).toBeFalsy();
  expect(down.readResult?.text).toContain("the notes");
  expect(down.bashResult?.is_error).toBe(true);
  expect(down.bashResult?.text).toContain("guarded: hook 'guard' blocked because its linux-");
  expect(down.bashResult?.text).toContain("503");
  expect(existsSync(join(dir, "down-project", "down.marker"))).toBe(false);
});
