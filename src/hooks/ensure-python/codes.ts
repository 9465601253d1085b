// Integer telemetry codes, identical to those of security-guidance's ensure_agent_sdk.py.
// The host drops string metric values, so phase and error kind travel as integers.
// APPEND-ONLY: codes.lock.json pins every name->code pair and codes.test.ts fails when one
// changes or a retired code is reused.

export const OUTCOME = {
  NOOP_SYSTEM: 0, // module already importable by the system interpreter
  NOOP_VENV: 1, // venv already built and the module imports from it
  BUILT: 2, // venv created and package installed this run
  BUILD_FAILED: 3, // venv creation or pip install failed or timed out
  // 4 was SKIP_WIN32, retired upstream when the consumer learned the Windows venv layout.
  // Older builds still emit it: never reuse.
  SKIP_SENTINEL: 5, // another run is building right now
  HOOK_PY_INCOMPATIBLE: 6, // only Python < 3.10 available
} as const;

export type Outcome = (typeof OUTCOME)[keyof typeof OUTCOME];

/** Codes that must never be assigned again. */
export const RETIRED_OUTCOMES: Record<string, number> = { SKIP_WIN32: 4 };

export const PHASE = {
  pre: 1, // before the venv: state dir, sentinel
  venv: 2, // python -m venv --clear
  pip: 3, // pip install
  main: 4, // uncaught error around the bootstrap
} as const;

export type Phase = keyof typeof PHASE | "hook_py";

export const ERR = {
  pip_no_match: 1,
  dns_fail: 2,
  conn_refused: 3,
  ssl_verify: 4,
  perm_denied: 5,
  no_pip: 6,
  disk_full: 7,
  proxy_auth: 8,
  stderr_timeout: 9, // pip's stderr mentions a timeout
  subprocess_timeout: 10, // we killed the child at its deadline
  // 11-98 reserved (upstream later used 11-16 for venv-phase kinds and signal kills).
  _uncategorized: 99, // "exc:<Type>", "other:<tail>", anything unmapped
} as const;

/** Phase name -> code; unknown or empty phases (e.g. "hook_py") encode as 0, like the seed. */
export function encodePhase(phase: string | undefined): number {
  const key = (phase ?? "").trim();
  return Object.hasOwn(PHASE, key) ? PHASE[key as keyof typeof PHASE] : 0;
}

/** Error kind -> code; empty is 0, anything not in the table is 99. */
export function encodeErr(kind: string | undefined): number {
  const key = (kind ?? "").trim();
  if (!key) return 0;
  return Object.hasOwn(ERR, key) && key !== "_uncategorized" ? ERR[key as keyof typeof ERR] : ERR._uncategorized;
}
