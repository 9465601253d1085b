// Runs one real Codex, Gemini CLI or Copilot CLI session offline and returns what the host did.
//
// Inside a fresh network namespace (_offline.ts) _inside-cli.ts starts the scripted fake model API
// (_fake-models.ts: the Responses API for Codex and for Copilot CLI's own-provider mode, the Gemini API
// for Gemini CLI) on a loopback port and runs the pinned CLI from test/hosts/<host>/node_modules
// against it, with a private HOME and an empty project. The hooks come from the caller (normally
// installed from a built bundle by hookkit's own installer). The result holds the host's output and
// every request it sent the model: the evidence a conformance test judges a hook answer by.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { offline } from "./_offline.ts";
import type { FakeScript } from "./_fake-models.ts";
import type { CliJob, CliOutcome } from "./_inside-cli.ts";

export type CliHost = "codex" | "gemini" | "copilot";

export const CLI_VERSIONS: Record<CliHost, string> = { codex: "0.171.0", gemini: "0.61.0", copilot: "1.0.102" };

const HERE = import.meta.dir;

/** The pinned CLI's entry (npm's .bin shim, run by node), or undefined when `npm ci` has not run there. */
export function cliBinary(host: CliHost): string | undefined {
  const bin = join(HERE, host, "node_modules", ".bin", host);
  return existsSync(bin) ? bin : undefined;
}

export interface CliSessionOptions {
  host: CliHost;
  script: FakeScript;
  prompt?: string;
  /** Codex's model (default gpt-5, which Codex knows no metadata for: shell tools only, no apply_patch). */
  model?: string;
  /** Writes the hooks into the session's HOME (and project) before the CLI starts; gets its env. */
  setup(paths: { home: string; project: string; env: Record<string, string> }): void;
  timeoutMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export interface CliSession {
  isolated: boolean;
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  requests: RecordedRequest[];
  dir: string;
  home: string;
  project: string;
  ms: number;
  cleanup(): void;
}

function hostSetup(host: CliHost, home: string, port: number, env: Record<string, string>, model: string | undefined): string[] {
  const binary = cliBinary(host);
  if (!binary) throw new Error(`${host} ${CLI_VERSIONS[host]} is not installed: run npm ci in ${join(HERE, host)} (sh dev.sh test does)`);
  const url = `http://127.0.0.1:${port}`;
  switch (host) {
    case "codex": {
      const codexHome = join(home, ".codex");
      mkdirSync(codexHome, { recursive: true });
      writeFileSync(
        join(codexHome, "config.toml"),
        [
          `model = "${model ?? "gpt-5"}"`,
          'model_provider = "fake"',
          "check_for_update_on_startup = false",
          "[model_providers.fake]",
          'name = "fake"',
          `base_url = "${url}/v1"`,
          'env_key = "FAKE_KEY"',
          'wire_api = "responses"',
          "[analytics]",
          "enabled = false",
          "",
        ].join("\n"),
      );
      Object.assign(env, { CODEX_HOME: codexHome, FAKE_KEY: "fake-key" });
      // --dangerously-bypass-hook-trust: a user's hooks are otherwise skipped, silently, until trusted in /hooks.
      return [binary, "exec", "--skip-git-repo-check", "--sandbox", "danger-full-access", "--dangerously-bypass-hook-trust"];
    }
    case "gemini": {
      mkdirSync(join(home, ".gemini"), { recursive: true });
      writeFileSync(
        join(home, ".gemini", "settings.json"),
        JSON.stringify({
          security: { auth: { selectedType: "gemini-api-key" } },
          general: { disableAutoUpdate: true, disableUpdateNag: true },
          privacy: { usageStatisticsEnabled: false },
          telemetry: { enabled: false },
        }),
      );
      Object.assign(env, { GEMINI_API_KEY: "fake-key", GOOGLE_GEMINI_BASE_URL: url, GEMINI_CLI_TRUST_WORKSPACE: "true", NO_BROWSER: "1", GEMINI_CLI_NO_RELAUNCH: "1" });
      return [binary, "--approval-mode", "yolo", "-m", "gemini-2.5-flash", "-p"];
    }
    case "copilot": {
      // Copilot CLI's own-provider mode needs no GitHub sign-in: it talks to COPILOT_PROVIDER_BASE_URL.
      Object.assign(env, {
        COPILOT_PROVIDER_BASE_URL: `${url}/v1`,
        COPILOT_PROVIDER_WIRE_API: "responses",
        COPILOT_PROVIDER_API_KEY: "fake-key",
        COPILOT_MODEL: "gpt-5",
        COPILOT_OFFLINE: "1",
        COPILOT_AUTO_UPDATE: "false",
      });
      return [binary, "--allow-all", "--no-ask-user", "-p"];
    }
  }
}

function parseLines(text: string): RecordedRequest[] {
  return text
    .split("\n")
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as RecordedRequest];
      } catch {
        return [];
      }
    });
}

/** Runs one session of `host` against the scripted model. Never throws for what the host does. */
export async function runCliSession(options: CliSessionOptions): Promise<CliSession> {
  const dir = mkdtempSync(join(tmpdir(), `${options.host}-session-`));
  const home = join(dir, "home");
  const project = join(dir, "project");
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  // In its own namespace the port is free whatever it is; outside one (no isolation) a random one avoids clashes.
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    LANG: "C.UTF-8",
    TERM: "dumb",
  };
  const argv = hostSetup(options.host, home, port, env, options.model);
  argv.push(options.prompt ?? "Run the scripted step.");
  options.setup({ home, project, env });
  const timeoutMs = options.timeoutMs ?? 60_000;
  const job: CliJob = { kind: options.host === "gemini" ? "gemini" : "responses", script: options.script, port, dir, argv, env, cwd: project, timeoutMs };
  const jobFile = join(dir, "job.json");
  writeFileSync(jobFile, JSON.stringify(job));
  const wrapped = offline([process.execPath, join(HERE, "_inside-cli.ts"), jobFile]);
  const started = performance.now();
  const driver = Bun.spawn(wrapped.argv, { stdin: "ignore", stdout: "pipe", stderr: "pipe", env: { PATH: env.PATH!, HOME: home } });
  const killer = setTimeout(() => driver.kill("SIGKILL"), timeoutMs + 15_000);
  const [driverOut, driverErr] = await Promise.all([new Response(driver.stdout).text(), new Response(driver.stderr).text(), driver.exited]);
  clearTimeout(killer);
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : "");
  const outcomeText = read("outcome.json");
  if (!outcomeText) throw new Error(`the session driver did not finish (exit ${driver.exitCode}):\n${driverOut}\n${driverErr}`);
  const outcome = JSON.parse(outcomeText) as CliOutcome;
  return {
    isolated: wrapped.isolated,
    exitCode: outcome.exitCode,
    timedOut: outcome.timedOut,
    stdout: read("stdout.txt"),
    stderr: read("stderr.txt"),
    requests: parseLines(read("requests.jsonl")),
    dir,
    home,
    project,
    ms: Math.round(performance.now() - started),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every string in the requests the model was sent, joined: tool results, injected context, prompts. */
export function sentText(requests: readonly RecordedRequest[]): string {
  const parts: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === "string") parts.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") Object.values(value).forEach(visit);
  };
  for (const r of requests) visit(r.body.input ?? r.body.contents ?? r.body.messages);
  return parts.join("\n");
}
