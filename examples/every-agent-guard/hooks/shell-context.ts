// After every shell command, reminds the model where it is working. Context after a tool reaches the
// model's next request on all five hosts, each in its own shape (docs/host-support.md); the hook declares that
// context is its only answer, so the build can check that.
import { answer, defineHook } from "../../../src/index.ts";

export default defineHook({
  name: "shell-context",
  event: "PostToolUse",
  matcher: "Bash",
  timeout: 10,
  answers: ["context"],
  run(input, ctx) {
    return answer.context(`shell-context: commands run in ${input.cwd ?? ctx.cwd}, for the ${ctx.host} host.`);
  },
});
