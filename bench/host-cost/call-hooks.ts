// Registry for the tool.call mod bench/host-cost.ts builds: the same do-nothing hook, declared to answer
// only deny, so the mod runs it on the host's tool.call event instead of classic.PreToolUse.
export const hooks = { "trivial-call": () => import("./trivial-call.ts") };
