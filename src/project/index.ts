// The author's project: its config (package.json "hookkit") and its hooks.
export * from "./config.ts";
