// Just enough POSIX sh lexing to (a) put a plugin path into a shell-form command without breaking its
// quoting, and (b) find the programs a shell-form command starts, so `doctor` can say which one is
// missing. Claude Code runs shell form as `/bin/sh -c <command>` (docs/protocol/claude-code.md).

/** Replaces `${NAME}` / `$NAME` for the given names, quoting each value for where it stands. */
export function substituteShell(command: string, values: Record<string, string>): string {
  let out = "";
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === "\\" && quote !== "'") {
      out += c + (command[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "'" && quote !== '"') quote = quote === "'" ? undefined : "'";
    else if (c === '"' && quote !== "'") quote = quote === '"' ? undefined : '"';
    const ref = c === "$" && quote !== "'" ? readVariable(command, i) : undefined;
    const value = ref && Object.hasOwn(values, ref.name) ? values[ref.name]! : undefined;
    if (ref && value !== undefined) {
      out += quote === '"' ? value.replace(/["\\$`]/g, "\\$&") : quoteWord(value);
      i = ref.end - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** Plain string replacement, as Claude Code does for exec form (`args` present). */
export function substitutePlain(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function quoteWord(value: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

function readVariable(text: string, at: number): { name: string; end: number } | undefined {
  const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(at));
  if (braced) return { name: braced[1]!, end: at + braced[0].length };
  const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(at));
  return bare ? { name: bare[1]!, end: at + bare[0].length } : undefined;
}

export type Token = { word: string; dynamic: boolean } | { op: string };

/** Splits a command into words (quotes removed, variables expanded from `env`) and operators. */
export function shellTokens(command: string, env: Record<string, string | undefined>): Token[] {
  const tokens: Token[] = [];
  let word = "";
  let inWord = false;
  let dynamic = false;
  let quote: "'" | '"' | undefined;
  const flush = () => {
    if (inWord) tokens.push({ word, dynamic });
    word = "";
    inWord = false;
    dynamic = false;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (c === "\\") {
      word += command[i + 1] ?? "";
      inWord = true;
      i++;
      continue;
    }
    if (c === '"') {
      quote = quote === '"' ? undefined : '"';
      inWord = true;
      continue;
    }
    if (c === "$") {
      const ref = readVariable(command, i);
      if (ref) {
        word += env[ref.name] ?? "";
        inWord = true;
        i = ref.end - 1;
        continue;
      }
      // $(...), `...`, $1, ${x:-y}: only known when the shell runs, so never resolved statically.
      dynamic = true;
      if (command[i + 1] === "(") {
        const end = closingParen(command, i + 1);
        word += command.slice(i, end + 1);
        inWord = true;
        i = end;
        continue;
      }
    }
    if (c === "`") {
      const end = command.indexOf("`", i + 1);
      word += command.slice(i, end < 0 ? undefined : end + 1);
      inWord = true;
      dynamic = true;
      i = end < 0 ? command.length : end;
      continue;
    }
    if (quote === '"') {
      word += c;
      continue;
    }
    if (c === "'") {
      quote = "'";
      inWord = true;
      continue;
    }
    if (c === " " || c === "\t") {
      flush();
      continue;
    }
    const op = /^(&&|\|\||;;|[;&|\n()])/.exec(command.slice(i));
    if (op) {
      flush();
      tokens.push({ op: op[0] });
      i += op[0].length - 1;
      continue;
    }
    if (c === "~" && !inWord && /^~(\/|$|\s)/.test(command.slice(i))) {
      word += env.HOME ?? "~";
      inWord = true;
      continue;
    }
    if (c === "*" || c === "?") dynamic = true;
    word += c;
    inWord = true;
  }
  flush();
  return tokens;
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return text.length - 1;
}

const WRAPPERS = new Set(["exec", "command", "nohup", "time", "env", "builtin"]);
const KEYWORDS = new Set(["if", "then", "else", "elif", "fi", "while", "until", "do", "done", "!", "{", "}"]);
const BUILTINS = new Set(
  "[ [[ test true false : echo printf cd export read exit return set unset . source eval trap wait shift local case for esac in umask ulimit type hash alias".split(
    " ",
  ),
);

export type Program = { name: string; dynamic: boolean };

/** The external programs a shell-form command starts, skipping builtins and `[ -x P ] && P` guards. */
export function commandPrograms(command: string, env: Record<string, string | undefined>): Program[] {
  const programs: Program[] = [];
  let segment: Array<{ word: string; dynamic: boolean }> = [];
  let guardedBy: string | undefined; // P in `[ -x P ] && P`: may not exist yet, and that is fine
  const close = (op: string | undefined) => {
    const words = segment.slice();
    while (words.length > 0 && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!.word) || WRAPPERS.has(words[0]!.word) || KEYWORDS.has(words[0]!.word)))
      words.shift();
    const first = words[0];
    let thisTest: string | undefined;
    if (first && (first.word === "[" || first.word === "test" || first.word === "[[")) {
      const flag = words[1]?.word ?? "";
      if (/^-[efx]$/.test(flag)) thisTest = words[2]?.word;
    } else if (first && !BUILTINS.has(first.word) && first.word !== guardedBy) {
      programs.push({ name: first.word, dynamic: first.dynamic });
    }
    guardedBy = op === "&&" ? thisTest : undefined;
    segment = [];
  };
  for (const token of shellTokens(command, env)) {
    if ("op" in token) close(token.op);
    else segment.push(token);
  }
  close(undefined);
  return programs;
}
