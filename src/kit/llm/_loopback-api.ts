// Test helper: a real HTTP server on 127.0.0.1 (port 0) that plays the Messages API, so client
// tests go through fetch, sockets, status codes and headers exactly as in production, and
// nothing leaves the machine. Imported only by tests.

export interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export interface Reply {
  status?: number;
  /** JSON body; `text` sends a raw body instead. */
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** "headers": never answer; "body": send headers and a partial body, then stall. */
  hang?: "headers" | "body";
}

export type Handler = (seen: Seen, n: number) => Reply;

export interface LoopbackApi {
  /** Base URL for ANTHROPIC_BASE_URL. */
  url: string;
  seen: Seen[];
  stop(): void;
}

/** Fields the Messages API accepts at the top level; anything else is a 400, as on the real API. */
const KNOWN_FIELDS = new Set([
  "model", "max_tokens", "messages", "system", "temperature", "top_p", "top_k", "stop_sequences",
  "stream", "metadata", "tools", "tool_choice", "thinking", "output_config", "service_tier",
]);

export const TOKENS = { input_tokens: 120, output_tokens: 30, cache_read_input_tokens: 800, cache_creation_input_tokens: 40 };

export function apiError(status: number, type: string, message: string): Reply {
  return { status, json: { type: "error", error: { type, message }, request_id: `req_${status}` }, headers: { "request-id": `req_${status}` } };
}

export function message(text: string, usage: Record<string, number> = TOKENS, extra: Record<string, unknown> = {}): Reply {
  return {
    status: 200,
    headers: { "request-id": "req_ok" },
    json: {
      id: "msg_loopback",
      type: "message",
      role: "assistant",
      model: "claude-haiku-4-5-20251001",
      content: [{ type: "text", text }],
      stop_reason: "end_turn",
      usage,
      ...extra,
    },
  };
}

/**
 * Plays the API the way it behaves since output_format was retired: validates auth, version and
 * top-level fields, answers structured-output requests (output_config.format) with JSON text.
 */
export function playApi(seen: Seen): Reply {
  if (!seen.headers["x-api-key"] && !seen.headers.authorization?.startsWith("Bearer ")) {
    return apiError(401, "authentication_error", "x-api-key header is required");
  }
  if (!seen.headers["anthropic-version"]) return apiError(400, "invalid_request_error", "anthropic-version: header is required");
  const unknown = Object.keys(seen.body).find((k) => !KNOWN_FIELDS.has(k));
  if (unknown === "output_format") {
    return apiError(400, "invalid_request_error", "output_format: Extra inputs are not permitted. Structured outputs moved to output_config.format.");
  }
  if (unknown) return apiError(400, "invalid_request_error", `${unknown}: Extra inputs are not permitted`);
  const format = (seen.body.output_config as { format?: { type?: string } } | undefined)?.format;
  if (format && format.type !== "json_schema") return apiError(400, "invalid_request_error", "output_config.format.type: invalid");
  return message(format ? JSON.stringify({ verdict: "safe", findings: [] }) : "No issues found.");
}

export function startLoopbackApi(handler: Handler = playApi): LoopbackApi {
  const seen: Seen[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(req) {
      const raw = await req.text();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw);
      } catch {}
      const entry: Seen = { method: req.method, path: new URL(req.url).pathname, headers: Object.fromEntries(req.headers), body };
      seen.push(entry);
      const reply = handler(entry, seen.length);
      if (reply.hang === "headers") return new Promise<Response>(() => {});
      const headers = new Headers(reply.headers);
      if (reply.hang === "body") {
        headers.set("content-type", "application/json");
        const stalled = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"id":"msg_')) });
        return new Response(stalled, { status: reply.status ?? 200, headers });
      }
      if (reply.json !== undefined) {
        headers.set("content-type", "application/json");
        return new Response(JSON.stringify(reply.json), { status: reply.status ?? 200, headers });
      }
      return new Response(reply.text ?? "", { status: reply.status ?? 200, headers });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, seen, stop: () => server.stop(true) };
}

/** A loopback port with nothing listening: bind, note the port, close. */
export function closedPort(): number {
  const s = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
  const port = s.port;
  s.stop(true);
  return port as number;
}
