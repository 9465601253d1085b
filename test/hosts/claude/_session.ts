// Runs one real Claude Code session offline and returns what the host did.
//
// Inside a fresh network namespace (test/hosts/_offline.ts) _inside.ts starts the fake Messages API
// (_fake-api.ts) and runs the pinned `claude` from test/hosts/claude/node_modules against it with a private
// HOME, a debug log and, optionally, a plugin bundle (--plugin-dir) and settings (--settings). The result
// holds the host's own output (-p JSON, or the stream-json messages), every request it sent the model, the
// debug log and the transcript: the evidence a conformance test judges a hook answer by.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { offline } from "../_offline.ts";
import type { ModelScript, RecordedRequest } from "./_fake-api.ts";
import type { InsideJob, InsideOutcome, PermissionPolicy } from "./_inside.ts";

export type { ModelScript, RecordedRequest, ScriptBlock } from "./_fake-api.ts";
export type { PermissionPolicy } from "./_inside.ts";

const HERE = import.meta.dir;
export const CLAUDE_VERSION = "2.1.328";

/**
 * The pinned claude binary. npm puts the native binary in the platform package; the wrapper's postinstall
 * only copies it over bin/claude.exe, and an npm that does not run install scripts leaves a shell stub
 * there instead. So the platform package is used directly, whatever the install-script policy was.
 */
export function claudeBinary(): string | undefined {
  const name = process.platform === "win32" ? "claude.exe" : "claude";
  // npm installs only the package matching this machine's libc, so whichever exists is the one.
  const packages = [`claude-code-${process.platform}-${process.arch}`, `claude-code-${process.platform}-${process.arch}-musl`];
  return packages.map((p) => join(HERE, "node_modules", "@anthropic-ai", p, name)).find((path) => existsSync(path));
}

export interface SessionOptions {
  /** Another claude binary than the pinned one (e.g. an older build from test/hosts/claude-versions). */
  binary?: string;
  /** What the model does, turn by turn. */
  script: ModelScript;
  prompt?: string;
  /** Plugin bundles loaded with --plugin-dir. */
  pluginDirs?: string[];
  /** Written to a file and passed with --settings (e.g. hooks that are not in a plugin). */
  settings?: Record<string, unknown>;
  /** "print": claude -p … --output-format json. "stream-json": the SDK's transport, with --permission-prompt-tool stdio. */
  mode?: "print" | "stream-json";
  /** stream-json: how the client answers the host's permission requests (default deny). */
  permission?: PermissionPolicy;
  /** Extra claude arguments (e.g. --permission-mode, --allowedTools). */
  args?: string[];
  /** Extra environment for claude and its hooks. */
  env?: Record<string, string>;
  /** Session cwd; default a fresh empty project dir in the session dir. */
  cwd?: string;
  /** HOME; default a fresh one in the session dir. */
  home?: string;
  /** Parent for the session dir (default the OS temp dir). */
  parent?: string;
  timeoutMs?: number;
}

export interface Session {
  /** The session ran in its own network namespace. */
  isolated: boolean;
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** print mode: the parsed -p JSON; stream-json: the `result` message. */
  result: ResultMessage | undefined;
  /** stream-json: every line the host printed, parsed. */
  messages: Record<string, unknown>[];
  /** stream-json: the control requests the host sent (can_use_tool is a permission prompt). */
  controlRequests: { subtype?: string; tool_name?: string; input?: unknown; [key: string]: unknown }[];
  /** Every request the fake API received. */
  requests: RecordedRequest[];
  /** Bodies of the main-loop requests (those offering tools), in order. */
  turns: MessagesBody[];
  debugLog: string;
  transcriptPath: string | undefined;
  transcript: Record<string, unknown>[];
  dir: string;
  home: string;
  cwd: string;
  ms: number;
  /** Removes the session dir. */
  cleanup(): void;
}

export interface ResultMessage {
  type?: string;
  subtype?: string;
  is_error?: boolean;
  result?: string;
  session_id?: string;
  permission_denials?: { tool_name: string; tool_use_id: string; tool_input: Record<string, unknown> }[];
  [key: string]: unknown;
}

export interface MessagesBody {
  system?: unknown;
  tools?: { name: string }[];
  messages: { role: string; content: string | ContentBlock[] }[];
}

export type ContentBlock = { type: string; text?: string; id?: string; name?: string; input?: unknown; tool_use_id?: string; content?: unknown; is_error?: boolean };

function parseLines(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // not JSON (a stray line); the raw text is in stdout
    }
  }
  return out;
}

function findTranscript(home: string): string | undefined {
  const projects = join(home, ".claude", "projects");
  if (!existsSync(projects)) return undefined;
  const found = [...new Bun.Glob("*/*.jsonl").scanSync({ cwd: projects })];
  return found.length ? join(projects, found.sort()[0]!) : undefined;
}

