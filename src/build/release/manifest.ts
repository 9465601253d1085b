// The release manifest: what a thin plugin knows about the binaries it does not carry. Two renderings of the
// same data, written side by side by `hookkit release`:
// - manifest.json at the plugin root, for tools, `hookkit fetch` and the PowerShell launcher (ConvertFrom-Json);
// - bin/<bin>.manifest, one record per line, space-separated, for the POSIX launcher and fetcher, which read it
//   with the shell's `read` and no other program:
//     release <id>
//     plugin <name> <version>
//     target <target> <file> <size> <sha256> <asset> <asset-size> <asset-sha256> <url> [<url>…]
//     hook <name> <event> <open|closed> <timeout-seconds>
// The release id names the set of binaries (a hash of each target's name and sha256): the link that warm starts
// go through is named after it, so an update that changes a binary gets a new link and one that keeps every
// binary keeps the old link (and downloads nothing).

export interface ReleaseTarget {
  /** Binary file name, e.g. hookkit-linux-x64 (the name it gets in the store). */
  file: string;
  /** Size and sha256 of the unpacked binary. */
  size: number;
  sha256: string;
  /** The compressed asset to upload: <file>.gz. */
  asset: string;
  assetSize: number;
  assetSha256: string;
  /** Where the asset can be downloaded from, tried in order: the base URL, then each mirror. */
  urls: string[];
}

export interface ReleaseHook {
  name: string;
  event: string;
  failClosed: boolean;
  /** Seconds; the launcher waits for a running download at most this less 2 s. */
  timeout?: number;
}

export interface ReleaseManifest {
  schema: 1;
  name: string;
  version: string;
  /** Base name of the launcher and binaries. */
  bin: string;
  release: string;
  bun: string;
  targets: Record<string, ReleaseTarget>;
  hooks: ReleaseHook[];
}

export function releaseId(targets: Record<string, Pick<ReleaseTarget, "sha256">>): string {
  const hasher = new Bun.CryptoHasher("sha256");
  for (const name of Object.keys(targets).sort()) hasher.update(`${name} ${targets[name]!.sha256}\n`);
  return hasher.digest("hex").slice(0, 16);
}

const SAFE = /^[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+$/;

/** The line rendering. Every field is one shell word: names are checked, URLs must not hold spaces or quotes. */
export function manifestText(m: ReleaseManifest): string {
  const word = (value: string, what: string) => {
    if (!SAFE.test(value) || value.includes('"') || value.includes("\\")) {
      throw new Error(`${what} "${value}" cannot go into the launcher's manifest (spaces, quotes and backslashes are not allowed)`);
    }
    return value;
  };
  const lines = [
    "# hookkit release manifest, read by bin/" + m.bin + " and bin/" + m.bin + "-fetch. Generated; do not edit.",
    `release ${m.release}`,
    `plugin ${word(m.name, "plugin name")} ${word(m.version, "version")}`,
  ];
  for (const [target, t] of Object.entries(m.targets)) {
    const urls = t.urls.map((u) => word(u, "URL"));
    lines.push(["target", target, word(t.file, "file"), t.size, t.sha256, word(t.asset, "asset"), t.assetSize, t.assetSha256, ...urls].join(" "));
  }
  for (const h of m.hooks) lines.push(["hook", word(h.name, "hook name"), h.event, h.failClosed ? "closed" : "open", h.timeout ?? 600].join(" "));
  return `${lines.join("\n")}\n`;
}

/** Reads and checks a manifest.json (the fields `hookkit fetch` relies on). */
export async function readManifest(path: string): Promise<ReleaseManifest> {
  const m = (await Bun.file(path).json()) as ReleaseManifest;
  if (m?.schema !== 1 || typeof m.targets !== "object" || !m.targets) throw new Error(`${path} is not a hookkit release manifest`);
  for (const [name, t] of Object.entries(m.targets)) {
    if (!/^[0-9a-f]{64}$/.test(t.sha256) || !/^[0-9a-f]{64}$/.test(t.assetSha256) || !t.file) {
      throw new Error(`${path}: target ${name} lacks a file name or a valid sha256`);
    }
  }
  return m;
}
