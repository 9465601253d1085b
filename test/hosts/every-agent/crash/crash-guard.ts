import { defineHook } from "../../../../src/runtime/index.ts";

export default defineHook({
  name: "crash-guard",
  event: "PreToolUse",
  matcher: "Bash",
  timeout: 10,
  failClosed: true,
  answers: ["deny"],
  run() {
    throw new Error("crash-guard always crashes");
  },
});