/** Runs one Claude Code session against the scripted model. Never throws for what the host does. */
export async function runSession(options: SessionOptions): Promise<Session> {
  const binary = options.binary ?? claudeBinary();
  if (!binary) throw new Error(`Claude Code ${CLAUDE_VERSION} is not installed: run npm ci in ${HERE} (sh dev.sh test does)`);
  const dir = mkdtempSync(join(options.parent ?? tmpdir(), "claude-session-"));
  const home = options.home ?? join(dir, "home");
  const cwd = options.cwd ?? join(dir, "project");
  mkdirSync(home, { recursive: true });
  mkdirSync(cwd, { recursive: true });
  const mode = options.mode ?? "print";
  const prompt = options.prompt ?? "Run the scripted step.";
  const debugFile = join(dir, "debug.log");

  const argv = [binary];
  if (mode === "print") argv.push("-p", prompt, "--output-format", "json");
  else argv.push("-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose", "--permission-prompt-tool", "stdio");
  argv.push("--debug-file", debugFile);
  for (const plugin of options.pluginDirs ?? []) argv.push("--plugin-dir", plugin);
  if (options.settings) {
    const file = join(dir, "settings.json");
    writeFileSync(file, JSON.stringify(options.settings));
    argv.push("--settings", file);
  }
  argv.push(...(options.args ?? []));

  const env = hostEnv(home, options.env);
  const timeoutMs = options.timeoutMs ?? 90_000;
  const job: InsideJob = {
    script: options.script,
    dir,
    argv,
    env,
    cwd,
    mode,
    prompt,
    permission: options.permission ?? { behavior: "deny" },
    timeoutMs,
  };
  const jobFile = join(dir, "job.json");
  writeFileSync(jobFile, JSON.stringify(job));
  const wrapped = offline([process.execPath, join(HERE, "_inside.ts"), jobFile]);
  const started = performance.now();
  const driver = Bun.spawn(wrapped.argv, { stdin: "ignore", stdout: "pipe", stderr: "pipe", env: { PATH: env.PATH!, HOME: home } });
  const killer = setTimeout(() => driver.kill("SIGKILL"), timeoutMs + 15_000);
  const [driverOut, driverErr] = await Promise.all([new Response(driver.stdout).text(), new Response(driver.stderr).text(), driver.exited]);
  clearTimeout(killer);
  const ms = Math.round(performance.now() - started);

  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : "");
  const outcomeText = read("outcome.json");
  if (!outcomeText) throw new Error(`the session driver did not finish (exit ${driver.exitCode}):\n${driverOut}\n${driverErr}`);
  const outcome = JSON.parse(outcomeText) as InsideOutcome;
  const stdout = read("stdout.txt");
  const requests = parseLines(read("requests.jsonl")) as unknown as RecordedRequest[];
  const turns = requests
    .map((r) => r.body as MessagesBody | null)
    .filter((b): b is MessagesBody => !!b && typeof b === "object" && Array.isArray(b.tools) && b.tools.length > 0);
  const messages = mode === "stream-json" ? parseLines(stdout) : [];
  let result: ResultMessage | undefined;
  if (mode === "print") {
    try {
      result = JSON.parse(stdout);
    } catch {
      result = undefined;
    }
  } else {
    result = messages.findLast((m) => m.type === "result") as ResultMessage | undefined;
  }
  const transcriptPath = findTranscript(home);
  return {
    isolated: wrapped.isolated,
    exitCode: outcome.exitCode,
    timedOut: outcome.timedOut,
    stdout,
    stderr: read("stderr.txt"),
    result,
    messages,
    controlRequests: outcome.controlRequests as Session["controlRequests"],
    requests,
    turns,
    debugLog: read("debug.log"),
    transcriptPath,
    transcript: transcriptPath ? parseLines(readFileSync(transcriptPath, "utf8")) : [],
    dir,
    home,
    cwd,
    ms,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The environment every claude start gets: private HOME, a fake key, no telemetry, no updates, no other traffic. */
function hostEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    LANG: "C.UTF-8",
    ANTHROPIC_API_KEY: "sk-ant-fake-key-for-offline-tests",
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    ...extra,
  };
}

/** Runs a claude command that is not a session (e.g. `plugin marketplace add`), offline, with `home` as HOME. */
export function runClaude(args: string[], home: string, cwd = home): { exitCode: number; stdout: string; stderr: string } {
  const binary = claudeBinary();
  if (!binary) throw new Error(`Claude Code ${CLAUDE_VERSION} is not installed: run npm ci in ${HERE} (sh dev.sh test does)`);
  const run = Bun.spawnSync(offline([binary, ...args]).argv, { cwd, env: hostEnv(home), stdout: "pipe", stderr: "pipe", timeout: 60_000 });
  return { exitCode: run.exitCode ?? -1, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}

/** All text the model was sent in one request: prompts, system reminders, tool results (strings and text blocks). */
export function requestText(body: MessagesBody | undefined): string {
  if (!body) return "";
  const parts: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === "string") parts.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      const block = value as ContentBlock;
      if (typeof block.text === "string") parts.push(block.text);
      if (block.content !== undefined) visit(block.content);
    }
  };
  for (const message of body.messages) visit(message.content);
  return parts.join("\n");
}

/** The tool_result blocks of a request (the results of the previous turn's tool calls). */
export function toolResults(body: MessagesBody | undefined): (ContentBlock & { text: string })[] {
  if (!body) return [];
  const out: (ContentBlock & { text: string })[] = [];
  for (const message of body.messages) {
    if (message.role !== "user" || typeof message.content === "string") continue;
    for (const block of message.content) {
      if (block.type === "tool_result") out.push({ ...block, text: requestText({ messages: [{ role: "user", content: [block] }] }) });
    }
  }
  return out;
}
