// `install --host`: each host's user config, with a third party's hooks in it, round-trips byte for
// byte (install, then uninstall, gives the original bytes), installing twice changes nothing, and the
// third party's entries are never touched. The bundles are real hookkit builds' config files.
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OtherHost } from "./capabilities.ts";
import { hostLayouts } from "../build/host-bundles.ts";
import { hostConfigFile, type HostInstallTarget, installForHost, planHostInstall, planHostUninstall } from "./install.ts";

const guard = { name: "no-rm-rf", event: "PreToolUse" as const, matcher: "Bash", timeout: 10, failClosed: true, answers: ["deny"] as const };
const ctx = { name: "shell-context", event: "PostToolUse" as const, matcher: "Bash", answers: ["context"] as const };

/** A third party's config for each host, formatted the way a hand-edited file might be (4 spaces). */
const THIRD_PARTY: Record<OtherHost, object> = {
  codex: { hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "/usr/local/bin/audit-shell", timeout: 5 }] }] } },
  gemini: {
    security: { auth: { selectedType: "gemini-api-key" } },
    hooks: { BeforeTool: [{ matcher: "write_file", hooks: [{ name: "lint", type: "command", command: "lint-hook", timeout: 3000 }] }] },
    ui: { theme: "Dracula" },
  },
  copilot: { version: 1, hooks: {} },
  cursor: { version: 1, hooks: { beforeShellExecution: [{ command: "./audit.sh" }], preToolUse: [{ command: "./other.sh", matcher: "Shell" }] } },
};

function setup(host: OtherHost) {
  const dir = mkdtempSync(join(tmpdir(), `install-${host}-`));
  const bundleDir = join(dir, "dist", host);
  for (const file of hostLayouts(host, [guard, ctx], { name: "every-agent-guard", version: "1.0.0" }, "every-agent-guard")[host]!) {
    mkdirSync(join(bundleDir, file.path, ".."), { recursive: true });
    writeFileSync(join(bundleDir, file.path), file.text);
  }
  const target: HostInstallTarget = { host, bundleDir, binName: "every-agent-guard", env: { HOME: join(dir, "home") } };
  return { dir, target };
}

describe("install --host round-trips each host's config byte for byte with a third party's entries in it", () => {
  for (const host of ["codex", "gemini", "copilot", "cursor"] as const) {
    test(host, () => {
      const { target } = setup(host);
      const original = `${JSON.stringify(THIRD_PARTY[host], null, 4)}\n`;
      const installed = planHostInstall(target, original);
      expect(installed.changed).toBe(true);
      const after = JSON.parse(installed.after!);
      // Ours are in, commands naming our binary under the bundle's absolute folder and the host.
      expect(installed.after).toContain(host === "copilot" ? `"HOOKKIT_PLUGIN_ROOT": "${target.bundleDir}"` : `${target.bundleDir}/bin/every-agent-guard`);
      expect(installed.after).toContain(`no-rm-rf --host ${host}`);
      expect(installed.after).not.toContain("${");
      // The third party's entries are all still there, unchanged.
      const before = THIRD_PARTY[host] as { hooks: Record<string, unknown[]> } & Record<string, unknown>;
      for (const [event, list] of Object.entries(before.hooks)) for (const entry of list) expect(after.hooks[event]).toContainEqual(entry);
      for (const key of Object.keys(before)) if (key !== "hooks") expect(after[key]).toEqual(before[key]);
      // Installing again changes nothing; uninstalling gives the original bytes.
      expect(planHostInstall(target, installed.after).changed).toBe(false);
      expect(planHostInstall(target, installed.after).after).toBe(installed.after);
      const removed = planHostUninstall(target, installed.after!, original);
      expect(removed.after ?? "").toBe(host === "copilot" ? "" : original);
      // Without the backup too, for files written the way the host's own tools write them.
      const twoSpaces = `${JSON.stringify(THIRD_PARTY[host], null, 2)}\n`;
      if (host !== "copilot") expect(planHostUninstall(target, planHostInstall(target, twoSpaces).after!).after).toBe(twoSpaces);
    });
  }

  test("installForHost writes the host's own file, keeps a backup, and tells a Codex user to trust the hooks", () => {
    const { target } = setup("codex");
    const file = hostConfigFile(target);
    mkdirSync(join(file, ".."), { recursive: true });
    const original = `${JSON.stringify(THIRD_PARTY.codex, null, 2)}\n`;
    writeFileSync(file, original);
    const plan = installForHost(target);
    expect(plan.notes.join(" ")).toContain("/hooks");
    expect(readFileSync(`${file}.hookkit-backup`, "utf8")).toBe(original);
    expect(readFileSync(file, "utf8")).toBe(plan.after!);
    expect(planHostUninstall(target, readFileSync(file, "utf8"), readFileSync(`${file}.hookkit-backup`, "utf8")).after).toBe(original);
  });
});
