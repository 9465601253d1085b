// The Node variant of bench/host-cost.ts: what a typical hook written for Node does before deciding
// anything (read the event to EOF, parse it), answering nothing.
let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {
  JSON.parse(text);
  process.exit(0);
});
