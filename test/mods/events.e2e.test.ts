// Every mapped event as a mod, in real Claude Code 2.1.328 sessions (offline): PreToolUse, SessionStart,
// UserPromptSubmit, PostToolUse and Stop hooks, each on `classic.<Event>`. Their context reaches
// the model's next request, and their denies and blocks act as the host's own (a blocked prompt never reaches the model, a blocked
// stop makes the model go on). Each hook records the form that ran it: always the mod, never the twin, on
// 2.1.328; always the twin on 2.1.325 (the mod stays passive) and on 2.1.240 (no mods).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { requestText, runSession, type Session, type SessionOptions } from "../hosts/claude/_session.ts";
import { said } from "../fixtures/mod-project/hooks/events/say.ts";
import { claudeBinaryOf, OLDER_WITH_MODS, WITHOUT_MODS } from "../hosts/claude-versions/_versions.ts";
import { buildBoth, type ModBundle } from "./_mod-bundle.ts";

let bundle: ModBundle;
beforeAll(async () => {
  bundle = await buildBoth("test/fixtures/mod-project/hooks/events.ts", "events");
}, 180_000);
afterAll(() => bundle?.cleanup());

async function session(options: Partial<SessionOptions>): Promise<{ s: Session; forms: string[] }> {
  const state = join(bundle.out, `state-${Math.random().toString(36).slice(2)}`);
  mkdirSync(state, { recursive: true });
  const s = await runSession({
    pluginDirs: [bundle.modDir, bundle.twinDir],
    script: { turns: [] },
    ...options,
    env: { HOOKKIT_STATE_DIR: state, ...options.env },
    timeoutMs: 120_000,
  });
  const log = join(state, "forms.log");
  return { s, forms: existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [] };
}

// A command hook's run leaves this line in the debug log; the twin's never may.
const twinRan = (s: Session) => /\(plugin events@inline\)/.test(s.debugLog);

