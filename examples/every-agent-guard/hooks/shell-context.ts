// After every shell command, reminds the model where it is working. Context after a tool reaches the
// model's next request on Claude Code, Codex, Gemini CLI and Cursor; Copilot CLI ignores this event's
// output, so the hook declares that its context may be dropped there (`degrade`) instead of the build
// refusing it.
import { answer, defineHook } from "../../../src/runtime/index.ts";

export default defineHook({
  name: "shell-context",
  event: "PostToolUse",
  matcher: "Bash",
  timeout: 10,
  answers: ["context"],
  degrade: { context: "none" },
  run(input, ctx) {
    return answer.context(`shell-context: commands run in ${input.cwd ?? ctx.cwd}, for the ${ctx.host} host.`);
  },
});
