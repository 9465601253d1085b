// Reading a hook's answer back for people: what Claude Code will do with this stdout and exit code.
export function describeAnswer(exitCode: number, output: any, stdout: string, stderr: string): string[] {
  const lines: string[] = [];
  if (exitCode === 2) lines.push(`blocked by exit code 2: ${stderr.trim().split("\n")[0] || "(no message on stderr)"}`);
  else if (exitCode !== 0) lines.push(`non-blocking error (exit ${exitCode}); Claude Code shows the first stderr line`);
  if (stdout.trim() === "") {
    if (exitCode === 0) lines.push("no decision (empty stdout): Claude Code carries on as if the hook were not there");
    return lines;
  }
  if (output === undefined || typeof output !== "object" || output === null) {
    lines.push("stdout is not a JSON object: Claude Code treats it as plain text");
    return lines;
  }
  const specific = output.hookSpecificOutput ?? {};
  if (specific.permissionDecision)
    lines.push(`${specific.permissionDecision}${specific.permissionDecisionReason ? `: ${specific.permissionDecisionReason}` : ""}`);
  if (specific.decision?.behavior)
    lines.push(`${specific.decision.behavior}${specific.decision.message ? `: ${specific.decision.message}` : ""}`);
  if (output.decision === "block") lines.push(`block${output.reason ? `: ${output.reason}` : ""}`);
  if (specific.updatedInput) lines.push(`rewrites the tool input: ${JSON.stringify(specific.updatedInput)}`);
  if (specific.additionalContext) lines.push(`adds context for Claude: ${specific.additionalContext}`);
  if (output.systemMessage) lines.push(`shows the user: ${output.systemMessage}`);
  if (output.continue === false) lines.push(`stops Claude${output.stopReason ? `: ${output.stopReason}` : ""}`);
  if (output.async === true) lines.push("runs on in the background (async marker)");
  if (output.metrics) lines.push(`metrics: ${JSON.stringify(output.metrics)}`);
  if (lines.length === 0) lines.push(`answer without a decision: ${stdout.trim().slice(0, 200)}`);
  return lines;
}
