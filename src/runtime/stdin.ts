// Reads the event from stdin to EOF, with a deadline and a size cap. The host writes one JSON
// object, a newline and EOF, but async hooks have been seen with no trailing newline (#30509) or
// 0 bytes (#38162), and a misbehaving parent can hold stdin open forever: whatever arrived by the
// deadline is the input, so a hook always answers within its budget.
export interface StdinResult {
  text: string;
  /** The deadline passed before EOF (the text is what arrived until then). */
  timedOut: boolean;
  /** More than the cap arrived; reading stopped and the input is unusable. */
  overflow: boolean;
  bytes: number;
}

export interface StdinLimits {
  deadlineMs: number;
  maxBytes: number;
}

export const DEFAULT_STDIN_LIMITS: StdinLimits = { deadlineMs: 2000, maxBytes: 16 * 1024 * 1024 };

export async function readStream(stream: ReadableStream<Uint8Array>, limits: StdinLimits): Promise<StdinResult> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"deadline">((resolve) => {
    timer = setTimeout(() => resolve("deadline"), limits.deadlineMs);
  });
  let timedOut = false;
  let overflow = false;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === "deadline") {
        timedOut = true;
        break;
      }
      if (next.done) break;
      bytes += next.value.byteLength;
      if (bytes > limits.maxBytes) {
        overflow = true;
        break;
      }
      chunks.push(next.value);
    }
  } catch {
    // A read error (EIO, closed fd) ends the input; what arrived so far is judged like any other.
  } finally {
    clearTimeout(timer);
    if (timedOut || overflow) reader.cancel().catch(() => {});
    else reader.releaseLock();
  }
  const text = overflow ? "" : new TextDecoder().decode(concat(chunks, bytes));
  return { text, timedOut, overflow, bytes };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(Math.min(total, chunks.reduce((n, c) => n + c.byteLength, 0)));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
