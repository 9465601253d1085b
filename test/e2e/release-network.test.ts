// The thin plugin's fetcher on the networks users have: an HTTP proxy named in uppercase HTTP_PROXY (which wget
// alone would ignore) and bypassed by NO_PROXY, with curl and with wget only; and HTTPS signed by a private CA
// (a TLS-inspecting proxy's), refused until HOOKKIT_CA_BUNDLE names it, reached through an HTTPS_PROXY CONNECT
// tunnel. Real servers on 127.0.0.1: the asset server (HTTP and HTTPS), a forwarding proxy, a CONNECT proxy.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReleaseResult } from "../../src/build/release/index.ts";
import { fixtureRelease } from "./_release.ts";

const work = mkdtempSync(join(tmpdir(), "hookkit-release-net-"));
const temps = [work];
let asset: Uint8Array;
const originHits: string[] = [];
const proxyHits: string[] = [];
const tunnels: string[] = [];

const origin = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(req) {
    originHits.push(new URL(req.url).pathname);
    return new Response(asset);
  },
});

// A forwarding HTTP proxy: gets absolute-form requests (GET http://host/path) and fetches them.
const proxy = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  async fetch(req) {
    proxyHits.push(req.url);
    const upstream = await fetch(req.url);
    return new Response(upstream.body, { status: upstream.status });
  },
});

// A CONNECT proxy for HTTPS: opens a TCP tunnel to the named host and port.
const connectProxy = net.createServer((client) => {
  client.once("data", (head) => {
    const target = head.toString("latin1").split("\r\n")[0]!.split(" ")[1]!;
    tunnels.push(target);
    const [host, port] = target.split(":");
    const upstream = net.connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
});

let tls: ReturnType<typeof Bun.serve>;
let caFile: string;
let plain: ReleaseResult;
let secure: ReleaseResult;

function openssl(...args: string[]) {
  const run = Bun.spawnSync(["openssl", ...args], { cwd: work, stderr: "pipe" });
  if (run.exitCode !== 0) throw new Error(`openssl ${args.join(" ")}: ${run.stderr}`);
}

beforeAll(async () => {
  await new Promise<void>((resolve) => connectProxy.listen(0, "127.0.0.1", resolve));
  // A private CA and a server certificate for 127.0.0.1 signed by it.
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=hookkit test CA");
  openssl("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  await Bun.write(join(work, "ext"), "subjectAltName=IP:127.0.0.1\n");
  openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "1", "-extfile", "ext");
  caFile = join(work, "ca.pem");
  tls = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    tls: { cert: Bun.file(join(work, "server.pem")), key: Bun.file(join(work, "server.key")) },
    fetch(req) {
      originHits.push(`https ${new URL(req.url).pathname}`);
      return new Response(asset);
    },
  });
  plain = await fixtureRelease(`http://127.0.0.1:${origin.port}/dl`);
  secure = await fixtureRelease(`https://127.0.0.1:${tls.port}/dl`);
  temps.push(plain.outDir, secure.outDir);
  asset = new Uint8Array(readFileSync(plain.assets[0]!.path));
}, 120_000);

afterAll(() => {
  origin.stop(true);
  proxy.stop(true);
  tls?.stop(true);
  connectProxy.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A PATH holding the tools the fetcher uses, without curl (so wget is the one found). */
function pathWithout(tool: string): string {
  const dir = join(work, `no-${tool}`);
  if (existsSync(dir)) return dir;
  mkdirSync(dir);
  const wanted = ["sh", "gzip", "sha256sum", "wget", "curl", "mkdir", "mv", "rm", "chmod", "cat", "date", "find", "wc", "sleep", "uname", "setsid", "cp", "ln", "sed"];
  for (const name of wanted) {
    if (name === tool) continue;
    const found = Bun.which(name);
    if (found) symlinkSync(found, join(dir, name));
  }
  return dir;
}

function fetcher(rel: ReleaseResult, env: Record<string, string>) {
  const store = mkdtempSync(join(work, "store-"));
  const run = Bun.spawn(["/bin/sh", join(rel.pluginDir, "bin", "guarded-fetch"), "--store", store], {
    env: { HOME: join(work, "home"), ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  return Promise.all([new Response(run.stderr).text(), run.exited]).then(([err, code]) => {
    const t = Object.values(rel.manifest.targets)[0]!;
    return { err, code, installed: existsSync(join(store, t.sha256, t.file)) };
  });
}

const PATH = process.env.PATH ?? "/usr/bin:/bin";

describe("proxies", () => {
  for (const [tool, path] of [["curl", () => PATH], ["wget", () => pathWithout("curl")]] as const) {
    test(`${tool}: HTTP_PROXY in uppercase is used, NO_PROXY bypasses it`, async () => {
      proxyHits.length = 0;
      originHits.length = 0;
      const via = await fetcher(plain, { PATH: path(), HTTP_PROXY: `http://127.0.0.1:${proxy.port}` });
      expect(via).toMatchObject({ code: 0, installed: true });
      expect(proxyHits).toEqual([plain.manifest.targets[Object.keys(plain.manifest.targets)[0]!]!.urls[0]!]);
      expect(originHits).toHaveLength(1);

      proxyHits.length = 0;
      const direct = await fetcher(plain, { PATH: path(), HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: "127.0.0.1" });
      expect(direct).toMatchObject({ code: 0, installed: true });
      expect(proxyHits).toEqual([]);
      expect(originHits).toHaveLength(2);
    }, 60_000);
  }
});

describe("a private CA (TLS-inspecting proxies)", () => {
  test("HTTPS signed by an unknown CA is refused; with HOOKKIT_CA_BUNDLE it is fetched, through an HTTPS_PROXY tunnel", async () => {
    originHits.length = 0;
    const refused = await fetcher(secure, { PATH });
    expect(refused.code).toBe(1);
    expect(refused.installed).toBe(false);
    expect(refused.err).toMatch(/certificate|SSL/i);
    expect(originHits).toEqual([]);

    const trusted = await fetcher(secure, { PATH, HOOKKIT_CA_BUNDLE: caFile, HTTPS_PROXY: `http://127.0.0.1:${(connectProxy.address() as net.AddressInfo).port}` });
    expect(trusted).toMatchObject({ code: 0, installed: true });
    expect(tunnels).toEqual([`127.0.0.1:${tls.port}`]);
    expect(originHits).toEqual(["https /dl/guarded-linux-x64.gz"]);
  }, 60_000);

  test("wget takes the CA bundle too", async () => {
    const trusted = await fetcher(secure, { PATH: pathWithout("curl"), SSL_CERT_FILE: caFile });
    expect(trusted).toMatchObject({ code: 0, installed: true });
  }, 60_000);
});
