// Reads the event from stdin to EOF, with a deadline and a size cap. The host writes one JSON
// object, a newline and EOF, but async hooks have been seen with no trailing newline or
// 0 bytes, and a misbehaving parent can hold stdin open forever: whatever arrived by the
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

/** The two ways into a process's stdin: Bun's stream, and a plain fd read tried only when the first cannot start. */
export interface StdinSource {
  stream(): ReadableStream<Uint8Array>;
  fallback(): Promise<ReadableStream<Uint8Array>>;
}

export const processStdin: StdinSource = {
  stream: () => Bun.stdin.stream(),
  // node:fs costs ~2.5 ms to load, so only this path loads it. It reads fd 0 chunk by chunk like the stream does,
  // so a stdin held open still yields what arrived by the deadline (Bun.stdin.text() would yield nothing then).
  fallback: async () => {
    const { createReadStream } = await import("node:fs");
    const file = createReadStream("", { fd: 0, autoClose: false });
    const chunks: AsyncIterator<Uint8Array> = file[Symbol.asyncIterator]();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel: () => void file.destroy(),
    });
  },
};

/**
 * Reads this process's stdin. Under Wine, Bun's stdin stream on a pipe (how every host passes the event) throws
 * EBADF from getReader() while fd 0 itself reads fine; a read that cannot start is therefore retried through the
 * fallback, under the same deadline (the time already spent counts) and cap. If neither starts, the input is
 * empty: the run loop logs that, and the failure is never taken for the handler's.
 */
export async function readStdin(limits: StdinLimits, source: StdinSource = processStdin): Promise<StdinResult> {
  const started = performance.now();
  const first = await readOrRefuse(async () => source.stream(), limits);
  if (first) return first;
  const left = { ...limits, deadlineMs: Math.max(0, limits.deadlineMs - (performance.now() - started)) };
  return (await readOrRefuse(() => source.fallback(), left)) ?? { text: "", timedOut: false, overflow: false, bytes: 0 };
}

/** The part of a stream reader this file uses (Bun's and node:stream/web's reader types differ in the rest). */
interface ChunkReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}

/** undefined when the stream could not be opened or its first read failed before any byte. */
async function readOrRefuse(
  open: () => Promise<ReadableStream<Uint8Array>>,
  limits: StdinLimits,
): Promise<StdinResult | undefined> {
  let reader: ChunkReader;
  try {
    const stream: ReadableStream<Uint8Array> = await open();
    reader = stream.getReader();
  } catch {
    return undefined;
  }
  const { refused, ...read } = await readChunks(reader, limits);
  return refused ? undefined : read;
}

export async function readStream(stream: ReadableStream<Uint8Array>, limits: StdinLimits): Promise<StdinResult> {
  const { refused: _, ...read } = await readChunks(stream.getReader(), limits);
  return read;
}

async function readChunks(
  reader: ChunkReader,
  limits: StdinLimits,
): Promise<StdinResult & { refused: boolean }> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let timedOut = false;
  let overflow = false;
  let refused = false;
  // One timer that cancels the reader (a pending read then resolves as done) rather than a race
  // per read: the race cost 0.35M instructions per start (callgrind), a tenth of Bun's own start-up.
  const timer = setTimeout(() => {
    timedOut = true;
    reader.cancel().catch(() => {});
  }, limits.deadlineMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || !value) break;
      bytes += value.byteLength;
      if (bytes > limits.maxBytes) {
        overflow = true;
        reader.cancel().catch(() => {});
        break;
      }
      chunks.push(value);
    }
  } catch {
    // A read error (EIO, closed fd) ends the input; what arrived so far is judged like any other. An error
    // before the first byte and before the deadline means the read never started (readStdin tries another way).
    refused = bytes === 0 && !timedOut;
  } finally {
    clearTimeout(timer);
  }
  const text = overflow || !chunks.length ? "" : new TextDecoder().decode(concat(chunks, bytes));
  return { text, timedOut, overflow, bytes, refused };
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
