// One way to turn whatever was thrown, or a message of several lines, into a line of text for a log or a message.

/**
 * The message of an Error, prefixed with its errno-style `code` when the message does not already
 * name it ("EACCES: …"); anything else thrown, as String() gives it. `name: true` prefixes the
 * error's class ("TypeError: …"), for logs where the kind of failure matters; `stack: true` gives
 * the whole stack when there is one, for a crash worth debugging.
 */
export function describeError(error: unknown, how: { name?: boolean; stack?: boolean } = {}): string {
  if (!(error instanceof Error)) return String(error);
  if (how.stack && error.stack) return error.stack;
  const code = (error as { code?: unknown }).code;
  const text = typeof code === "string" && code !== "" && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  return how.name ? `${error.name}: ${text}` : text;
}

/**
 * `text` on one line: each line break, with the blanks around it, becomes `join`. A host reads a hook's
 * stderr message as one line, and a log keeps one record per line.
 */
export const oneLine = (text: string, join = " "): string => text.replace(/\s*[\r\n]+\s*/g, join);
