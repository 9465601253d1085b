// The part of a Claude Code session that runs inside the network namespace (see _session.ts): starts the
// fake Messages API on loopback, runs `claude` against it, and, in SDK stream-json mode, plays the SDK
// client: sends the prompt, answers the host's permission requests by a fixed policy, and closes stdin once
// the result arrives. Everything it learns goes to files in the session directory; the test process,
// outside the namespace, reads them afterwards.
//
//   bun test/hosts/claude/_inside.ts <job.json>
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startFakeApi, type ModelScript } from "./_fake-api.ts";

export interface PermissionPolicy {
  behavior: "allow" | "deny";
  /** deny: the message the host passes on to the model. */
  message?: string;
}

export interface InsideJob {
  script: ModelScript;
  /** Session directory: requests.jsonl, stdout.txt, stderr.txt and outcome.json are written here. */
  dir: string;
  /** claude's argv (binary first); ANTHROPIC_BASE_URL is added to `env` once the fake listens. */
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  mode: "print" | "stream-json";
  /** stream-json: the user message sent first. */
  prompt: string;
  /** stream-json: how can_use_tool control requests are answered. */
  permission: PermissionPolicy;
  timeoutMs: number;
}

export interface InsideOutcome {
  exitCode: number | null;
  timedOut: boolean;
  /** stream-json: every control_request the host sent, in order. */
  controlRequests: unknown[];
  ms: number;
}

const job = (await Bun.file(process.argv[2]!).json()) as InsideJob;
const fake = startFakeApi(job.script, join(job.dir, "requests.jsonl"));
const started = performance.now();
const child = Bun.spawn(job.argv, {
  cwd: job.cwd,
  env: { ...job.env, ANTHROPIC_BASE_URL: fake.url },
  stdin: job.mode === "stream-json" ? "pipe" : "ignore",
  stdout: "pipe",
  stderr: "pipe",
});
let timedOut = false;
const timer = setTimeout(() => {
  timedOut = true;
  child.kill("SIGKILL");
}, job.timeoutMs);

const controlRequests: unknown[] = [];
const stdoutChunks: string[] = [];

async function readStdout(): Promise<void> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of child.stdout) {
    const text = decoder.decode(chunk, { stream: true });
    stdoutChunks.push(text);
    if (job.mode !== "stream-json") continue;
    pending += text;
    let newline: number;
    while ((newline = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) onLine(line);
    }
  }
}

function send(message: unknown): void {
  if (job.mode !== "stream-json" || typeof child.stdin === "number" || !child.stdin) return;
  try {
    child.stdin.write(`${JSON.stringify(message)}\n`);
    child.stdin.flush();
  } catch {
    // the host has gone; its exit code tells the rest
  }
}

function onLine(line: string): void {
  let message: { type?: string; request_id?: string; request?: { subtype?: string; input?: unknown } };
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }
  if (message.type === "control_request") {
    controlRequests.push(message.request);
    const response =
      message.request?.subtype === "can_use_tool"
        ? job.permission.behavior === "allow"
          ? { behavior: "allow", updatedInput: message.request.input ?? {} }
          : { behavior: "deny", message: job.permission.message ?? "denied by the test client" }
        : {};
    send({ type: "control_response", response: { subtype: "success", request_id: message.request_id, response } });
  } else if (message.type === "result") {
    // One prompt, one result: the session is over. Closing stdin lets the host exit.
    if (typeof child.stdin !== "number" && child.stdin) child.stdin.end();
  }
}

if (job.mode === "stream-json") {
  send({ type: "user", message: { role: "user", content: job.prompt }, parent_tool_use_id: null, session_id: "" });
}
const [stderr, , exitCode] = await Promise.all([new Response(child.stderr).text(), readStdout(), child.exited]);
clearTimeout(timer);
fake.stop();
writeFileSync(join(job.dir, "stdout.txt"), stdoutChunks.join(""));
writeFileSync(join(job.dir, "stderr.txt"), stderr);
const outcome: InsideOutcome = { exitCode, timedOut, controlRequests, ms: Math.round(performance.now() - started) };
writeFileSync(join(job.dir, "outcome.json"), JSON.stringify(outcome));
