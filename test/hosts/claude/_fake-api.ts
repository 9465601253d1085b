// A fake Anthropic Messages API on loopback that plays a scripted model, for running the real Claude Code
// offline. It answers POST /v1/messages the way the real API does (SSE when the request streams, one JSON
// message otherwise) and appends every request it gets to a JSONL file, so a test can read what the host
// sent: the tool_result blocks, the context hooks injected, the system prompt.
//
// Which turn the model is on is read from the request itself: the number of assistant messages already in
// `messages`. Turn n plays `script.turns[n]`; past the end it says `script.finalText`. So a tool call in
// turn 0 is followed, once the host sends the tool result back, by turn 1; a Stop hook that blocks makes
// the host ask again, and that request is one turn further. Requests without tools (the session title,
// summaries) are side calls and get a short text.
import { appendFileSync } from "node:fs";

export type ScriptBlock =
  | { text: string }
  /** A tool call; `id` defaults to toolu_fake_<turn>_<index>. */
  | { tool: string; input: Record<string, unknown>; id?: string };

export interface ModelScript {
  /** The blocks of each main-loop turn, in order. A turn with a tool block ends with stop_reason tool_use. */
  turns: ScriptBlock[][];
  /** Said on every turn past the script (default "done"). */
  finalText?: string;
}

export interface RecordedRequest {
  /** Milliseconds since the fake started. */
  at: number;
  method: string;
  /** Path and query, e.g. /v1/messages?beta=true */
  path: string;
  body: unknown;
}

export interface FakeApi {
  port: number;
  url: string;
  stop(): void;
}

interface MessagesRequest {
  model?: string;
  stream?: boolean;
  tools?: unknown[];
  messages?: { role: string; content: unknown }[];
}

type Block = { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

/** The blocks the scripted model answers `request` with. */
export function scriptedReply(script: ModelScript, request: MessagesRequest): Block[] {
  const main = Array.isArray(request.tools) && request.tools.length > 0;
  if (!main) return [{ type: "text", text: "Scripted session" }];
  const turn = (request.messages ?? []).filter((m) => m.role === "assistant").length;
  const blocks = script.turns[turn];
  if (!blocks || blocks.length === 0) return [{ type: "text", text: script.finalText ?? "done" }];
  return blocks.map((block, index) =>
    "text" in block
      ? { type: "text" as const, text: block.text }
      : { type: "tool_use" as const, id: block.id ?? `toolu_fake_${turn}_${index}`, name: block.tool, input: block.input },
  );
}

function messageOf(blocks: Block[], model: string) {
  const stopReason = blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
  return {
    id: `msg_fake_${Math.random().toString(36).slice(2, 10)}`,
    type: "message",
    role: "assistant",
    model,
    content: blocks,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

function sse(blocks: Block[], model: string): string {
  const message = messageOf(blocks, model);
  const events: [string, unknown][] = [
    ["message_start", { type: "message_start", message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } } }],
  ];
  blocks.forEach((block, index) => {
    if (block.type === "text") {
      events.push(["content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } }]);
      events.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text: block.text } }]);
    } else {
      events.push(["content_block_start", { type: "content_block_start", index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } }]);
      events.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) } }]);
    }
    events.push(["content_block_stop", { type: "content_block_stop", index }]);
  });
  events.push(["message_delta", { type: "message_delta", delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: 5 } }]);
  events.push(["message_stop", { type: "message_stop" }]);
  return events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join("");
}

/** Starts the fake on 127.0.0.1 (an ephemeral port unless given); every request is appended to `recordFile`. */
export function startFakeApi(script: ModelScript, recordFile: string, port = 0): FakeApi {
  const started = performance.now();
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port,
    async fetch(req) {
      const url = new URL(req.url);
      const text = req.method === "POST" ? await req.text() : "";
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // kept as text
      }
      const record: RecordedRequest = { at: Math.round(performance.now() - started), method: req.method, path: url.pathname + url.search, body };
      appendFileSync(recordFile, `${JSON.stringify(record)}\n`);
      if (req.method !== "POST" || !url.pathname.startsWith("/v1/messages")) return Response.json({}, { status: 404 });
      if (url.pathname.endsWith("/count_tokens")) return Response.json({ input_tokens: 100 });
      const request = (body ?? {}) as MessagesRequest;
      const model = request.model ?? "claude-fake";
      const blocks = scriptedReply(script, request);
      if (!request.stream) return Response.json(messageOf(blocks, model), { headers: { "request-id": "req_fake" } });
      return new Response(sse(blocks, model), {
        headers: { "content-type": "text/event-stream", "cache-control": "no-cache", "request-id": "req_fake" },
      });
    },
  });
  return { port: server.port!, url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}
