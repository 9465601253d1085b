// A thin plugin made by `hookkit release`, run the way Claude Code runs it (`sh -c` with the hooks.json command,
// CLAUDE_PLUGIN_ROOT and CLAUDE_PLUGIN_DATA set, the event on stdin), against a real HTTP server on 127.0.0.1
// that serves the release's assets, or a tampered copy, or errors, or stalls half-way. The binary is the fixture
// project's real compiled binary (test/fixtures/release-project: a fail-closed `guard` on Bash, a fail-open
// `read-note` on Read).
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReleaseResult } from "../../src/build/release/index.ts";
import { fixtureBuild, fixtureRelease, PROJECT } from "./_release.ts";

const REPO = join(import.meta.dir, "..", "..");

type Mode = "ok" | "flip" | "evil" | "503" | "stall";
let mode: Mode = "ok";
const requests: string[] = [];
let asset: Uint8Array<ArrayBuffer>;
let evil: Uint8Array<ArrayBuffer>;
let stallSent = false;

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  idleTimeout: 0,
  fetch(req) {
    const path = new URL(req.url).pathname;
    requests.push(path);
    if (!path.endsWith(".gz")) return new Response("not found", { status: 404 });
    if (mode === "503") return new Response("maintenance", { status: 503 });
    if (mode === "flip") {
      const copy = asset.slice();
      copy[copy.length >> 1]! ^= 0x01;
      return new Response(copy);
    }
    if (mode === "evil") return new Response(evil);
    if (mode === "stall") {
      // Half the body, then nothing: the fetch hangs mid-download until it is killed.
      const half = asset.subarray(0, asset.length >> 1);
      return new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(half);
            stallSent = true;
          },
        }),
        { headers: { "content-length": String(asset.length) } },
      );
    }
    return new Response(asset);
  },
});

let rel: ReleaseResult;
let hooks: { hooks: Record<string, { matcher?: string; hooks: { command: string }[] }[]> };
let sha: string;
let file: string;
const temps: string[] = [];

beforeAll(async () => {
  rel = await fixtureRelease(`http://127.0.0.1:${server.port}/dl/v1.2.3`);
  temps.push(rel.outDir);
  asset = new Uint8Array(readFileSync(rel.assets[0]!.path));
  const marker = join(rel.outDir, "evil-ran");
  evil = Bun.gzipSync(new TextEncoder().encode(`#!/bin/sh\ntouch '${marker}'\n`));
  hooks = JSON.parse(readFileSync(join(rel.pluginDir, "hooks", "hooks.json"), "utf8"));
  const target = Object.values(rel.manifest.targets)[0]!;
  sha = target.sha256;
  file = target.file;
}, 120_000);

afterAll(() => {
  server.stop(true);
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  mode = "ok";
  requests.length = 0;
  stallSent = false;
});

function machine() {
  const root = mkdtempSync(join(tmpdir(), "hookkit-user-"));
  temps.push(root);
  const data = join(root, "plugin-data");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: join(root, "home"),
    HOOKKIT_STATE_DIR: join(root, "state"),
    CLAUDE_PLUGIN_ROOT: rel.pluginDir,
    CLAUDE_PLUGIN_DATA: data,
  };
  return { root, data, store: join(data, "bin"), env };
}

const command = (event: string, matcher?: string) =>
  hooks.hooks[event]!.find((g) => g.matcher === matcher)!.hooks[0]!.command;
const sessionCommand = () => command("SessionStart", "startup|resume|clear");

const preToolUse = (tool: string, input: Record<string, unknown>) =>
  JSON.stringify({ session_id: "s1", transcript_path: "/tmp/t.jsonl", cwd: "/tmp", hook_event_name: "PreToolUse", tool_name: tool, tool_input: input, tool_use_id: "toolu_1" });
const sessionStart = JSON.stringify({ session_id: "s1", transcript_path: "/tmp/t.jsonl", cwd: "/tmp", hook_event_name: "SessionStart", source: "startup" });

