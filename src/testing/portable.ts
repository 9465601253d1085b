// The binary's portable context for tests that call a hook's modules directly (not through invokeHook,
// which makes one per run): the same Bun implementation ctx.portable is in the compiled hook.
import { bunPortable } from "../kit/portable.ts";
import type { Portable } from "../base/portable/types.ts";

export interface TestPortableOptions {
  hook?: string;
  /** The hook's state folder (default: a name under the OS's temp folder that is never created by this call). */
  stateDir?: string;
  env?: Record<string, string | undefined>;
  now?: () => number;
}

export function testPortable(options: TestPortableOptions = {}): Portable {
  return bunPortable({
    hook: options.hook ?? "test",
    stateDir: options.stateDir ?? `${process.env.TMPDIR || "/tmp"}/hookkit-test-portable`,
    env: options.env ?? process.env,
    now: options.now ?? Date.now,
  });
}
