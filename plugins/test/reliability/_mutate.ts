// Generic input damage for the fuzzers: every function takes the case's Rng, so a case rebuilds
// byte for byte from (seed, index). Shapes follow what hosts and broken parents have been seen to
// send: cut pipes, flipped bytes, wrong JSON types, deep nesting, huge strings, bad UTF-8, NULs.
import type { Rng } from "./_harness.ts";

const enc = new TextEncoder();
export const utf8 = (s: string) => enc.encode(s);

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function randomBytes(rng: Rng): Uint8Array {
  const len = rng.pick([0, 1, 2, 3, 8, 64, 512, 4096, 65_536, 300_000]);
  const bytes = rng.bytes(len);
  // Sometimes start like JSON, so the parser gets past the first byte.
  if (len > 2 && rng.chance(0.3)) bytes[0] = rng.pick([0x7b, 0x5b, 0x22]);
  return bytes;
}

/** The valid text cut at a random byte (sometimes at a multi-byte character's middle). */
export function truncate(rng: Rng, text: Uint8Array): Uint8Array {
  return text.subarray(0, rng.int(text.length));
}

const STRUCTURAL = utf8('{}[]":,\\ \n\t0-eE.tfn');

/** 1–8 random edits: flips, inserts, deletes, duplicated or swapped slices. */
export function mutate(rng: Rng, text: Uint8Array): Uint8Array {
  let b = Array.from(text);
  const edits = rng.range(1, 8);
  for (let e = 0; e < edits && b.length > 0; e++) {
    const at = rng.int(b.length);
    switch (rng.int(6)) {
      case 0:
        b[at] = b[at]! ^ (1 << rng.int(8));
        break;
      case 1:
        b.splice(at, 0, rng.chance(0.5) ? rng.pick(Array.from(STRUCTURAL)) : rng.int(256));
        break;
      case 2:
        b.splice(at, rng.range(1, 16));
        break;
      case 3: {
        const len = rng.range(1, 64);
        b.splice(rng.int(b.length), 0, ...b.slice(at, at + len));
        break;
      }
      case 4:
        b[at] = rng.pick(Array.from(STRUCTURAL));
        break;
      default: {
        const j = rng.int(b.length);
        [b[at], b[j]] = [b[j]!, b[at]!];
      }
    }
  }
  return Uint8Array.from(b);
}

/** Every path to a value in `v` (objects and arrays), root excluded. */
export function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v && typeof v === "object") {
    for (const [k, child] of Object.entries(v)) {
      const p = [...prefix, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      paths(child, p, out);
    }
  }
  return out;
}

export function setPath(root: any, path: (string | number)[], value: unknown): any {
  const copy = structuredClone(root);
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k];
  node[path.at(-1)!] = value;
  return copy;
}

/** Values of every JSON type, plus edge values of each. */
export const WRONG_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -0.5,
  "",
  "x",
  [],
  [1, "a", null],
  {},
  { nested: { deeper: [] } },
];

export function deepNesting(rng: Rng): { depth: number; text: string; where: string } {
  const depth = rng.pick([64, 512, 4096, 50_000, 500_000, 2_000_000]);
  const [open, close] = rng.chance(0.5) ? ["[", "]"] : ['{"a":', "}"];
  const closed = rng.chance(0.7);
  const nested = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
  return { depth, text: nested, where: rng.pick(["root", "tool_input", "question", "extra"]) };
}

export function hugeString(rng: Rng): string {
  const len = rng.pick([100_000, 1_000_000, 4_000_000]);
  const unit = rng.pick(["a", "é", "\u{1F600}", "\\", '"', "\n", "<gstack-qid:x> ", "(recommended)"]);
  return unit.repeat(Math.ceil(len / unit.length));
}

/** Byte sequences no UTF-8 decoder accepts as they stand. */
const BAD_UTF8: number[][] = [
  [0xff],
  [0xc3],
  [0xe2, 0x82],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
];

/** Bad UTF-8 (and lone-surrogate escapes) placed inside the text's string values. */
export function badUtf8(rng: Rng, text: Uint8Array): Uint8Array {
  const b = Array.from(text);
  const quotes: number[] = [];
  for (let i = 0; i < b.length; i++) if (b[i] === 0x22) quotes.push(i);
  for (let e = rng.range(1, 6); e > 0; e--) {
    const at = quotes.length ? rng.pick(quotes) + 1 : rng.int(b.length + 1);
    const insert = rng.chance(0.8) ? rng.pick(BAD_UTF8) : Array.from(utf8(rng.pick(["\\ud800", "\\udfff", "\\ud83d", "\\u0000"])));
    b.splice(at, 0, ...insert);
  }
  return Uint8Array.from(b);
}

/** NUL as raw bytes (anywhere) or as \u0000 escapes inside string values. */
export function nulBytes(rng: Rng, text: Uint8Array): Uint8Array {
  const b = Array.from(text);
  const raw = rng.chance(0.4);
  for (let e = rng.range(1, 4); e > 0; e--) {
    const at = rng.int(b.length + 1);
    if (raw) b.splice(at, 0, 0);
    else {
      // Inside a string value: right after an opening quote of a value.
      const quotes: number[] = [];
      for (let i = 0; i < b.length; i++) if (b[i] === 0x22 && b[i - 1] === 0x3a) quotes.push(i);
      b.splice(quotes.length ? rng.pick(quotes) + 1 : at, 0, ...Array.from(utf8("\\u0000")));
    }
  }
  if (rng.chance(0.2)) b.unshift(0, 0, 0);
  return Uint8Array.from(b);
}