async function sh(cmd: string, stdin: string, env: Record<string, string>) {
  const child = Bun.spawn(["/bin/sh", "-c", cmd], { env, stdin: new TextEncoder().encode(stdin), stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { out, err, code };
}

const guard = (env: Record<string, string>, cmd = "echo forbidden") => sh(command("PreToolUse", "Bash"), preToolUse("Bash", { command: cmd }), env);
const readNote = (env: Record<string, string>) => sh(command("PreToolUse", "Read"), preToolUse("Read", { file_path: "/tmp/secret.txt" }), env);

/** Waits (bounded) until nothing holds the fetch lock of this sha: the background fetch has ended. */
async function fetchSettled(store: string) {
  for (let i = 0; i < 600 && existsSync(join(store, `${sha}.lock`)); i++) await Bun.sleep(100);
}

/** Every executable regular file under a folder. */
function executables(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && (statSync(join(e.parentPath, e.name)).mode & 0o111) !== 0)
    .map((e) => join(e.parentPath, e.name));
}

describe("hookkit release: the thin plugin", () => {
  test("holds launchers, fetcher, manifest and hooks.json, no binary, well under 1 MB", () => {
    const files = readdirSync(rel.pluginDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const names = files.map((e) => join(e.parentPath, e.name).slice(rel.pluginDir.length + 1)).sort();
    expect(names).toEqual([".claude-plugin/plugin.json", "bin/guarded", "bin/guarded-fetch", "bin/guarded.manifest", "bin/guarded.ps1", "hooks/hooks.json", "manifest.json"]);
    expect(rel.pluginBytes).toBeLessThan(100 * 1024);
    expect(Math.max(...files.map((e) => statSync(join(e.parentPath, e.name)).size))).toBeLessThan(64 * 1024);
  });

  test("the manifest describes the uploaded asset and the binary it unpacks to", () => {
    const t = Object.values(rel.manifest.targets)[0]!;
    expect(t.assetSize).toBe(asset.length);
    expect(t.assetSha256).toBe(new Bun.CryptoHasher("sha256").update(asset).digest("hex"));
    const binary = Bun.gunzipSync(asset);
    expect(t.size).toBe(binary.length);
    expect(t.sha256).toBe(new Bun.CryptoHasher("sha256").update(binary).digest("hex"));
    expect(t.urls).toEqual([`http://127.0.0.1:${server.port}/dl/v1.2.3/${t.asset}`]);
    const text = readFileSync(join(rel.pluginDir, "bin", "guarded.manifest"), "utf8");
    expect(text).toContain(`target ${Object.keys(rel.manifest.targets)[0]} ${t.file} ${t.size} ${t.sha256} ${t.asset} ${t.assetSize} ${t.assetSha256} ${t.urls[0]}\n`);
    expect(text).toContain("hook guard PreToolUse closed 10\n");
    expect(text).toContain("hook read-note PreToolUse open 5\n");
  });

  test("marketplace.json lists the plugin at a path that exists in the marketplace folder", () => {
    const market = JSON.parse(readFileSync(join(rel.marketplaceDir, ".claude-plugin", "marketplace.json"), "utf8"));
    expect(market.plugins).toHaveLength(1);
    expect(market.plugins[0].name).toBe("guarded");
    expect(existsSync(join(rel.marketplaceDir, market.plugins[0].source, ".claude-plugin", "plugin.json"))).toBe(true);
    expect(market.owner.name).toBeTruthy();
  });
});

describe("the launcher fetches once, verified", () => {
  test("first run downloads, verifies and answers; the next runs go through the link in the data folder and download nothing", async () => {
    const m = machine();
    const first = await guard(m.env);
    await fetchSettled(m.store);
    expect(requests.filter((p) => p.endsWith(".gz"))).toHaveLength(1);
    const installed = join(m.store, sha, file);
    expect(existsSync(installed)).toBe(true);
    // The first run may have answered by policy while the download ran, but never let the command through silently.
    if (first.code === 0) expect(JSON.parse(first.out).hookSpecificOutput.permissionDecision).toBe("deny");
    else expect(first.code).toBe(2);

    const link = join(m.store, `guarded-${rel.manifest.release}`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(installed);
    for (let i = 0; i < 3; i++) {
      const again = await guard(m.env);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.out).hookSpecificOutput.permissionDecision).toBe("deny");
      expect((await guard(m.env, "echo fine")).out).toBe("");
      expect(JSON.parse((await readNote(m.env)).out).hookSpecificOutput.permissionDecision).toBe("deny");
    }
    expect(requests.filter((p) => p.endsWith(".gz"))).toHaveLength(1);
    // The warm session-start check prints nothing; nothing was written into the plugin folder.
    expect(await sh(sessionCommand(), sessionStart, m.env)).toEqual({ out: "", err: "", code: 0 });
    expect(readdirSync(join(rel.pluginDir, "bin")).sort()).toEqual(["guarded", "guarded-fetch", "guarded.manifest", "guarded.ps1"]);
  }, 120_000);

  test("ten hooks starting at once on a fresh machine download the asset once", async () => {
    const m = machine();
    const runs = await Promise.all(Array.from({ length: 10 }, () => readNote(m.env)));
    await fetchSettled(m.store);
    expect(requests.filter((p) => p.endsWith(".gz"))).toHaveLength(1);
    for (const run of runs) {
      expect(run.code).toBe(0);
      if (run.out) expect(JSON.parse(run.out).hookSpecificOutput.permissionDecision).toBe("deny");
    }
    expect(JSON.parse((await readNote(m.env)).out).hookSpecificOutput.permissionDecision).toBe("deny");
    expect(requests.filter((p) => p.endsWith(".gz"))).toHaveLength(1);
    expect(readdirSync(m.store).filter((n) => n.startsWith("."))).toEqual([]);
  }, 120_000);

  for (const [what, m_] of [["one byte flipped", "flip"], ["another program", "evil"]] as const) {
    test(`an asset with ${what} is refused and never executed; the guard blocks`, async () => {
      mode = m_;
      const m = machine();
      const run = await guard(m.env);
      await fetchSettled(m.store);
      expect(requests.filter((p) => p.endsWith(".gz"))).toHaveLength(1);
      expect(executables(m.data)).toEqual([]);
      expect(existsSync(join(m.store, sha))).toBe(false);
      expect(existsSync(join(rel.outDir, "evil-ran"))).toBe(false);
      expect(readFileSync(join(m.store, `${sha}.failed`), "utf8")).toContain("does not match the manifest");
      expect(run.code).toBe(2);
      expect(run.out).toBe("");
      // Backed off: the next calls neither download nor run anything, and the guard still blocks, naming why.
      const again = await guard(m.env);
      expect(again.code).toBe(2);
      expect(again.err.trim().split("\n")).toHaveLength(1);
      expect(again.err).toContain("does not match the manifest");
      expect(again.err).toContain("--from");
      expect(requests.filter((p) => p.endsWith(".gz"))).toHaveLength(1);
      expect(existsSync(join(rel.outDir, "evil-ran"))).toBe(false);
    }, 60_000);
  }

  test("a fetch killed with SIGKILL half-way leaves nothing taken for a binary; the next run is correct", async () => {
    mode = "stall";
    const m = machine();
    const fetcher = Bun.spawn(["/bin/sh", join(rel.pluginDir, "bin", "guarded-fetch"), "--quiet"], {
      env: m.env,
      stdin: "ignore",
      stdout: "ignore",
      stderr: "ignore",
      detached: true,
    });
    for (let i = 0; i < 300 && !(stallSent && readdirSync(m.store).some((n) => n.endsWith(".part") && statSync(join(m.store, n)).size > 0)); i++) await Bun.sleep(50);
    expect(stallSent).toBe(true);
    process.kill(-fetcher.pid, "SIGKILL");
    await fetcher.exited;
    // What the kill left: a lock whose owner is dead and a partial file; no binary under its final name.
    expect(existsSync(join(m.store, `${sha}.lock`))).toBe(true);
    expect(readdirSync(m.store).some((n) => n.endsWith(".part"))).toBe(true);
    expect(existsSync(join(m.store, sha))).toBe(false);
    expect(executables(m.data)).toEqual([]);

    mode = "ok";
    requests.length = 0;
    await guard(m.env);
    await fetchSettled(m.store);
    expect(requests.filter((p) => p.endsWith(".gz"))).toHaveLength(1);
    const run = await guard(m.env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).hookSpecificOutput.permissionDecision).toBe("deny");
    expect(readdirSync(m.store).filter((n) => n.startsWith(".") || n.endsWith(".lock"))).toEqual([]);
  }, 120_000);
});

