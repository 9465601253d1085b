// Registry for the plugin bundle bench/host-cost.ts builds.
export const hooks = { trivial: () => import("./trivial.ts") };
