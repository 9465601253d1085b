// `doctor --host <h>`: checks a built host bundle (dist/<host>/) the way that host will read it: every
// event is one the host has (an unknown name is ignored without a word by Gemini and Cursor), every
// command names its host and starts a binary that exists, timeouts are in the host's unit; then runs
// each hook on a sample payload in the host's own shape and checks the answer is one the host reads (a
// JSON object or nothing, never empty on Cursor, never Claude Code's nested shape on Gemini or Copilot).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CAPS, eventFromHost, type OtherHost } from "./capabilities.ts";
import { childEnv } from "../base/process.ts";

export type HostCheck = { status: "ok" | "warn" | "fail"; file?: string; subject: string; detail: string; fix?: string };

type Handler = Record<string, unknown>;

/** A payload of `nativeEvent` as `host` sends it, for a harmless shell command. */
export function hostSample(host: OtherHost, nativeEvent: string, cwd: string): Record<string, unknown> {
  const event = eventFromHost(CAPS[host], nativeEvent);
  const tool = event === "PreToolUse" || event === "PostToolUse";
  switch (host) {
    case "codex":
      return {
        session_id: "doctor", turn_id: "doctor", transcript_path: join(cwd, "transcript.jsonl"), cwd, hook_event_name: nativeEvent, model: "gpt-5",
        permission_mode: "default",
        ...(tool ? { tool_name: "Bash", tool_input: { command: "ls" }, tool_use_id: "call_doctor" } : {}),
        ...(event === "PostToolUse" ? { tool_response: "" } : {}),
        ...(event === "SessionStart" ? { source: "startup" } : {}),
        ...(event === "UserPromptSubmit" ? { prompt: "hello" } : {}),
        ...(event === "Stop" ? { stop_hook_active: false, last_assistant_message: "done" } : {}),
      };
    case "gemini":
      return {
        session_id: "doctor", transcript_path: join(cwd, "transcript.jsonl"), cwd, hook_event_name: nativeEvent, timestamp: new Date().toISOString(),
        ...(tool ? { tool_name: "run_shell_command", tool_input: { command: "ls", description: "list" } } : {}),
        ...(event === "PostToolUse" ? { tool_response: { llmContent: "", returnDisplay: "" } } : {}),
        ...(event === "SessionStart" ? { source: "startup" } : {}),
        ...(event === "UserPromptSubmit" ? { prompt: "hello" } : {}),
        ...(event === "Stop" ? { prompt: "hello", prompt_response: "done", stop_hook_active: false } : {}),
      };
    case "copilot":
      return {
        sessionId: "doctor", timestamp: Date.now(), cwd,
        ...(tool ? { toolName: "bash", toolArgs: { command: "ls", description: "list" } } : {}),
        ...(event === "PostToolUse" ? { toolResult: { resultType: "success", textResultForLlm: "" } } : {}),
        ...(event === "SessionStart" ? { source: "new" } : {}),
        ...(event === "UserPromptSubmit" ? { prompt: "hello" } : {}),
        ...(event === "Stop" ? { stopReason: "end_turn", stop_hook_active: false } : {}),
      };
    case "cursor":
      return {
        conversation_id: "doctor", generation_id: "doctor", model: "m", hook_event_name: nativeEvent, cursor_version: "doctor", workspace_roots: [cwd],
        ...(tool ? { tool_name: "Shell", tool_input: { command: "ls" } } : {}),
        ...(event === "PostToolUse" ? { tool_output: "" } : {}),
        ...(event === "UserPromptSubmit" ? { prompt: "hello" } : {}),
        ...(event === "Stop" ? { status: "completed", loop_count: 0 } : {}),
      };
  }
}

/** The shell command and environment `host` would run for `handler`, with the bundle's folder in place of its variable. */
function commandOf(host: OtherHost, handler: Handler, bundleDir: string): { command: string; env: Record<string, string> } {
  const put = (s: string) => s.replaceAll("${PLUGIN_ROOT}", bundleDir).replaceAll("${extensionPath}", bundleDir).replaceAll("${/}", "/").replaceAll("${CURSOR_PLUGIN_ROOT}", bundleDir);
  const env = Object.fromEntries(Object.entries((handler.env as Record<string, string> | undefined) ?? {}).map(([k, v]) => [k, put(String(v))]));
  return { command: put(String(host === "copilot" ? handler.bash ?? "" : handler.command ?? "")), env };
}

function handlersOf(host: OtherHost, list: unknown[]): Handler[] {
  if (host === "copilot" || host === "cursor") return list as Handler[];
  return (list as { hooks?: Handler[] }[]).flatMap((group) => group.hooks ?? []);
}

