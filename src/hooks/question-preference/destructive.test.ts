import { describe, expect, test } from "bun:test";
import { DESTRUCTIVE_PATTERNS, destructiveIntent } from "./destructive.ts";

describe("destructive intent screen", () => {
  const hits: Array<[string, string]> = [
    ["Run rm -rf build/ before packaging?", "removal"],
    ["Delete the stale branches?", "removal"],
    ["DELETE FROM users where inactive?", "removal"],
    ["Remove the directory tmp/cache?", "removal"],
    ["Remove files matching *.orig?", "removal"],
    ["Wipe the local cache?", "removal"],
    ["Purge old artifacts?", "removal"],
    ["Truncate the events table?", "removal"],
    ["Drop table sessions?", "removal"],
    ["Drop column legacy_id?", "removal"],
    ["Force-push the rebased branch?", "git"],
    ["git push --force to origin?", "git"],
    ["Run git reset --hard origin/main?", "git"],
    ["git checkout -- src/ to discard edits?", "git"],
    ["git restore . to discard everything?", "git"],
    ["git clean -fdx the tree?", "git"],
    ["git branch -D feature/x?", "git"],
    ["kubectl delete pod web-1?", "infrastructure"],
    ["terraform destroy the preview stack?", "infrastructure"],
    ["Rollback the deploy?", "infrastructure"],
    ["Revoke the leaked API key?", "credentials"],
    ["Rotate the deploy token now?", "credentials"],
    ["Reset the admin password?", "credentials"],
    ["Approve this architecture change?", "structure"],
    ["Take the architectural fork toward event sourcing?", "structure"],
    ["Accept the data model change?", "structure"],
    ["Run the schema migration now?", "structure"],
    ["Ship a breaking change in v2?", "structure"],
  ];
  for (const [text, category] of hits) {
    test(`"${text}" is ${category}`, () => expect(destructiveIntent(text)).toBe(category as never));
  }
  test("no rule is shadowed: each is the first to match one of the examples above", () => {
    // A broad rule listed before a narrow one (`delete` before `kubectl delete`) would hide it.
    const firstMatch = (text: string) => DESTRUCTIVE_PATTERNS.findIndex(([, re]) => re.test(text));
    const reached = new Set(hits.map(([text]) => firstMatch(text)));
    const shadowed = DESTRUCTIVE_PATTERNS.filter((_, i) => !reached.has(i)).map(([category, re]) => `${category} ${re.source}`);
    expect(shadowed).toEqual([]);
  });

  const misses = [
    "Create TODOS.md?",
    "Which version tier to bump?",
    "Deleted files were restored, continue?", // word-bounded: "deleted" is not "delete"
    "Should the dropdown be wider?",
    "Pick an architecture for the new service?",
    "Reset the form fields to defaults?",
    "Restore .env.example defaults?",
    "Use undelete semantics?",
  ];
  for (const text of misses) test(`"${text}" is not destructive`, () => expect(destructiveIntent(text)).toBeUndefined());
});
