/**
 * Conductor (conductor.build) runs Claude Code where AskUserQuestion has no UI and hangs the
 * session. There, a question the hook cannot auto-decide is denied with
 * instructions to ask in prose instead; the user answers in the chat.
 */

type Env = Record<string, string | undefined>;

/** gstack `lib/is-conductor.ts`: either variable set (non-empty), read at call time. */
export function isConductor(env: Env): boolean {
  return !!(env.CONDUCTOR_WORKSPACE_PATH || env.CONDUCTOR_PORT);
}

const CONDUCTOR_BRIEF =
  "[conductor] AskUserQuestion has no interactive UI in this Conductor workspace and would hang the session. " +
  "Do not call AskUserQuestion again for this decision, natively or through any mcp__*__AskUserQuestion variant. " +
  "Instead, present the decision as prose: the question in one or two sentences, your recommendation with the reason, " +
  "and lettered options (A, B, C, ...), one per line. " +
  "Ask the user to reply with a letter, then stop and wait for the reply. " +
  "For a one-way or destructive choice, proceed only after the user types an explicit confirmation. " +
  "Once the user has answered, record the decision with gstack-question-log.";

/** The deny reason; the memory context, when present, follows on its own line. */
export function conductorReason(memoryContext: string | undefined): string {
  return memoryContext ? `${CONDUCTOR_BRIEF}\n${memoryContext}` : CONDUCTOR_BRIEF;
}
