// The suite's markdown report. Each test file records its figures as a section (a JSON file under
// dist/reliability/, never committed); after each file, the report is rebuilt from every section
// present, so running one file alone updates its part and keeps the others. It goes to
// dist/reliability/REPORT.md, so a test run leaves the working tree clean; the committed snapshot
// plugins/test/reliability/REPORT.md is refreshed on purpose with
// HOOKKIT_RELIABILITY_REPORT=plugins/test/reliability/REPORT.md bun test plugins/test/reliability.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LONG, PARALLEL, SEED, type Tally } from "./_harness.ts";

const REPO = join(import.meta.dir, "..", "..", "..");
const SECTIONS = join(REPO, "dist", "reliability");
export const REPORT = process.env.HOOKKIT_RELIABILITY_REPORT
  ? resolve(REPO, process.env.HOOKKIT_RELIABILITY_REPORT)
  : join(SECTIONS, "REPORT.md");

/** Report order of the sections (by file), then anything else alphabetically. */
const ORDER = ["fuzz-question-preference", "fuzz-ensure-python", "hostile-paths", "registry-parse", "pipes", "concurrency", "crash-recovery"];

export interface Section {
  id: string;
  title: string;
  /** Markdown body (tables, bullets). */
  body: string;
  seed: number;
  mode: string;
  at: string;
  seconds: number;
}

export function saveSection(id: string, title: string, body: string, seconds: number): void {
  mkdirSync(SECTIONS, { recursive: true });
  const section: Section = { id, title, body, seed: SEED, mode: LONG ? "long" : "default", at: new Date().toISOString(), seconds: Math.round(seconds * 10) / 10 };
  writeFileSync(join(SECTIONS, `${id}.json`), JSON.stringify(section, null, 2));
  writeReport();
}

function writeReport(): void {
  const sections: Section[] = [];
  for (const f of readdirSync(SECTIONS)) {
    if (!f.endsWith(".json")) continue;
    try {
      sections.push(JSON.parse(readFileSync(join(SECTIONS, f), "utf8")));
    } catch {}
  }
  const rank = (s: Section) => (ORDER.includes(s.id) ? ORDER.indexOf(s.id) : ORDER.length);
  sections.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  const out = [
    "# hookkit reliability report",
    "",
    "Written by `bun test plugins/test/reliability` (the compiled host binary, real child processes, real files).",
    "Reproduce a run with `HOOKKIT_RELIABILITY_SEED=<seed>`; `HOOKKIT_RELIABILITY=long` runs the longer variant.",
    `Children in flight: ${PARALLEL}. Machine: ${process.platform}-${process.arch}, Bun ${Bun.version}.`,
    "",
    "| section | mode | seed | seconds | run at |",
    "|---|---|---|---|---|",
    ...sections.map((s) => `| ${s.title} | ${s.mode} | ${s.seed} | ${s.seconds} | ${s.at} |`),
    "",
  ];
  for (const s of sections) out.push(`## ${s.title}`, "", s.body.trim(), "");
  writeFileSync(REPORT, out.join("\n"));
}

/** The standard fuzz table: one row per generator plus a total. */
export function tallyTable(t: Tally): string {
  const rows = ["| generator | inputs | crashes | invalid outputs | time-outs | bad exit codes | slowest (ms) |", "|---|---|---|---|---|---|---|"];
  for (const [kind, k] of [...t.byKind.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    rows.push(`| ${kind} | ${k.tried} | ${k.crash} | ${k.invalid} | ${k.timeout} | ${k.badExit} | ${Math.round(k.maxMs)} |`);
  }
  rows.push(`| **total** | **${t.total("tried")}** | **${t.total("crash")}** | **${t.total("invalid")}** | **${t.total("timeout")}** | **${t.total("badExit")}** | |`);
  const fails = t.failures.map((f) => `- ${f.kind} #${f.index}: ${f.verdict} — ${(f.detail ?? "").replace(/\n/g, " ").slice(0, 300)}`);
  return [...rows, "", `Answers: ${t.answers.empty} empty, ${t.answers.json} one JSON line.`, ...(fails.length ? ["", "First failures:", ...fails] : [])].join("\n");
}
