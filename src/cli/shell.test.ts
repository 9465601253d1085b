import { describe, expect, test } from "bun:test";
import { commandPrograms, substitutePlain, substituteShell } from "./shell.ts";

const env = { HOME: "/home/u", CLAUDE_PLUGIN_ROOT: "/opt/my plugin" };
const names = (command: string) => commandPrograms(command, env).map((p) => p.name);

describe("substituteShell", () => {
  test("quotes the value for where the placeholder stands, so sh reads back the exact path", async () => {
    const path = `/a b/"q"/$x/\`c\`/it's`;
    const command = `printf '%s\\n' "\${CLAUDE_PLUGIN_ROOT}/bin/x" \${CLAUDE_PLUGIN_ROOT}/y '\${CLAUDE_PLUGIN_ROOT}'`;
    const out = await Bun.$`sh -c ${substituteShell(command, { CLAUDE_PLUGIN_ROOT: path })}`.text();
    // double-quoted and bare placeholders become the path; a single-quoted one stays literal, as in sh
    expect(out).toBe(`${path}/bin/x\n${path}/y\n\${CLAUDE_PLUGIN_ROOT}\n`);
    expect(substituteShell(`echo '\${CLAUDE_PLUGIN_ROOT}'`, { CLAUDE_PLUGIN_ROOT: path })).toBe(`echo '\${CLAUDE_PLUGIN_ROOT}'`);
  });

  test("leaves other variables alone; exec form is plain replacement", () => {
    expect(substituteShell('"$HOME/x" ${CLAUDE_PLUGIN_ROOT}', { CLAUDE_PLUGIN_ROOT: "/p" })).toBe('"$HOME/x" /p');
    expect(substitutePlain("${CLAUDE_PLUGIN_ROOT}/bin/x ${OTHER}", { CLAUDE_PLUGIN_ROOT: "/a b" })).toBe("/a b/bin/x ${OTHER}");
  });
});

describe("commandPrograms", () => {
  test("finds the program of each simple command, with quotes removed and variables expanded", () => {
    expect(names('"${CLAUDE_PLUGIN_ROOT}"/bin/hookkit deny-rm')).toEqual(["/opt/my plugin/bin/hookkit"]);
    expect(names('exec "$CLAUDE_PLUGIN_ROOT/bin/hookkit" x')).toEqual(["/opt/my plugin/bin/hookkit"]);
    expect(names("FOO=1 python3 ~/x.py && node -e 1 | jq .")).toEqual(["python3", "node", "jq"]);
  });

  test("skips builtins and the program a `[ -x P ] &&` guard tests", () => {
    expect(names("echo hi; true")).toEqual([]);
    expect(names('[ -x "$CLAUDE_PLUGIN_ROOT/l" ] && exec "$CLAUDE_PLUGIN_ROOT/l" || exec /bin/launcher')).toEqual(["/bin/launcher"]);
    expect(names('[ -x /a ] && exec /b')).toEqual(["/b"]);
  });

  test("marks computed programs as dynamic instead of guessing", () => {
    const programs = commandPrograms("$(which node) x.js; `cat f` y", env);
    expect(programs.map((p) => p.dynamic)).toEqual([true, true]);
  });
});
