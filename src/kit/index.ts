// Helpers hooks share. Import the module you need directly on a hook's hot path
// (e.g. "hookkit/kit/files") to keep startup lean; this index is for convenience.
export * from "./state.ts";
export * from "./files.ts";
export * from "./cache.ts";
