// Registry for the mod and twin bench/host-cost.ts builds (a mod refuses its twin whole: one hook, one pair).
export const hooks = { "trivial-mod": () => import("./trivial-mod.ts") };
