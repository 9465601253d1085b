import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { git } from "../../../test/fixtures/world.ts";
import { testPortable } from "hookkit/testing";
import { projectSlug, sanitizeSlug, slugCachePath, slugFromRemote } from "./slug.ts";

const io = testPortable();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp() {
  const d = realpathSync(mkdtempSync(join(tmpdir(), "qp-slug-")));
  dirs.push(d);
  return d;
}

describe("slugFromRemote reproduces gstack-slug's sed | tr pipeline", () => {
  const urls = [
    "git@github.com:garrytan/gstack.git",
    "https://github.com/garrytan/gstack.git",
    "https://github.com/garrytan/gstack",
    "ssh://git@host:2222/team/proj.git",
    "https://gitlab.com/group/sub/proj.git",
    "/srv/git/repo.git",
    "file:///tmp/x/y",
    "plainname",
    "https://github.com/o/r/",
  ];
  for (const url of urls) {
    test(url, () => {
      const sed = Bun.spawnSync([
        "sh",
        "-c",
        `printf '%s\\n' "$1" | sed 's|.*[:/]\\([^/]*/[^/]*\\)\\.git$|\\1|;s|.*[:/]\\([^/]*/[^/]*\\)$|\\1|' | tr '/' '-'`,
        "sh",
        url,
      ]);
      expect(slugFromRemote(url)).toBe(sed.stdout.toString().trim());
    });
  }
  test("examples", () => {
    expect(slugFromRemote("git@github.com:garrytan/gstack.git")).toBe("garrytan-gstack");
    expect(slugFromRemote("https://gitlab.com/group/sub/proj.git")).toBe("sub-proj");
  });
});

describe("sanitizeSlug", () => {
  test("keeps [a-zA-Z0-9._-], refuses empty, . and ..", () => {
    expect(sanitizeSlug("My Project (v2)!")).toBe("MyProjectv2");
    expect(sanitizeSlug("../..")).toBe("....");
    expect(sanitizeSlug("..")).toBeUndefined();
    expect(sanitizeSlug("/")).toBeUndefined();
    expect(sanitizeSlug("a/b")).toBe("ab");
  });
});

describe("projectSlug precedence: env, cache, origin remote, basename", () => {
  function setup() {
    const base = temp();
    const root = join(base, "state");
    const repo = join(base, "code", "my app");
    mkdirSync(join(repo, "pkg"), { recursive: true });
    git(repo, "init", "-q");
    git(repo, "remote", "add", "origin", "git@github.com:acme/widget.git");
    return { base, root, repo };
  }
  test("GSTACK_PROJECT_SLUG wins (sanitized)", async () => {
    const { root, repo } = setup();
    expect(await projectSlug(io, repo, root, "forced/slug")).toBe("forcedslug");
  });
  test("the slug cache beats the remote", async () => {
    const { root, repo } = setup();
    const cache = slugCachePath(root, repo);
    expect(cache).toBe(join(root, "slug-cache", repo.replaceAll("/", "_")));
    mkdirSync(join(root, "slug-cache"), { recursive: true });
    writeFileSync(cache, "cached-slug\n");
    expect(await projectSlug(io, repo, root, undefined)).toBe("cached-slug");
  });
  test("origin remote as owner-repo, from a subdirectory too", async () => {
    const { root, repo } = setup();
    expect(await projectSlug(io, repo, root, undefined)).toBe("acme-widget");
    expect(await projectSlug(io, join(repo, "pkg"), root, undefined)).toBe("acme-widget");
  });
  test("a linked worktree uses the main repository's origin", async () => {
    const { base, root, repo } = setup();
    git(repo, "commit", "-q", "--allow-empty", "-m", "init");
    const wt = join(base, "elsewhere", "wt-branch");
    git(repo, "worktree", "add", "-q", wt);
    expect(await projectSlug(io, wt, root, undefined)).toBe("acme-widget");
  });
  test("no repository: basename(cwd), sanitized; empty env and empty cache fall through", async () => {
    const base = temp();
    const dir = join(base, "plain dir!");
    mkdirSync(dir);
    mkdirSync(join(base, "state", "slug-cache"), { recursive: true });
    writeFileSync(slugCachePath(join(base, "state"), dir), "  \n");
    expect(await projectSlug(io, dir, join(base, "state"), "")).toBe("plaindir");
  });
  test("a cwd that sanitizes to nothing is 'unknown'", async () => {
    expect(await projectSlug(io, "/", temp(), undefined)).toBe("unknown");
  });
});
