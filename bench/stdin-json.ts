// Bun's floor for a hook's I/O: read the event, parse it, answer nothing (bench/bench.ts).
export {};

const event = JSON.parse(await Bun.stdin.text());
if (event === null) console.log("{}");
