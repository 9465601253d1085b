// `release(options)`: turns a build into what a plugin author publishes.
//   <out>/assets/<bin>-<target>[.exe].gz       upload these where --base-url (and each mirror) points
//   <out>/manifest.json                         the same manifest the plugin carries
//   <out>/marketplace/                          a marketplace repository, ready to commit:
//     .claude-plugin/marketplace.json           lists the plugin below
//     plugins/<bin>/                            the thin plugin: plugin.json, hooks.json, launchers, fetcher,
//                                               manifest; no binary (a few tens of KB)
// Assets are gzip: the one format every OS unpacks with stock tools (gzip, Windows' tar.exe, .NET's GZipStream).
import { chmod, mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { build, type BuildLogger, type BuildOptions } from "../build.ts";
import { loadDefinitions } from "../../hosts/claude/hooks-json.ts";
import type { HookDefinition } from "../../runtime/types.ts";
import { loadProject } from "../../project/config.ts";
import { thinHooksJson } from "../../hosts/claude/thin-hooks-json.ts";
import { releaseLaunchers } from "./launchers.ts";
import { manifestText, releaseId, type ReleaseHook, type ReleaseManifest, type ReleaseTarget } from "./manifest.ts";

export interface ReleaseOptions {
  /** Project root (default: cwd). */
  root?: string;
  /** Output folder (default: release). */
  outDir?: string;
  /** Where the assets will be downloadable: <baseUrl>/<asset>. Default: package.json `hookkit.baseUrl`. */
  baseUrl?: string;
  /** More base URLs tried in order after baseUrl. Added to package.json `hookkit.mirrors`. */
  mirrors?: string[];
  /** Use an earlier build's output folder (manifest.json + bin/) instead of building now. */
  fromBuild?: string;
  /** Options for the build this release runs (targets, hook registry, names). */
  build?: Partial<BuildOptions>;
  /** hooks.json command form (default: shell). */
  hooksForm?: "shell" | "powershell";
  /** gzip level 1-9 (default 9). */
  level?: number;
  /** marketplace.json: its name (default `<bin>-plugins`) and owner (default: package.json author or the plugin name). */
  marketplaceName?: string;
  owner?: string;
  /** Progress, warnings and the asset table (the CLI passes its stderr logger). */
  logger: BuildLogger;
}

export interface ReleaseResult {
  outDir: string;
  pluginDir: string;
  marketplaceDir: string;
  manifest: ReleaseManifest;
  assets: { target: string; path: string; size: number }[];
  /** Total bytes of the thin plugin folder. */
  pluginBytes: number;
}

interface BuildManifest {
  name: string;
  version: string;
  bun: string;
  targets: { target: string; file: string; size: number; sha256: string }[];
}

interface ProjectConfig {
  baseUrl?: string;
  mirrors?: string[];
  marketplace?: { name?: string; owner?: string };
}

type Registry = Record<string, () => Promise<{ default: HookDefinition }>>;

const sha256 = (data: Uint8Array) => new Bun.CryptoHasher("sha256").update(data).digest("hex");

/** `https://host/path/` + asset, refusing what no launcher should ever download from. */
function assetUrl(base: string, asset: string): string {
  let url: URL;
  try {
    url = new URL(base.endsWith("/") ? base : `${base}/`);
  } catch {
    throw new Error(`"${base}" is not a URL (give --base-url https://…/download/v1.0.0)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`"${base}": only https (or http) URLs can be fetched`);
  return new URL(asset, url).href;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export async function release(options: ReleaseOptions): Promise<ReleaseResult> {
  const root = resolve(options.root ?? process.cwd());
  const log = options.logger;
  const pkg = (await Bun.file(join(root, "package.json")).json().catch(() => ({}))) as {
    author?: string | { name?: string };
    description?: string;
    hookkit?: ProjectConfig;
  };
  const config = pkg.hookkit ?? {};
  const baseUrl = options.baseUrl ?? config.baseUrl;
  if (!baseUrl) throw new Error("no --base-url: say where the assets will be downloadable (e.g. https://github.com/you/plugin/releases/download/v1.0.0)");
  const bases = [baseUrl, ...(config.mirrors ?? []), ...(options.mirrors ?? [])];

  // The binaries: a fresh build, or an earlier one.
  let buildDir: string;
  if (options.fromBuild) {
    buildDir = resolve(root, options.fromBuild);
  } else {
    const built = await build({ root, writeRepoHooks: false, logger: log, ...options.build });
    buildDir = built.outDir;
  }
  const built = (await Bun.file(join(buildDir, "manifest.json")).json()) as BuildManifest;
  if (!built.targets?.length) throw new Error(`${join(buildDir, "manifest.json")} lists no binaries; run \`hookkit build\` first`);
  const first = built.targets[0]!;
  const binName = basename(first.file).replace(/\.exe$/, "").slice(0, -(first.target.length + 1));
  const pluginName = options.build?.pluginName ?? built.name;

  // The hooks: a registry module when one is named (fixtures, one-off bundles), else the project's
  // config, as `hookkit build` reads it.
  let registry: Registry | undefined;
  if (options.build?.hooks) {
    const registryPath = resolve(root, options.build.hooks);
    const registryModule = (await import(registryPath)) as { hooks?: Registry; default?: Registry };
    registry = registryModule.hooks ?? registryModule.default;
    if (!registry) throw new Error(`${registryPath} exports no \`hooks\` registry`);
  } else {
    registry = loadProject(root).registry;
  }
  const defs = await loadDefinitions(registry);

  const outDir = resolve(root, options.outDir ?? "release");
  const assetsDir = join(outDir, "assets");
  await rm(assetsDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });

  const targets: Record<string, ReleaseTarget> = {};
  const assets: ReleaseResult["assets"] = [];
  for (const t of built.targets) {
    const file = basename(t.file);
    const bytes = new Uint8Array(await Bun.file(join(buildDir, t.file)).arrayBuffer());
    const binarySha = sha256(bytes);
    if (binarySha !== t.sha256) throw new Error(`${t.file} changed since it was built (sha256 differs from the build's manifest.json); build again`);
    log.start(`${t.target}: compressing ${file}`);
    const gz = Bun.gzipSync(bytes, { level: (options.level ?? 9) as 9 });
    const asset = `${file}.gz`;
    await Bun.write(join(assetsDir, asset), gz);
    targets[t.target] = {
      file,
      size: bytes.length,
      sha256: binarySha,
      asset,
      assetSize: gz.length,
      assetSha256: sha256(gz),
      urls: bases.map((b) => assetUrl(b, asset)),
    };
    assets.push({ target: t.target, path: join(assetsDir, asset), size: gz.length });
  }

  const hooks: ReleaseHook[] = defs.map((d) => ({
    name: d.name,
    event: d.event,
    failClosed: Boolean(d.failClosed),
    ...(d.timeout !== undefined ? { timeout: d.timeout } : {}),
  }));
  const manifest: ReleaseManifest = {
    schema: 1,
    name: pluginName,
    version: built.version,
    bin: binName,
    release: releaseId(targets),
    bun: built.bun,
    targets,
    hooks,
  };
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFile(join(outDir, "manifest.json"), manifestJson);

  // The thin plugin, inside a marketplace repository.
  const marketplaceDir = join(outDir, "marketplace");
  const pluginDir = join(marketplaceDir, "plugins", binName);
  await rm(pluginDir, { recursive: true, force: true });
  for (const sub of [".claude-plugin", "hooks", "bin"]) await mkdir(join(pluginDir, sub), { recursive: true });
  const description = pkg.description;
  await writeFile(
    join(pluginDir, ".claude-plugin", "plugin.json"),
    `${JSON.stringify({ name: pluginName, version: built.version, ...(description ? { description } : {}) }, null, 2)}\n`,
  );
  const hooksJson = thinHooksJson(defs, { binName, pluginName, release: manifest.release, form: options.hooksForm });
  await writeFile(join(pluginDir, "hooks", "hooks.json"), `${JSON.stringify(hooksJson, null, 2)}\n`);
  await writeFile(join(pluginDir, "manifest.json"), manifestJson);
  await writeFile(join(pluginDir, "bin", `${binName}.manifest`), manifestText(manifest));
  await writeFile(join(pluginDir, "bin", binName), releaseLaunchers.posix);
  await writeFile(join(pluginDir, "bin", `${binName}-fetch`), releaseLaunchers.fetch);
  await writeFile(join(pluginDir, "bin", `${binName}.ps1`), releaseLaunchers.powershell);
  await chmod(join(pluginDir, "bin", binName), 0o755);
  await chmod(join(pluginDir, "bin", `${binName}-fetch`), 0o755);

  const author = typeof pkg.author === "string" ? pkg.author.replace(/\s*<.*$/, "") : pkg.author?.name;
  const marketplace = {
    name: options.marketplaceName ?? config.marketplace?.name ?? `${binName}-plugins`,
    owner: { name: options.owner ?? config.marketplace?.owner ?? author ?? pluginName },
    plugins: [
      {
        name: pluginName,
        source: `./plugins/${binName}`,
        version: built.version,
        ...(description ? { description } : {}),
      },
    ],
  };
  await mkdir(join(marketplaceDir, ".claude-plugin"), { recursive: true });
  await writeFile(join(marketplaceDir, ".claude-plugin", "marketplace.json"), `${JSON.stringify(marketplace, null, 2)}\n`);

  const pluginBytes = await folderBytes(pluginDir);
  const rows = Object.entries(targets).map(([name, t]) => [name, t.asset, mb(t.assetSize), `${((100 * t.assetSize) / t.size).toFixed(1)} %`, t.assetSha256.slice(0, 12)]);
  log.table(["target", "asset", "size", "of binary", "sha256"], rows);
  log.success(`thin plugin: ${relative(root, pluginDir)} (${(pluginBytes / 1024).toFixed(1)} KB, no binary); marketplace: ${relative(root, marketplaceDir)}`);
  log.info(`upload ${relative(root, assetsDir)}/* so that ${targets[first.target]!.urls[0]} resolves`);
  return { outDir, pluginDir, marketplaceDir, manifest, assets, pluginBytes };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
