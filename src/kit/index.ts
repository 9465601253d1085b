// Helpers hooks share. Every kit module loads its built-ins on first use (base/lazy.ts), so importing
// this index puts none of them on a hook's start path (test/architecture/startup-path.test.ts).
export * from "../base/state.ts";
export * from "./files.ts";
export * from "./cache.ts";
