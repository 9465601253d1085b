// The seam between the run loop and an agent host. Everything that differs between hosts lives
// behind this interface, implemented once per host under src/hosts/<host>/: how a raw payload
// becomes the hook's typed input, how an answer is written (and which answers the host would
// silently ignore, so they are refused instead), what a failure looks like on the wire, and the
// host's default timeouts. The run loop itself knows no host's vocabulary.
//
// The host a hook runs for is always explicit: the generated command passes `--host <id>`, and
// its absence means Claude Code. It is never guessed from the payload.
import type { HookEventName } from "../protocol/index.ts";
import type { Answer } from "./answer.ts";
import type { HookDefinition } from "./types.ts";

/** What the hook writes back: stdout text (one line or empty), one stderr line or none, an exit code. */
export interface Encoded {
  readonly stdout: string;
  readonly stderr?: string;
  readonly exitCode: number;
}

export type InputOutcome =
  | {
      readonly ok: true;
      /** The payload in hookkit's vocabulary (Claude Code's field and tool names). */
      readonly input: Record<string, unknown>;
      /** Tolerated problems (a wrong-typed field dropped…), logged once per run. */
      readonly notes: readonly string[];
    }
  | {
      readonly ok: false;
      /**
       * The event is not for this hook (a host that cannot filter by matcher sent another tool): the
       * hook gives no opinion, without running, logging or counting anything.
       */
      readonly skip?: true;
      readonly problem: string;
      /**
       * The payload is unusable through no fault of the hook (not JSON, no tool_input…): logged, and
       * answered by the fail policy, but not counted toward the streak that blames the hook.
       */
      readonly hostFault: boolean;
    };

export type Metrics = Readonly<Record<string, number | boolean>>;

export interface Host {
  /** `claude`, `codex`, … as in `--host <id>`. */
  readonly id: string;
  /** Human name for messages: "Claude Code". */
  readonly name: string;
  /** Starts loading what readInput and encode will need for `event`, while stdin is being read. */
  prepare?(event: HookEventName): void;
  /** Turns a parsed payload into the hook's input for `event`, or says why it cannot. `matcher` is the hook's, in hookkit's tool names. */
  readInput(event: HookEventName, raw: Record<string, unknown>, matcher?: string): Promise<InputOutcome>;
  /** The answer as this host must receive it after the hook's `degrade` declaration (hosts that lack some answers). */
  degrade?(event: HookEventName, answer: Answer, degrade: HookDefinition["degrade"]): Answer;
  /** Encodes an answer; `refused` names why this host cannot honour it on this event. */
  encode(event: HookEventName, answer: Answer, metrics: Metrics | undefined): Promise<Encoded | { readonly refused: string }>;
  /** A fail-open failure: no decision, with an optional notice for the user. */
  failOpen(event: HookEventName, notice: string | undefined, metrics: Metrics | undefined): Encoded;
  /** A fail-closed failure: the action is blocked, the message names the cause. */
  failClosed(event: HookEventName, message: string): Encoded;
  /** The line that announces a runtime-async answer, or undefined when the host has none. */
  asyncMarker(timeoutMs: number | undefined): string | undefined;
  /** Seconds the host gives a command hook of this event that sets no timeout. */
  defaultTimeout(event: HookEventName): number;
}