describe("classic events in the mod (2.1.328)", () => {
  test("the build puts each hook on its host event", () => {
    expect(bundle.said.filter((l) => l.startsWith("mod: "))).toEqual([
      "mod: ev-start: mod-capable, on classic.SessionStart",
      "mod: ev-prompt: mod-capable, on classic.UserPromptSubmit",
      "mod: ev-pre: mod-capable, on classic.PreToolUse",
      "mod: ev-post: mod-capable, on classic.PostToolUse",
      "mod: ev-stop: mod-capable, on classic.Stop",
    ]);
  });

  test("SessionStart and UserPromptSubmit context reach the first request; PostToolUse context the next", async () => {
    const { s, forms } = await session({
      env: { MOD_EV_START: "context" },
      prompt: "hello hk:prompt=context",
      args: ["--allowedTools", "Bash"],
      script: { turns: [[{ tool: "Bash", input: { command: "echo ran # hk:post=context", description: "step" } }]] },
    });
    try {
      expect(s.isolated).toBe(true);
      expect(requestText(s.turns[0])).toContain(said("start", "context"));
      expect(requestText(s.turns[0])).toContain(said("prompt", "context"));
      expect(requestText(s.turns[0])).not.toContain(said("post", "context"));
      expect(requestText(s.turns[1])).toContain(said("post", "context"));
      expect(forms).toContain("ev-start mod startup");
      expect(forms).toContain("ev-prompt mod context");
      expect(forms).toContain("ev-post mod context");
      expect(forms.every((line) => line.split(" ")[1] === "mod")).toBe(true);
      expect(twinRan(s)).toBe(false);
    } finally {
      s.cleanup();
    }
  }, 180_000);

  test("PreToolUse: context reaches the request after the tool ran; a deny and its context reach the model", async () => {
    const { s, forms } = await session({
      args: ["--allowedTools", "Bash"],
      script: {
        turns: [
          [{ tool: "Bash", input: { command: "touch pre-context.marker # hk:pre=context", description: "step" } }],
          [{ tool: "Bash", input: { command: "touch pre-deny.marker # hk:pre=deny", description: "step" } }],
        ],
      },
    });
    try {
      expect(existsSync(join(s.cwd, "pre-context.marker"))).toBe(true);
      expect(requestText(s.turns[0])).not.toContain(said("pre", "context"));
      expect(requestText(s.turns[1])).toContain(said("pre", "context"));
      expect(existsSync(join(s.cwd, "pre-deny.marker"))).toBe(false);
      expect(requestText(s.turns[2])).toContain(said("pre", "deny"));
      expect(requestText(s.turns[2])).toContain(said("pre", "why"));
      // On classic.PreToolUse a deny is a permission denial, as the command hook's is.
      expect(s.result?.permission_denials?.map((d) => d.tool_input.command)).toEqual(["touch pre-deny.marker # hk:pre=deny"]);
      expect(forms.filter((l) => l.startsWith("ev-pre"))).toEqual(["ev-pre mod context", "ev-pre mod deny"]);
      expect(twinRan(s)).toBe(false);
    } finally {
      s.cleanup();
    }
  }, 180_000);

  test("UserPromptSubmit block: the prompt never reaches the model", async () => {
    const { s, forms } = await session({ prompt: "hello hk:prompt=block" });
    try {
      expect(s.requests.filter((r) => r.path.startsWith("/v1/messages"))).toHaveLength(0);
      expect(JSON.stringify(s.result)).toContain(said("prompt", "block"));
      expect(forms).toContain("ev-prompt mod block");
      expect(twinRan(s)).toBe(false);
    } finally {
      s.cleanup();
    }
  }, 180_000);

  test("PostToolUse block: the tool ran, and the reason goes to the model beside its result", async () => {
    const { s, forms } = await session({
      args: ["--allowedTools", "Bash"],
      script: { turns: [[{ tool: "Bash", input: { command: "touch post-block.marker; echo out # hk:post=block", description: "step" } }]] },
    });
    try {
      expect(existsSync(join(s.cwd, "post-block.marker"))).toBe(true);
      expect(requestText(s.turns[1])).toContain(said("post", "block"));
      expect(forms).toContain("ev-post mod block");
      expect(twinRan(s)).toBe(false);
    } finally {
      s.cleanup();
    }
  }, 180_000);

  test("Stop block: the host does not stop, the reason is the model's next instruction, the second stop goes through", async () => {
    const { s, forms } = await session({ env: { MOD_EV_STOP: "block" } });
    try {
      expect(s.turns).toHaveLength(2);
      expect(requestText(s.turns[0])).not.toContain(said("stop", "block"));
      expect(requestText(s.turns[1])).toContain(said("stop", "block"));
      expect(s.result?.subtype).toBe("success");
      expect(forms.filter((l) => l.startsWith("ev-stop"))).toEqual(["ev-stop mod first", "ev-stop mod again"]);
      expect(twinRan(s)).toBe(false);
    } finally {
      s.cleanup();
    }
  }, 180_000);
});

describe("classic events on the builds where the twin answers", () => {
  for (const version of [OLDER_WITH_MODS, WITHOUT_MODS]) {
    test(`${version}: the same context and stop block come from the twin; the mod never answers`, async () => {
      const binary = claudeBinaryOf(version);
      if (!binary) throw new Error(`Claude Code ${version} is not installed: npm ci in test/hosts/claude-versions (sh dev.sh test does)`);
      const { s, forms } = await session({
        binary,
        env: { MOD_EV_START: "context", MOD_EV_STOP: "block" },
        prompt: "hello hk:prompt=context",
        args: ["--allowedTools", "Bash"],
        script: { turns: [[{ tool: "Bash", input: { command: "echo ran # hk:post=context hk:pre=context", description: "step" } }]] },
      });
      try {
        expect(s.isolated).toBe(true);
        expect(requestText(s.turns[0])).toContain(said("start", "context"));
        expect(requestText(s.turns[0])).toContain(said("prompt", "context"));
        expect(requestText(s.turns[1])).toContain(said("post", "context"));
        expect(requestText(s.turns[1])).toContain(said("pre", "context"));
        expect(requestText(s.turns.at(-1))).toContain(said("stop", "block"));
        expect(forms.filter((l) => l.startsWith("ev-stop"))).toEqual(["ev-stop binary first", "ev-stop binary again"]);
        expect(forms.every((line) => line.split(" ")[1] === "binary")).toBe(true);
        expect(forms.length).toBeGreaterThanOrEqual(6);
      } finally {
        s.cleanup();
      }
    }, 180_000);
  }
});
