// The example's hook registry: `hookkit build --hooks hooks/index.ts --host claude,codex,gemini,copilot,cursor`.
export const hooks = {
  "no-rm-rf": () => import("./no-rm-rf.ts"),
  "shell-context": () => import("./shell-context.ts"),
};
