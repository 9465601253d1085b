// The distribution story inside ONE network namespace (only loopback), so the git server, the asset server, the
// fake model API and Claude Code all see each other on 127.0.0.1 and nothing else:
//   1. a smart-HTTP git server (`git http-backend` as CGI) serving the marketplace repository,
//      and an HTTP server serving the release's assets (every request counted);
//   2. `claude plugin marketplace add http://127.0.0.1:<git>/marketplace.git`, `claude plugin install`;
//   3. two sessions (test/hosts/claude/_session.ts, told not to nest another namespace), each with a scripted Bash call;
//   4. with the asset server answering 503, a fresh HOME installs the plugin and runs one session that reads a
//      file (a fail-open hook) and then runs Bash (the fail-closed guard).
// Writes what happened to <job dir>/distribution.json for the test outside to judge.
//
//   bun test/hosts/claude/_distribution-inside.ts <job.json>
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DistributionJob {
  dir: string;
  home: string;
  /** Folder holding the bare repository marketplace.git. */
  gitRoot: string;
  gitPort: number;
  /** Folder holding the release assets, served under /dl/. */
  assets: string;
  assetPort: number;
  pluginRef: string;
  /** The Bash command the scripted model runs in each session. */
  command: string;
  /** HOME of the machine that finds the asset server down. */
  downHome: string;
}

export interface DistributionOutcome {
  add: { code: number | null; out: string };
  install: { code: number | null; out: string };
  down?: {
    install: { code: number | null; out: string };
    exitCode: number | null;
    assetRequests: number;
    readResult?: { is_error?: boolean; text: string };
    bashResult?: { is_error?: boolean; text: string };
    /** Every hook answer the host parsed that carried a systemMessage. */
    notices: string[];
    result?: string;
  };
  sessions: {
    exitCode: number | null;
    timedOut: boolean;
    /** Asset requests seen while this session ran. */
    assetRequests: number;
    toolResult?: { is_error?: boolean; text: string };
    permissionDenials: string[];
    /** systemMessage texts the host surfaced (transcript / stdout). */
    stdout: string;
    debugHookLines: string[];
    ms: number;
  }[];
}

process.env.HOOKKIT_HOST_NETNS = "0"; // this process is the namespace; sessions must not make another
const job = (await Bun.file(process.argv[2]!).json()) as DistributionJob;
const { claudeBinary, runSession, toolResults } = await import("./_session.ts");
const log = join(job.dir, "servers.log");