describe("install paths with spaces", () => {
  test("a plugin root and a data folder with spaces in their paths: fetched once, then run through the link", async () => {
    const m = machine();
    const root = join(m.root, "Application Support", "my plugin");
    await Bun.$`mkdir -p ${root} && cp -R ${rel.pluginDir}/. ${root}`;
    const data = join(m.root, "plugin data", "guarded x");
    const env = { ...m.env, CLAUDE_PLUGIN_ROOT: root, CLAUDE_PLUGIN_DATA: data };
    await guard(env);
    await fetchSettled(join(data, "bin"));
    const run = await guard(env);
    expect(JSON.parse(run.out).hookSpecificOutput.permissionDecision).toBe("deny");
    expect(existsSync(join(data, "bin", sha, file))).toBe(true);
    expect(lstatSync(join(data, "bin", `guarded-${rel.manifest.release}`)).isSymbolicLink()).toBe(true);
    expect(requests.filter((p) => p.endsWith(".gz"))).toHaveLength(1);
  }, 60_000);
});

describe("while the binary is missing", () => {
  test("server errors: one notice for the session, fail-open hooks answer nothing, the guard blocks, no retry storm", async () => {
    mode = "503";
    const m = machine();
    const notice = await sh(sessionCommand(), sessionStart, m.env);
    expect(notice.code).toBe(0);
    const message = JSON.parse(notice.out).systemMessage as string;
    expect(message).toContain("guarded");
    expect(message).toContain("503");
    await fetchSettled(m.store);
    const outputs: string[] = [];
    for (let i = 0; i < 5; i++) {
      const open = await readNote(m.env);
      expect(open.code).toBe(0);
      outputs.push(open.out);
    }
    expect(outputs.join("")).toBe("");
    const closed = await guard(m.env, "echo fine");
    expect(closed.code).toBe(2);
    expect(closed.out).toBe("");
    expect(closed.err.trim().split("\n")).toHaveLength(1);
    expect(closed.err).toContain("blocked");
    // One attempt for the session start; the hooks after it are inside the back-off.
    expect(requests.filter((p) => p.endsWith(".gz"))).toHaveLength(1);
    const failed = readFileSync(join(m.store, `${sha}.failed`), "utf8").split(" ");
    expect(Number(failed[0])).toBeGreaterThan(Date.now() / 1000);
    expect(failed[1]).toBe("1");
  }, 60_000);

  test("nothing listening: the guard blocks with one line naming the cause and the fix; stdin is drained", async () => {
    const m = machine();
    const closedPort = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
    const port = closedPort.port;
    closedPort.stop(true);
    const offline = await fixtureRelease(`http://127.0.0.1:${port}/gone`);
    temps.push(offline.outDir);
    const env = { ...m.env, CLAUDE_PLUGIN_ROOT: offline.pluginDir };
    const cmd = (JSON.parse(readFileSync(join(offline.pluginDir, "hooks", "hooks.json"), "utf8")) as typeof hooks).hooks.PreToolUse!.find((g) => g.matcher === "Bash")!.hooks[0]!.command;
    const big = preToolUse("Bash", { command: `echo ${"x".repeat(200_000)}` });
    const run = await sh(cmd, big, env);
    expect(run.code).toBe(2);
    expect(run.out).toBe("");
    const line = run.err.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toMatch(/^guarded: hook 'guard' blocked because its linux-\S+ binary (could not be fetched|is not installed yet)/);
    expect(line).toMatch(/--from|guarded-fetch/);
  }, 60_000);
});

