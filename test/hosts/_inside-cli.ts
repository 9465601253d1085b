// The part of a Codex or Gemini CLI session that runs inside the network namespace (test/hosts/_offline.ts):
// starts the scripted fake model API on loopback, runs the CLI against it, and writes what happened to
// files in the session directory for the test process, outside the namespace, to read.
//
//   bun test/hosts/_inside-cli.ts <job.json>
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeKind, type FakeScript, startFakeModel } from "./_fake-models.ts";

export interface CliJob {
  kind: FakeKind;
  script: FakeScript;
  /** The loopback port the fake listens on (fixed: the CLI's config names it before the fake starts). */
  port: number;
  /** Session directory: requests.jsonl, stdout.txt, stderr.txt, outcome.json. */
  dir: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  timeoutMs: number;
}

export interface CliOutcome {
  exitCode: number | null;
  timedOut: boolean;
  ms: number;
}

const job = (await Bun.file(process.argv[2]!).json()) as CliJob;
const fake = startFakeModel(job.kind, job.script, job.port, join(job.dir, "requests.jsonl"));
const started = performance.now();
const child = Bun.spawn(job.argv, { cwd: job.cwd, env: job.env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
let timedOut = false;
const timer = setTimeout(() => {
  timedOut = true;
  child.kill("SIGKILL");
}, job.timeoutMs);
const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
clearTimeout(timer);
fake.stop();
writeFileSync(join(job.dir, "stdout.txt"), stdout);
writeFileSync(join(job.dir, "stderr.txt"), stderr);
const outcome: CliOutcome = { exitCode, timedOut, ms: Math.round(performance.now() - started) };
writeFileSync(join(job.dir, "outcome.json"), JSON.stringify(outcome));