/**
 * Checks a bundle built for `host`. `env` is what the sample runs get (default this process's); the CLI
 * passes one with a private HOME and state dir, so a hook that writes state writes it there.
 */
export async function doctorHost(host: OtherHost, bundleDir: string, options: { run?: boolean; cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<HostCheck[]> {
  const caps = CAPS[host];
  const file = join(bundleDir, "hooks", "hooks.json");
  const checks: HostCheck[] = [];
  if (!existsSync(file)) return [{ status: "fail", file, subject: "bundle", detail: "no hooks/hooks.json", fix: `hookkit build --host ${host}` }];
  let config: { version?: unknown; hooks?: Record<string, unknown[]> };
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return [{ status: "fail", file, subject: "config", detail: `not valid JSON: ${(error as Error).message}`, fix: `rebuild: hookkit build --host ${host}` }];
  }
  if ((host === "copilot" || host === "cursor") && config.version !== 1) checks.push({ status: "fail", file, subject: "version", detail: `version is ${JSON.stringify(config.version)}, ${caps.name} reads version 1`, fix: "rebuild" });
  const cwd = options.cwd ?? process.cwd();
  for (const [nativeEvent, list] of Object.entries(config.hooks ?? {})) {
    if (!eventFromHost(caps, nativeEvent)) {
      checks.push({ status: "fail", file, subject: nativeEvent, detail: `${caps.name} has no ${nativeEvent} event hookkit maps; the entry would never run`, fix: "rebuild with this hookkit" });
      continue;
    }
    for (const handler of handlersOf(host, Array.isArray(list) ? list : [])) {
      const { command, env } = commandOf(host, handler, bundleDir);
      const subject = `${nativeEvent}: ${command.split(" --host")[0]?.split(" ").at(-1) ?? command}`;
      if (!command.includes(`--host ${host}`)) checks.push({ status: "fail", file, subject, detail: `the command does not name --host ${host}, so the hook would answer in Claude Code's words`, fix: "rebuild" });
      const resolved = command.replaceAll("$HOOKKIT_PLUGIN_ROOT", env.HOOKKIT_PLUGIN_ROOT ?? "$HOOKKIT_PLUGIN_ROOT");
      const binaryPath = /"([^"]+\/bin\/[^"]+)"/.exec(resolved)?.[1];
      if (!binaryPath || !existsSync(binaryPath)) checks.push({ status: "fail", file, subject, detail: `the binary ${binaryPath ?? "(none found in the command)"} does not exist`, fix: "rebuild the bundle" });
      const timeout = Number(handler.timeout ?? handler.timeoutSec);
      if (caps.timeoutUnit === "ms" && timeout > 0 && timeout < 1000) checks.push({ status: "fail", file, subject, detail: `timeout ${timeout} is milliseconds on ${caps.name}: under a second`, fix: "write the timeout in ms" });
      if (options.run === false || !binaryPath || !existsSync(binaryPath)) continue;
      checks.push({ ...(await runSample(host, nativeEvent, command, { ...(options.env ?? process.env), ...env }, cwd)), file, subject });
    }
  }
  if (checks.length === 0) checks.push({ status: "ok", file, subject: "config", detail: "no hooks" });
  return checks;
}

async function runSample(host: OtherHost, nativeEvent: string, command: string, env: Record<string, string | undefined>, cwd: string): Promise<Omit<HostCheck, "file" | "subject">> {
  const child = Bun.spawn(["sh", "-c", command], { cwd, env: childEnv(env), stdin: "pipe", stdout: "pipe", stderr: "pipe" });
  child.stdin.write(JSON.stringify(hostSample(host, nativeEvent, cwd)));
  child.stdin.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  clearTimeout(timer);
  const text = stdout.trim();
  if (code !== 0) return { status: "fail", detail: `exit ${code} on a harmless sample: ${stderr.trim().split("\n")[0] ?? ""}`, fix: "run the hook by hand with that payload" };
  if (host === "cursor" && text === "") return { status: "fail", detail: "empty stdout, which Cursor rejects", fix: "rebuild with this hookkit" };
  if (text === "") return { status: "ok", detail: "no opinion on a harmless sample" };
  let output: unknown;
  try {
    output = JSON.parse(text);
  } catch {
    return { status: "fail", detail: `stdout is not JSON: ${text.slice(0, 80)}` };
  }
  if (host === "copilot" && typeof output === "object" && output !== null && "hookSpecificOutput" in output) {
    return { status: "fail", detail: "a nested hookSpecificOutput, which Copilot ignores" };
  }
  return { status: "ok", detail: `answers ${text.slice(0, 80)}` };
}
