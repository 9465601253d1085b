// The hook's error log and its consecutive-failure counter. Both live in files because every hook
// run is a new process. Nothing here may throw: a hook that cannot log still answers.
// node:fs is loaded on first use (base/lazy): a hook run that succeeds and logs nothing never needs it.
import { symlinkEscape } from "../base/confine.ts";
import { oneLine } from "../base/errors.ts";
import { nodeFs as fs } from "../base/lazy.ts";
import { joinPath, parentDir } from "../base/paths.ts";
import { exists } from "../base/stat.ts";

const ROTATE_BYTES = 1024 * 1024;

export class ErrorLog {
  constructor(
    readonly file: string,
    readonly tag: string,
    private readonly now: () => Date,
    /** The state root the log lives under: a symlink below it that leads outside is not written through. */
    private readonly root: string = parentDir(file),
  ) {}

  /** Appends `<ISO time> <tag>: <message>` (one line), rotating to `.1` past 1 MiB. */
  write(message: string): void {
    try {
      if (symlinkEscape(this.root, this.file)) return;
      const { mkdirSync, statSync, renameSync, appendFileSync } = fs();
      mkdirSync(parentDir(this.file), { recursive: true });
      try {
        if (statSync(this.file).size > ROTATE_BYTES) renameSync(this.file, `${this.file}.1`);
      } catch {}
      appendFileSync(this.file, `${this.now().toISOString()} ${this.tag}: ${oneLine(message, " ⏎ ")}\n`);
    } catch {
      // Logging is best effort; the answer matters more.
    }
  }
}

/** Counts consecutive fail-open failures so that silent breakage surfaces to the user. */
export class FailureCounter {
  readonly file: string;

  /** `root`: the state root above `stateDir`; a symlink below it that leads outside is not written or deleted through. */
  constructor(
    stateDir: string,
    private readonly root: string = stateDir,
  ) {
    this.file = joinPath(stateDir, "consecutive-failures");
  }

  /** Records a failure and returns how many happened in a row (0 when the count can't be kept). */
  fail(): number {
    try {
      const { mkdirSync, readFileSync, writeFileSync } = fs();
      if (symlinkEscape(this.root, this.file)) return 0;
      let count = 0;
      try {
        count = Number.parseInt(readFileSync(this.file, "utf8"), 10) || 0;
      } catch {}
      count += 1;
      mkdirSync(parentDir(this.file), { recursive: true });
      writeFileSync(this.file, String(count));
      return count;
    } catch {
      return 0;
    }
  }

  /** A success ends the streak. Costs one synchronous native stat on the common path (kit/stat). */
  reset(): void {
    try {
      if (exists(this.file) && !symlinkEscape(this.root, this.file)) fs().unlinkSync(this.file);
    } catch {}
  }
}
