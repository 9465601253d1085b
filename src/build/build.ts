// `build(options)`: compiles the multi-call binary for each target, checks every output's header, and writes
// dist/bin/, dist/manifest.json and dist/plugin/ (plus the repository's hooks/hooks.json). Used by build.ts
// and `hookkit build`.
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadProject, parseConfig, type Project } from "../project/config.ts";
import { checkBinary, readBinaryInfo, type BinaryInfo } from "./binary-format.ts";
import { compileTarget } from "./compile.ts";
import { writeEntry } from "./entry.ts";
import { hooksJsonText, loadDefinitions, type HooksForm } from "../hosts/claude/hooks-json.ts";
import { readMachOSignature, type SignatureCheck } from "./macho-signature.ts";
import { writePlugin, type PluginMeta } from "./plugin.ts";
import { registryFiles, verdictLines, writeModPlugin, type ModPluginResult } from "./mod/generate.ts";
import { binaryName, resolveTargets, type Target } from "./targets.ts";
import type { HostName } from "../hosts/capabilities.ts";

export interface BuildOptions {
  /** Project root: a folder whose package.json has a "hookkit" key (default: the project at or above cwd). */
  root?: string;
  /** Targets: names from targets.ts, `host`, or `all` (default: the five shipped targets). */
  targets?: string[];
  /** Output directory (default: dist). */
  outDir?: string;
  /** Your own multi-call entry. Default: generated from the project's hooks (src/build/entry.ts). */
  entry?: string;
  /**
   * A registry module (`export const hooks = { name: () => import("./name.ts") }`) to build instead of the
   * config's hooks; then the folder needs no "hookkit" config (test fixtures, one-off bundles).
   */
  hooks?: string;
  /** Plugin name for .claude-plugin/plugin.json (default: package.json "hookkit.name"). */
  pluginName?: string;
  /** Base name of the launcher and binaries, bin/<binName>-<os>-<cpu> (default: the plugin name). */
  binName?: string;
  /** How hooks.json starts the launcher (see hooks-json.ts). */
  hooksForm?: HooksForm;
  /** Also write <root>/hooks/hooks.json (default: true). */
  writeRepoHooks?: boolean;
  /** Only regenerate <root>/hooks/hooks.json (seconds instead of minutes; after adding or changing a hook). */
  hooksJsonOnly?: boolean;
  /** Also write the Claude Code mod of the hooks (dist/mod/) when every hook can run in-process (default: true). */
  mod?: boolean;
  /** Where progress, warnings and the closing table of binaries go (the CLI passes its stderr logger). */
  logger: BuildLogger;
  /**
   * Hosts besides Claude Code to write a bundle for (dist/<host>/). Every hook is checked against each
   * host's capabilities first: a hook that could give an answer a host would drop is refused by name.
   */
  hosts?: readonly HostName[];
}

