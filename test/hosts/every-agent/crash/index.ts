// A second, one-hook bundle for the conformance suites: a fail-closed shell guard that always crashes.
// Installed alone in a session, it shows what each host does when a fail-closed hook cannot decide.
export const hooks = {
  "crash-guard": () => import("./crash-guard.ts"),
};
