// A one-hook bundle for the Codex edit suite (test/hosts/codex/edits.test.ts): a fail-closed guard on
// Edit|Write, written as a Claude Code author would, that also reads Codex's apply_patch.
export const hooks = {
  "protect-files": () => import("./protect-files.ts"),
};