/** A progress sink. The build says what happened; how it looks (badges, colours, table layout) is the caller's. */
export interface BuildLogger {
  start(message: string): void;
  success(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  log(message: string): void;
  /** A table with a header row, e.g. one row per binary built. */
  table(header: string[], rows: string[][]): void;
}

export interface BuiltBinary {
  target: string;
  file: string;
  size: number;
  sha256: string;
  format: BinaryInfo["format"];
  cpu: BinaryInfo["cpu"];
  /** darwin: does the Mach-O code signature match the file (macho-signature.ts)? windows: Authenticode present? */
  signature?: SignatureCheck["status"] | "authenticode" | "no authenticode";
  ms: number;
}

export interface BuildResult {
  outDir: string;
  pluginDir: string;
  manifestPath: string;
  hooksJson: string;
  binaries: BuiltBinary[];
  /** The mod target: per-hook verdicts, and the mod plugin when it was written. */
  mod?: ModPluginResult;
  /** dist/<host>/ folders written for the `hosts` option. */
  hostDirs?: Partial<Record<HostName, string[]>>;
}

export async function sha256File(path: string): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  hasher.update(await Bun.file(path).arrayBuffer());
  return hasher.digest("hex");
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const project = options.hooks ? await registryProject(resolve(options.root ?? process.cwd()), options.hooks) : loadProject(resolve(options.root ?? process.cwd()));
  const root = project.root;
  const log = options.logger;
  const pluginName = options.pluginName ?? project.name;
  const binName = options.binName ?? pluginName.replace(/^@[^/]+\//, "").replace(/[^a-z0-9-]+/gi, "-").toLowerCase();
  const outDir = resolve(root, options.outDir ?? "dist");
  const targets = resolveTargets(options.targets);

  if (Object.keys(project.registry).length === 0)
    throw new Error(`${join(root, "package.json")} lists no hooks under "hookkit.hooks"; add one with \`hookkit new <name> --event <Event>\``);
  const defs = await loadDefinitions(project.registry);
  // Before any compiling: a hook a host cannot honour must never be built for it.
  // Unset, the hosts are the project's own choice: package.json `"hookkit": { "hosts": [...] }`.
  const hosts = options.hosts ?? (project.hosts as HostName[]);
  const otherHosts = hosts.filter((h): h is Exclude<HostName, "claude"> => h !== "claude");
  if (hosts.length > 0) (await import("../hosts/config-common.ts")).assertHostsCanHonour(defs, hosts);
  const hooksJson = hooksJsonText(defs, { binName, pluginName, form: options.hooksForm });
  if (options.hooksJsonOnly) {
    await writeRepoHooksJson(root, hooksJson);
    log.success(`hooks/hooks.json: ${defs.length} hooks`);
    return { outDir, pluginDir: join(outDir, "plugin"), manifestPath: join(outDir, "manifest.json"), hooksJson, binaries: [] };
  }

  const entry = options.entry ? resolve(root, options.entry) : await writeEntry(project, outDir, "registryModule" in project ? (project.registryModule as string) : undefined);

  await mkdir(join(outDir, "bin"), { recursive: true });
  const binaries: BuiltBinary[] = [];
  const problems: string[] = [];
  for (const target of targets) {
    log.start(`${target.name}: compiling`);
    const built = await buildOne(entry, target, outDir, binName, root);
    const mismatch = checkBinary(built.info, target);
    if (mismatch.length) problems.push(`${built.file}: ${mismatch.join("; ")}`);
    binaries.push(built.binary);
    log.success(`${target.name}: ${built.file} (${mb(built.binary.size)}, ${(built.binary.ms / 1000).toFixed(1)} s)`);
    if (built.signature && built.signature.status !== "valid") {
      const what = built.signature.status === "unsigned" ? "has no code signature" : `has a code signature that does not match the file (${built.signature.badPages} of ${built.signature.pages} pages)`;
      log.warn(`${target.name}: ${built.file} ${what}; macOS kills it on launch. Re-sign it on a Mac before release: codesign --force -s - ${built.file}`);
    }
    if (built.binary.signature === "no authenticode") {
      log.info(`${target.name}: ${built.file} is not Authenticode-signed; sign it before release (signtool, or osslsigncode on Linux) or antivirus may flag it`);
    }
  }
  if (problems.length) throw new Error(`built binaries do not match their targets:\n${problems.join("\n")}`);

  const manifestPath = join(outDir, "manifest.json");
  const manifest = {
    name: pluginName,
    version: project.version,
    bun: Bun.version,
    builtAt: new Date().toISOString(),
    entry: options.entry ? relative(root, entry) : "generated from package.json \"hookkit\"",
    hooks: defs.map((d) => d.name),
    targets: binaries.map(({ ms: _ms, ...b }) => b),
  };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  const pluginDir = join(outDir, "plugin");
  const meta: PluginMeta = { name: pluginName, version: project.version, description: project.description, author: project.author };
  await writePlugin({
    dir: pluginDir,
    binName,
    meta,
    hooksJsonText: hooksJson,
    binaries: binaries.map((b) => ({ path: join(outDir, b.file), file: basename(b.file) })),
  });
  if (options.writeRepoHooks ?? true) await writeRepoHooksJson(root, hooksJson);
  const hostDirs: Partial<Record<HostName, string[]>> = {};
  if (otherHosts.length > 0) {
    const { writeHostBundles } = await import("./host-bundles.ts");
    for (const host of otherHosts) {
      hostDirs[host] = await writeHostBundles({
        outDir,
        host,
        defs,
        meta,
        binName,
        binaries: binaries.map((b) => ({ path: join(outDir, b.file), file: basename(b.file) })),
      });
      log.success(`${host}: ${hostDirs[host]!.map((d) => relative(root, d) || ".").join(", ")}`);
    }
  }

  let mod: ModPluginResult | undefined;
  if (options.mod ?? true) {
    const files =
      "registryModule" in project
        ? registryFiles(project.registryModule as string)
        : new Map(Object.entries(project.hooks).map(([name, file]) => [name, resolve(root, file)]));
    mod = await writeModPlugin({
      dir: join(outDir, "mod"),
      root: commonDir(root, fileURLToPath(new URL("../..", import.meta.url))),
      name: `${pluginName}-mod`,
      version: project.version,
      twin: pluginName,
      hooks: defs.map((def) => ({ def, file: files.get(def.name) ?? join(root, "(not found in the registry)") })),
    });
    for (const line of verdictLines(mod.verdicts)) log.info(`mod: ${line}`);
    if (mod.written) log.success(`mod plugin: ${relative(root, mod.dir)} (twin: ${pluginName})`);
    else log.info(`mod plugin: not written (every hook of ${pluginName} must be mod-capable: a mod refuses its twin whole)`);
  }

  const rows = binaries.map((b) => [b.target, b.file, mb(b.size), `${b.format}/${b.cpu}${signatureLabel(b)}`, b.sha256.slice(0, 12)]);
  log.table(["target", "file", "size", "checked", "sha256"], rows);
  log.success(`plugin bundle: ${relative(root, pluginDir) || "."} (${defs.length} hooks, ${binaries.length} binaries)`);
  return { outDir, pluginDir, manifestPath, hooksJson, binaries, mod, hostDirs };
}

/** The deepest folder holding both paths. */
function commonDir(a: string, b: string): string {
  const x = resolve(a).split(/[\\/]/);
  const y = resolve(b).split(/[\\/]/);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return x.slice(0, i).join("/") || "/";
}

async function writeRepoHooksJson(root: string, text: string): Promise<void> {
  await mkdir(join(root, "hooks"), { recursive: true });
  await writeFile(join(root, "hooks", "hooks.json"), text);
}

async function buildOne(entry: string, target: Target, outDir: string, binName: string, root: string) {
  const file = join("bin", binaryName(binName, target));
  const path = join(outDir, file);
  const { ms } = await compileTarget(entry, target, path, root);
  const info = await readBinaryInfo(path);
  const size = Bun.file(path).size;
  const signature = target.os === "darwin" && info.format === "macho" ? await readMachOSignature(path) : undefined;
  const authenticode = info.format === "pe" ? (info.authenticode ? "authenticode" : "no authenticode") : undefined;
  const binary: BuiltBinary = {
    target: target.name,
    file,
    size,
    sha256: await sha256File(path),
    format: info.format,
    cpu: info.cpu,
    ...(signature ? { signature: signature.status } : authenticode ? { signature: authenticode } : {}),
    ms,
  };
  return { file, info, binary, signature };
}

const signatureLabel = (b: BuiltBinary) => (!b.signature ? "" : b.format === "macho" ? `, signature ${b.signature}` : `, ${b.signature}`);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A project made from a registry module and the folder's package.json (if any): `build({ hooks })`. */
async function registryProject(root: string, hooks: string): Promise<Project & { registryModule: string }> {
  const registryModule = resolve(root, hooks);
  const mod = (await import(registryModule)) as { hooks?: Project["registry"]; default?: Project["registry"] };
  const registry = mod.hooks ?? mod.default;
  if (!registry) throw new Error(`${registryModule} exports no \`hooks\` registry ({ name: () => import("./name.ts") })`);
  const pkg = (await Bun.file(join(root, "package.json")).json().catch(() => ({}))) as Record<string, unknown>;
  const config = pkg.hookkit === undefined ? undefined : parseConfig({ ...pkg, hookkit: { hooks: {}, ...(pkg.hookkit as object) } }, join(root, "package.json"));
  return {
    root,
    name: config?.name ?? (typeof pkg.name === "string" ? pkg.name : basename(root)),
    version: config?.version ?? (typeof pkg.version === "string" ? pkg.version : "0.0.0"),
    description: config?.description ?? (typeof pkg.description === "string" ? pkg.description : undefined),
    author: config?.author,
    hooks: Object.fromEntries(Object.keys(registry).map((n) => [n, n])),
    hosts: config?.hosts ?? [],
    registry,
    registryModule,
  };
}
