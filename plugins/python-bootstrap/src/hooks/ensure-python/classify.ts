// Turn a failed venv/pip child's stderr into an error kind. Same tests, same order as the seed:
// the first match wins, so e.g. pip's "could not find a version" beats the "connection
// refused" retry warnings printed before it (observed with the index on a dead port).

interface Rule {
  kind: string;
  test: (s: string) => boolean;
}

const has = (s: string, ...needles: string[]) => needles.some((n) => s.includes(n));

export const STDERR_RULES: readonly Rule[] = [
  { kind: "pip_no_match", test: (s) => has(s, "no matching distribution", "could not find a version") },
  {
    kind: "dns_fail",
    test: (s) => has(s, "name or service not known", "name resolution", "nodename nor servname", "temporary failure in name"),
  },
  { kind: "conn_refused", test: (s) => has(s, "connection refused", "connection reset") },
  { kind: "ssl_verify", test: (s) => s.includes("ssl") && has(s, "verify", "certificate") },
  { kind: "perm_denied", test: (s) => has(s, "permission denied", "read-only file system") },
  { kind: "no_pip", test: (s) => has(s, "no module named pip", "no module named ensurepip") },
  { kind: "disk_full", test: (s) => has(s, "no space left", "disk quota") },
  { kind: "proxy_auth", test: (s) => s.includes("proxy") && has(s, "authent", "tunnel", "407") },
  { kind: "stderr_timeout", test: (s) => has(s, "timeout", "timed out") },
];

/** Error kind for a child that exited non-zero; `other:<tail>` (code 99) when nothing matches. */
export function classifyStderr(stderr: string): string {
  const s = stderr.toLowerCase();
  for (const rule of STDERR_RULES) if (rule.test(s)) return rule.kind;
  // Python's str.strip()/splitlines() work on Unicode whitespace; JS trim() matches closely.
  const lines = stderr.split(/\r\n|\r|\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line) return `other:${[...line].slice(0, 60).join("")}`;
  }
  return "other";
}
