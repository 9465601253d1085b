import type { HookEventName } from "../protocol/index.ts";
import type { HookDefinition, HookSpecWithInput, HookSpecWithoutInput } from "./types.ts";

const NAME = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * The variable the generated hooks.json sets to start a hook without `jit: true` without JSC's JIT
 * (src/hosts/claude/hooks-json.ts writes it, src/hosts/main.ts removes it again before the handler runs).
 */
export const NO_JIT = { name: "BUN_JSC_useJIT", value: "0" } as const;

/** Declares a hook. The definition is plain data plus `run`; nothing runs until runHook. */
export function defineHook<E extends HookEventName>(spec: HookSpecWithInput<E>): HookDefinition<E>;
export function defineHook<E extends HookEventName>(spec: HookSpecWithoutInput<E>): HookDefinition<E>;
export function defineHook<E extends HookEventName>(spec: HookSpecWithInput<E> | HookSpecWithoutInput<E>): HookDefinition<E> {
  if (!NAME.test(spec.name)) throw new Error(`hook name "${spec.name}" must be kebab-case (a-z, 0-9, -)`);
  if (spec.timeout !== undefined && !(spec.timeout > 0)) {
    throw new Error(`hook "${spec.name}": timeout must be a positive number of seconds (the host drops the entry otherwise)`);
  }
  return { ...spec, stdin: spec.stdin ?? "required" } as HookDefinition<E>;
}
