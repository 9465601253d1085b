import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findGitRepo, parseGitConfig, remoteUrl } from "./git.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp() {
  const d = realpathSync(mkdtempSync(join(tmpdir(), "kit-git-")));
  dirs.push(d);
  return d;
}
function git(cwd: string, ...args: string[]): string {
  const r = Bun.spawnSync(["git", ...args], {
    cwd,
    env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" },
  });
  if (r.exitCode !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr.toString()}`);
  return r.stdout.toString().trim();
}

describe("parseGitConfig", () => {
  test("sections, subsections, case rules, quotes, comments, continuation, multi-values", () => {
    const cfg = parseGitConfig(
      [
        "# comment",
        "[core]",
        "\tbare = false",
        '[Remote "Origin"]',
        '\tURL = "git@host:o/r.git" ; trailing comment',
        "\turl = https://second/o/r",
        "[remote.legacy]",
        "\turl = a\\",
        "b",
        '[remote "sp"] url = "x\\"y"   # c',
        "[branch \"main\"]",
        "\tflag",
      ].join("\n"),
    );
    expect(cfg.get("core.bare")).toEqual(["false"]);
    expect(cfg.get("remote.Origin.url")).toEqual(["git@host:o/r.git", "https://second/o/r"]);
    expect(cfg.get("remote.origin.url")).toBeUndefined(); // subsections are case-sensitive
    expect(cfg.get("remote.legacy.url")).toEqual(["ab"]);
    expect(cfg.get("remote.sp.url")).toEqual(['x"y']);
    expect(cfg.get("branch.main.flag")).toEqual(["true"]);
  });
});

describe("repository discovery and remotes, against real git", () => {
  test("origin url from a subdirectory equals `git remote get-url origin`", () => {
    const repo = temp();
    git(repo, "init", "-q");
    git(repo, "remote", "add", "origin", "git@github.com:Acme/widget.git");
    git(repo, "remote", "add", "upstream", "https://example.com/u/w");
    const sub = join(repo, "src", "deep");
    mkdirSync(sub, { recursive: true });
    expect(remoteUrl(sub)).toBe(git(sub, "remote", "get-url", "origin"));
    expect(remoteUrl(sub, "upstream")).toBe("https://example.com/u/w");
    expect(findGitRepo(sub)).toEqual({ workTree: repo, gitDir: join(repo, ".git"), commonDir: join(repo, ".git") });
  });

  test("a linked worktree reads the main repository's config through .git file + commondir", () => {
    const repo = temp();
    git(repo, "init", "-q");
    git(repo, "commit", "-q", "--allow-empty", "-m", "init");
    git(repo, "remote", "add", "origin", "https://github.com/acme/wt-demo.git");
    const wt = join(temp(), "feature");
    git(repo, "worktree", "add", "-q", wt);
    const found = findGitRepo(wt)!;
    expect(found.workTree).toBe(wt);
    expect(found.gitDir).toBe(join(repo, ".git", "worktrees", "feature"));
    expect(found.commonDir).toBe(join(repo, ".git"));
    expect(remoteUrl(wt)).toBe(git(wt, "remote", "get-url", "origin"));
  });

  test("a relative gitdir in a .git file is resolved from that file's folder", () => {
    const root = temp();
    git(root, "init", "-q", "--separate-git-dir", join(root, "store.git"), join(root, "tree"));
    writeFileSync(join(root, "tree", ".git"), "gitdir: ../store.git\n");
    git(join(root, "tree"), "remote", "add", "origin", "ssh://git@host:2222/team/proj.git");
    expect(remoteUrl(join(root, "tree"))).toBe("ssh://git@host:2222/team/proj.git");
  });

  test("no repository, no remote, or a dangling .git file: undefined", () => {
    const plain = temp();
    expect(findGitRepo(plain)?.workTree === plain).toBe(false);
    const noRemote = temp();
    git(noRemote, "init", "-q");
    expect(remoteUrl(noRemote)).toBeUndefined();
    const dangling = temp();
    writeFileSync(join(dangling, ".git"), "gitdir: /nonexistent/x\n");
    expect(findGitRepo(dangling)?.workTree === dangling).toBe(false);
  });
});