describe("air-gapped and pre-seeded machines", () => {
  test("bin/<name>-fetch --from installs a copied asset after checking it; a tampered copy is refused", async () => {
    mode = "503";
    const m = machine();
    const fetcher = join(rel.pluginDir, "bin", "guarded-fetch");
    const bad = join(m.root, "bad.gz");
    const flipped = asset.slice();
    flipped[100]! ^= 0x80;
    writeFileSync(bad, flipped);
    const refused = Bun.spawnSync(["/bin/sh", fetcher, "--from", bad], { env: m.env });
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr.toString()).toContain("does not match the manifest");
    expect(executables(m.data)).toEqual([]);

    const ok = Bun.spawnSync(["/bin/sh", fetcher, "--from", rel.assets[0]!.path], { env: m.env });
    expect(ok.exitCode).toBe(0);
    const run = await guard(m.env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).hookSpecificOutput.permissionDecision).toBe("deny");
    expect(requests).toEqual([]);
  }, 60_000);

  test("`hookkit fetch --from` seeds the hookkit state dir, which the launcher uses when there is no data folder", async () => {
    mode = "503";
    const m = machine();
    const cli = Bun.spawnSync(
      [process.execPath, join(REPO, "src", "main.ts"), "fetch", "--plugin", rel.pluginDir, "--from", rel.assets[0]!.path],
      { env: { ...m.env, CLAUDE_PLUGIN_DATA: "", NO_COLOR: "1" } },
    );
    expect(cli.stderr.toString()).toContain("installed");
    expect(cli.exitCode).toBe(0);
    expect(existsSync(join(m.env.HOOKKIT_STATE_DIR!, "bin", sha, file))).toBe(true);
    const run = await guard({ ...m.env, CLAUDE_PLUGIN_DATA: "" });
    expect(JSON.parse(run.out).hookSpecificOutput.permissionDecision).toBe("deny");
    // With a data folder too, the seeded state-dir binary is used and nothing is downloaded.
    const withData = await guard(m.env);
    expect(JSON.parse(withData.out).hookSpecificOutput.permissionDecision).toBe("deny");
    expect(requests).toEqual([]);
  }, 60_000);

  test("a binary vendored inside the plugin is used first", async () => {
    mode = "503";
    const m = machine();
    const vendored = mkdtempSync(join(tmpdir(), "hookkit-vendored-"));
    temps.push(vendored);
    await Bun.$`cp -R ${rel.pluginDir}/. ${vendored}`;
    writeFileSync(join(vendored, "bin", file), Bun.gunzipSync(asset), { mode: 0o755 });
    const run = await guard({ ...m.env, CLAUDE_PLUGIN_ROOT: vendored });
    expect(JSON.parse(run.out).hookSpecificOutput.permissionDecision).toBe("deny");
    expect(requests).toEqual([]);
    expect(existsSync(join(m.store, sha))).toBe(false);
  }, 60_000);
});

