// In-process hook runs for unit tests: the runtime's runner, speaking Claude Code unless a test
// names another host, with ctx.portable on Bun (kit/portable) unless a test gives another.
import { claude } from "../hosts/claude/adapter.ts";
import { bunPortable } from "../kit/portable.ts";
import { invokeHook as invokeWith, type HookRun, type InvokeOptions as RuntimeInvokeOptions } from "../runtime/invoke.ts";
import type { HookDefinition } from "../runtime/types.ts";

export type InvokeOptions = Omit<RuntimeInvokeOptions, "host"> & Partial<Pick<RuntimeInvokeOptions, "host">>;
export type { HookRun };
export { parseLines } from "../runtime/invoke.ts";

export function invokeHook(hook: HookDefinition, input?: unknown, options: InvokeOptions = {}): Promise<HookRun> {
  return invokeWith(hook, input, { ...options, host: options.host ?? claude, portable: options.portable ?? bunPortable });
}
