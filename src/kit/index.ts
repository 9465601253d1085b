// Helpers hooks share. Every kit module loads its built-ins on first use (kit/lazy.ts), so importing
// this index puts none of them on a hook's start path (test/architecture/startup-path.test.ts).
export * from "./state.ts";
export * from "./files.ts";
export * from "./cache.ts";
