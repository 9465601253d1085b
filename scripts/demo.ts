// `sh dev.sh demo`: build the binary for this machine, then pipe two real AskUserQuestion events
// through the question-preference hook — one the user has a never-ask preference for (auto-decided:
// deny with the recommended option) and one without (no opinion: empty stdout). State lives in a
// temp dir; nothing under your home is read or written.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { binaryName, hostTarget } from "../src/build/targets.ts";
import { sampleInput } from "../src/protocol/samples.ts";
import { spawnHook } from "../src/runtime/spawn.ts";

const repo = resolve(import.meta.dir, "..");
const built = Bun.spawnSync([process.execPath, "run", "build.ts", "--target", "host", "--no-repo-hooks"], {
  cwd: repo,
  stdout: "inherit",
  stderr: "inherit",
});
if (built.exitCode !== 0) {
  console.error("demo: the build failed (see above)");
  process.exit(1);
}
const binary = join(repo, "dist", "bin", binaryName("hookkit", hostTarget()));

const state = mkdtempSync(join(tmpdir(), "hookkit-demo-"));
try {
  writeFileSync(join(state, "global-question-preferences.json"), JSON.stringify({ "ship-pre-landing-review-fix": "never-ask" }, null, 2));
  const env = { ...process.env, GSTACK_STATE_ROOT: state, HOOKKIT_STATE_DIR: join(state, "hookkit"), GSTACK_ROOT: join(state, "no-gstack"), GSTACK_QUESTION_LOG_NO_DERIVE: "1" };
  const ask = (id: string) =>
    sampleInput("PreToolUse", {
      cwd: state,
      tool_name: "AskUserQuestion",
      tool_input: {
        questions: [
          {
            question: `<gstack-qid:${id}> Pre-landing review flagged an issue. Fix it now?`,
            header: "Review",
            options: [{ label: "A) Fix now (recommended)" }, { label: "B) Ship anyway" }],
            multiSelect: false,
          },
        ],
      },
    });
  for (const id of ["ship-pre-landing-review-fix", "ship-todos-create"]) {
    const run = await spawnHook([binary, "question-preference"], ask(id), { env });
    console.log(`\n$ echo '<AskUserQuestion ${id}>' | ${binary} question-preference`);
    console.log(run.stdout.trim() || "(empty stdout: no opinion, the question is asked normally)");
    const decision = run.output?.hookSpecificOutput?.permissionDecision;
    console.log(`exit ${run.exitCode} in ${run.ms.toFixed(1)} ms${decision ? `, decision: ${decision}` : ""}`);
  }
} finally {
  rmSync(state, { recursive: true, force: true });
}