const git = Bun.serve({
  hostname: "127.0.0.1",
  port: job.gitPort,
  async fetch(request) {
    const url = new URL(request.url);
    appendFileSync(log, `git ${request.method} ${url.pathname}\n`);
    const child = Bun.spawn(["git", "http-backend"], {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        GIT_PROJECT_ROOT: job.gitRoot,
        GIT_HTTP_EXPORT_ALL: "1",
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: request.method,
        CONTENT_TYPE: request.headers.get("content-type") ?? "",
        HTTP_CONTENT_ENCODING: request.headers.get("content-encoding") ?? "",
        GIT_PROTOCOL: request.headers.get("git-protocol") ?? "",
        REMOTE_ADDR: "127.0.0.1",
      },
      stdin: request.body ? new Uint8Array(await request.arrayBuffer()) : "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const out = new Uint8Array(await new Response(child.stdout).arrayBuffer());
    // CGI: headers, a blank line, the body.
    const text = new TextDecoder("latin1").decode(out.subarray(0, Math.min(out.length, 4096)));
    const crlf = text.indexOf("\r\n\r\n");
    const lf = text.indexOf("\n\n");
    const [end, skip] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : [lf, 2];
    const headers = new Headers();
    let status = 200;
    for (const line of text.slice(0, end).split(/\r?\n/)) {
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
      else headers.append(name, value);
    }
    return new Response(out.subarray(end + skip), { status, headers });
  },
});

let assetRequests = 0;
let down = false;
const assets = Bun.serve({
  hostname: "127.0.0.1",
  port: job.assetPort,
  fetch(request) {
    const path = new URL(request.url).pathname;
    appendFileSync(log, `asset ${request.method} ${path}\n`);
    if (!path.startsWith("/dl/")) return new Response("not found", { status: 404 });
    assetRequests++;
    if (down) return new Response("maintenance", { status: 503 });
    const file = Bun.file(join(job.assets, path.slice(4)));
    return file.size ? new Response(file) : new Response("not found", { status: 404 });
  },
});

const claude = claudeBinary()!;
const cliEnv = (home: string) => ({
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: home,
  DISABLE_AUTOUPDATER: "1",
  DISABLE_TELEMETRY: "1",
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
});
// Asynchronous: the git server answering the CLI lives in this process's event loop.
const cli = async (args: string[], home = job.home) => {
  const child = Bun.spawn([claude, ...args], { env: cliEnv(home), stdin: "ignore", stdout: "pipe", stderr: "pipe", timeout: 150_000 });
  const [out, err, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { code, out: `${out}${err}` };
};

const outcome: DistributionOutcome = {
  add: await cli(["plugin", "marketplace", "add", `http://127.0.0.1:${job.gitPort}/marketplace.git`]),
  install: { code: null, out: "" },
  sessions: [],
};
outcome.install = await cli(["plugin", "install", job.pluginRef]);

if (outcome.install.code === 0) {
  for (let i = 0; i < 2; i++) {
    const before = assetRequests;
    const s = await runSession({
      home: job.home,
      parent: job.dir,
      script: { turns: [[{ tool: "Bash", input: { command: job.command, description: "scripted step" } }]] },
      args: ["--allowedTools", "Bash"],
      timeoutMs: 90_000,
    });
    const result = toolResults(s.turns[1])[0];
    outcome.sessions.push({
      exitCode: s.exitCode,
      timedOut: s.timedOut,
      assetRequests: assetRequests - before,
      toolResult: result ? { is_error: result.is_error, text: result.text } : undefined,
      permissionDenials: (s.result?.permission_denials ?? []).map((d) => d.tool_name),
      stdout: s.stdout,
      debugHookLines: s.debugLog.split("\n").filter((l) => /hook/i.test(l) && /guarded|SessionStart|PreToolUse/.test(l)).slice(0, 80),
      ms: s.ms,
    });
  }
}

if (outcome.install.code === 0) {
  down = true;
  const before = assetRequests;
  const marketplace = await cli(["plugin", "marketplace", "add", `http://127.0.0.1:${job.gitPort}/marketplace.git`], job.downHome);
  const install = marketplace.code === 0 ? await cli(["plugin", "install", job.pluginRef], job.downHome) : marketplace;
  const project = join(job.dir, "down-project");
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "notes.txt"), "the notes\n");
  const s = await runSession({
    home: job.downHome,
    cwd: project,
    parent: job.dir,
    script: {
      turns: [
        [{ tool: "Read", input: { file_path: join(project, "notes.txt") } }],
        [{ tool: "Bash", input: { command: "touch down.marker", description: "scripted step" } }],
      ],
    },
    args: ["--allowedTools", "Bash", "Read"],
    timeoutMs: 90_000,
  });
  const read = toolResults(s.turns[1])[0];
  const bash = toolResults(s.turns[2]).at(-1); // each request carries the whole conversation: the last result is the Bash one
  const notices = s.debugLog
    .split("\n")
    .filter((l) => l.includes("Parsed initial response:") && l.includes('"systemMessage"'))
    .map((l) => l.slice(l.indexOf("{")));
  outcome.down = {
    install,
    exitCode: s.exitCode,
    assetRequests: assetRequests - before,
    readResult: read ? { is_error: read.is_error, text: read.text } : undefined,
    bashResult: bash ? { is_error: bash.is_error, text: bash.text } : undefined,
    notices,
    result: s.result?.result,
  };
}

git.stop(true);
assets.stop(true);
writeFileSync(join(job.dir, "distribution.json"), JSON.stringify(outcome, null, 2));
process.exit(0);
