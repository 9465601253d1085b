// Ids from a hook's input made safe as one path segment: pure code both forms of a hook share.
const UNSAFE = /[^A-Za-z0-9._-]/g;

/**
 * Makes an id from the input (session_id, tool_use_id, …) safe as ONE path segment: only
 * [A-Za-z0-9._-], no separators or NUL, never "." or "..", at most `max` characters.
 * Returns undefined when nothing usable is left; callers then skip the write.
 */
export function safeSegment(id: unknown, max = 128): string | undefined {
  if (typeof id !== "string") return undefined;
  const cleaned = id.replace(UNSAFE, "_").slice(0, max);
  if (cleaned === "" || /^\.+$/.test(cleaned)) return undefined;
  return cleaned;
}