describe("the hookkit release and fetch commands", () => {
  test("`hookkit release` writes assets, manifest and marketplace from a build; without a base URL it says what to give", async () => {
    const out = mkdtempSync(join(tmpdir(), "hookkit-release-cli-"));
    temps.push(out);
    const fromBuild = await fixtureBuild();
    const cli = (...args: string[]) =>
      Bun.spawnSync([process.execPath, join(REPO, "src", "main.ts"), "release", "--root", PROJECT, "--hooks", "hooks.ts", "--from-build", fromBuild, "--out", out, "--level", "1", ...args], {
        env: { ...process.env, NO_COLOR: "1" },
      });
    const missing = cli();
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout.toString()).toBe("");
    expect(missing.stderr.toString()).toContain("no --base-url");

    const ok = cli("--base-url", "https://downloads.example.com/guarded/v1.2.3", "--mirror", "https://mirror.example.org/g/v1.2.3/");
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout.toString()).toBe("");
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    const t = Object.values(manifest.targets)[0] as { asset: string; urls: string[] };
    expect(t.urls).toEqual([`https://downloads.example.com/guarded/v1.2.3/${t.asset}`, `https://mirror.example.org/g/v1.2.3/${t.asset}`]);
    expect(existsSync(join(out, "assets", t.asset))).toBe(true);
    expect(readFileSync(join(out, "marketplace", "plugins", "guarded", "manifest.json"), "utf8")).toBe(readFileSync(join(out, "manifest.json"), "utf8"));
  }, 60_000);
});

test("`hookkit doctor` on a thin plugin says the binary is fetched on first use instead of failing it", () => {
  const m = machine();
  const run = Bun.spawnSync([process.execPath, join(REPO, "src", "main.ts"), "doctor", "--plugin", rel.pluginDir, "--no-run"], {
    env: { ...m.env, CLAUDE_PLUGIN_DATA: "", NO_COLOR: "1" },
  });
  const err = run.stderr.toString();
  expect(err).toMatch(/skip +binary linux-\S+ +thin plugin: not fetched yet; its launcher downloads guarded-linux-\S+\.gz on first use/);
  expect(err).not.toContain("no binary for this platform");
  expect(requests).toEqual([]);
}, 60_000);
