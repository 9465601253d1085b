// Build targets: the names we accept, the Bun `--target` each maps to, and the file name of its binary.
// The five default targets are what a plugin bundle ships; musl, baseline and windows-arm64 are on request.

export type Os = "linux" | "darwin" | "windows";
export type Cpu = "x64" | "arm64";

export interface Target {
  /** Our name, also the binary suffix: `linux-x64`, `linux-x64-musl`, `linux-x64-baseline`, ... */
  name: string;
  os: Os;
  cpu: Cpu;
  /** "musl" for Alpine-style Linux, "baseline" for pre-AVX2 x64 CPUs (Bun now resolves it to the same runtime). */
  variant?: "musl" | "baseline";
  /** The value passed to `bun build --target`. */
  bunTarget: string;
}

export const DEFAULT_TARGETS = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "windows-x64"] as const;

const KNOWN = [
  ...DEFAULT_TARGETS,
  "linux-x64-musl",
  "linux-arm64-musl",
  "linux-x64-baseline",
  "windows-arm64",
] as const;

export function parseTarget(name: string): Target {
  if (name === "host") return hostTarget();
  if (!(KNOWN as readonly string[]).includes(name)) {
    throw new Error(`unknown target "${name}"; known: host, ${KNOWN.join(", ")}`);
  }
  const [os, cpu, variant] = name.split("-") as [Os, Cpu, Target["variant"]];
  return { name, os, cpu, variant, bunTarget: `bun-${name}` };
}

/** Accepts a comma list or repeated values; `all` = the five default targets; duplicates are dropped. */
export function resolveTargets(names: readonly string[] | undefined): Target[] {
  const wanted = (names?.length ? names : DEFAULT_TARGETS)
    .flatMap((n) => n.split(","))
    .map((n) => n.trim())
    .filter(Boolean)
    .flatMap((n) => (n === "all" ? [...DEFAULT_TARGETS] : [n]));
  const out = new Map<string, Target>();
  for (const n of wanted) {
    const t = parseTarget(n);
    out.set(t.name, t);
  }
  return [...out.values()];
}

export function hostTarget(platform: string = process.platform, arch: string = process.arch): Target {
  const os: Os | undefined =
    platform === "linux" ? "linux" : platform === "darwin" ? "darwin" : platform === "win32" ? "windows" : undefined;
  const cpu: Cpu | undefined = arch === "x64" ? "x64" : arch === "arm64" ? "arm64" : undefined;
  if (!os || !cpu) throw new Error(`no Bun target for this machine (${platform}-${arch})`);
  return parseTarget(`${os}-${cpu}`);
}

/** `hookkit-linux-x64`, `hookkit-windows-x64.exe`: the name the launcher looks for. */
export function binaryName(binName: string, target: Target): string {
  return `${binName}-${target.name}${target.os === "windows" ? ".exe" : ""}`;
}
