// A commit-review hook in the shape of security-guidance's: PostToolUse on `git commit`, asks a
// model for a verdict with structured output, and tells Claude when the review could not run.
// Used by process.test.ts as a real child process; runnable on its own:
//   ANTHROPIC_API_KEY=… bun run src/kit/llm/_example-hook.ts < post-tool-use.json
import { answer, defineHook, runHookMain } from "../../index.ts";
import { callModel } from "./client.ts";

const VERDICT = {
  type: "object",
  properties: { verdict: { type: "string", enum: ["safe", "risky"] }, findings: { type: "array", items: { type: "string" } } },
  required: ["verdict", "findings"],
  additionalProperties: false,
};

export const commitReview = defineHook({
  name: "commit-review",
  event: "PostToolUse",
  matcher: "Bash",
  timeout: 20,
  async run(input, ctx) {
    const command = (input.tool_input as { command?: unknown }).command;
    if (typeof command !== "string" || !command.startsWith("git commit")) return answer.none(); // no call, no metrics
    const r = await callModel(ctx, {
      model: "claude-haiku-4-5",
      maxTokens: 512,
      system: "You review commits for security problems. Answer with the JSON verdict only.",
      prompt: `Command: ${command}`,
      schema: VERDICT,
    });
    if (!r.ok) {
      // Counted in metrics already (http_err_*); say so instead of looking like a clean review.
      ctx.log(r.message);
      return answer.context(`Security review did not run: ${r.message}`);
    }
    const { verdict, findings } = r.json as { verdict: string; findings: string[] };
    return verdict === "risky" ? answer.context(`Security review found issues: ${findings.join("; ")}`) : answer.none();
  },
});

export default commitReview;

if (import.meta.main) await runHookMain(commitReview);
