/**
 * What an auto-decision leaves behind, so gstack's own tools see it: the `.auto-decided-<id>`
 * marker its PostToolUse hook looks for, one question-log line per decision (a deny stops the
 * tool, so PostToolUse never logs it), and a detached `gstack-developer-profile --derive`.
 */
import { atomicWrite } from "../../kit/files.ts";
import type { AutoDecision } from "./decide.ts";
import { autoDecidedMarker, join } from "./paths.ts";
import { appendQuestionLog, type LogOutcome } from "./question-log.ts";
import { childEnv } from "../../kit/subprocess.ts";
import { nodeFs } from "../../base/lazy.ts";

// Only an auto-decision writes; node:fs loads with the first write (base/lazy.ts).
const existsSync = (path: string) => nodeFs().existsSync(path);

/** `root`: gstack's state root; a symlink below it leading outside is never written through. */
export function writeMarker(sessionDir: string | undefined, toolUseId: string | undefined, root?: string): string | undefined {
  const file = sessionDir && toolUseId ? autoDecidedMarker(sessionDir, toolUseId) : undefined;
  if (!file) return undefined;
  atomicWrite(file, "", undefined, root);
  return file;
}

export interface LogContext {
  logFile: string;
  sessionId: string | undefined;
  toolUseId: string | undefined;
  now: Date;
  /** gstack's state root: the log is not appended through a symlink leading outside it. */
  root?: string;
}

/** The payload the original hook handed to gstack-question-log, field for field and in order. */
export function autoDecisionPayload(d: AutoDecision, ctx: Pick<LogContext, "sessionId" | "toolUseId">) {
  return {
    skill: "unknown",
    question_id: d.id,
    question_summary: d.summary.slice(0, 200),
    options_count: d.optionsCount,
    user_choice: d.recommended.slice(0, 64),
    recommended: d.recommended.slice(0, 64),
    source: "auto-decided",
    session_id: ctx.sessionId?.slice(0, 64),
    tool_use_id: ctx.toolUseId?.slice(0, 128),
  };
}

/**
 * One line per decision. All questions of a call share its tool_use_id, so gstack's dedup keeps
 * only the first; that is what gstack writes too, and /plan-tune reads the log that way.
 */
export function logAutoDecisions(decisions: AutoDecision[], ctx: LogContext): LogOutcome[] {
  return decisions.map((d) => appendQuestionLog(ctx.logFile, autoDecisionPayload(d, ctx), ctx.now, ctx.root));
}

/** Path of gstack's profile deriver, when installed. */
export function deriveBin(gstackRoot: string): string | undefined {
  const bin = join(gstackRoot, "bin", "gstack-developer-profile");
  return existsSync(bin) ? bin : undefined;
}

/**
 * Start `<bin> --derive` in its own session with no stdio, and never wait for it.
 * gstack's bins are bash scripts; on Windows they run through bash (gstack HEAD spawn-bin.ts).
 */
export function startDerive(bin: string, cwd: string | undefined, env: Record<string, string | undefined>, platform = process.platform): void {
  const command = platform === "win32" ? [env.GSTACK_BASH || "bash", bin, "--derive"] : [bin, "--derive"];
  const child = Bun.spawn(command, {
    cwd: cwd && existsSync(cwd) ? cwd : undefined,
    env: childEnv(env),
    stdio: ["ignore", "ignore", "ignore"],
    detached: true,
  });
  child.unref();
}
