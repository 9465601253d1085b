/**
 * What an auto-decision leaves behind, so gstack's own tools see it: the `.auto-decided-<id>`
 * marker its PostToolUse hook looks for, one question-log line per decision (a deny stops the
 * tool, so PostToolUse never logs it), and a detached `gstack-developer-profile --derive`.
 * Everything goes through ctx.portable, so the compiled binary and the Claude Code mod leave the
 * same files.
 */
import type { Portable } from "hookkit/portable";
import type { AutoDecision } from "./decide.ts";
import { autoDecidedMarker, join, type EnvReader } from "./paths.ts";
import { appendQuestionLog, type LogOutcome } from "./question-log.ts";

/** `root`: gstack's state root; a symlink below it leading outside is never written through. */
export async function writeMarker(io: Portable, sessionDir: string | undefined, toolUseId: string | undefined, root?: string): Promise<string | undefined> {
  const file = sessionDir && toolUseId ? autoDecidedMarker(sessionDir, toolUseId) : undefined;
  if (!file) return undefined;
  await io.writeText(file, "", root === undefined ? {} : { confineTo: root });
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
 * One line per decision, in order. All questions of a call share its tool_use_id, so gstack's dedup
 * keeps only the first; that is what gstack writes too, and /plan-tune reads the log that way.
 */
export async function logAutoDecisions(io: Portable, decisions: AutoDecision[], ctx: LogContext): Promise<LogOutcome[]> {
  const outcomes: LogOutcome[] = [];
  for (const d of decisions) outcomes.push(await appendQuestionLog(io, ctx.logFile, autoDecisionPayload(d, ctx), ctx.now, ctx.root));
  return outcomes;
}

/** Path of gstack's profile deriver, when installed. */
export async function deriveBin(io: Portable, gstackRoot: string): Promise<string | undefined> {
  const bin = join(gstackRoot, "bin", "gstack-developer-profile");
  return (await io.exists(bin)) ? bin : undefined;
}

/** The argv that runs `<bin> --derive`: gstack's bins are bash scripts; on Windows they run through bash (gstack HEAD spawn-bin.ts). */
export function deriveCommand(bin: string, env: EnvReader): string[] {
  return env("OS") === "Windows_NT" ? [env("GSTACK_BASH") ?? "bash", bin, "--derive"] : [bin, "--derive"];
}

/** Start `<bin> --derive` detached with no stdio, and never wait for it. */
export async function startDerive(io: Portable, bin: string, cwd: string | undefined): Promise<void> {
  await io.start(deriveCommand(bin, io.env), cwd ? { cwd } : {});
}
