// Bun's floor: an empty program compiled with the same flags as the hooks (bench/bench.ts).
export {};
