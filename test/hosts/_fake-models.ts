// Scripted fake model APIs on loopback for running the real Codex and Gemini CLIs offline: OpenAI's
// Responses API (what Codex speaks) and Google's Generative Language API (what Gemini CLI speaks). Each
// appends every request to a JSONL file, so a test can read what the host sent the model: the tool result
// of the scripted shell command, and any context a hook injected.
//
// The model's turn is read from the request itself: the number of tool results already in it. Turn n
// plays `turns[n]`; past the end the model says `finalText`. So a shell call in turn 0 is followed, once
// the host sends its result (or the hook's denial) back, by the final text.
import { appendFileSync } from "node:fs";

/**
 * One model turn: a shell command (in whichever shell tool the request offers), a file edit through
 * Codex's apply_patch (a freeform tool: the call's input is the patch text itself), JavaScript for
 * Codex's code-mode `exec` tool (the only tool Codex offers models whose metadata says code mode; the
 * script calls the others, e.g. `await tools.apply_patch(patch)`), or a final text.
 */
export type FakeTurn = { shell: string } | { patch: string } | { code: string } | { text: string };

export interface FakeScript {
  turns: FakeTurn[];
  finalText?: string;
}

export type FakeKind = "responses" | "gemini";

export interface FakeModel {
  url: string;
  stop(): void;
}

const sse = (events: unknown[], named: boolean): Response =>
  new Response(
    events
      .map((event) => (named ? `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n` : `data: ${JSON.stringify(event)}\n\n`))
      .join(""),
    { headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } },
  );

const turnOf = (script: FakeScript, index: number): FakeTurn => script.turns[index] ?? { text: script.finalText ?? "done" };

/** Codex: POST /v1/responses, answered as the SSE stream of a Responses API call. */
function responses(script: FakeScript, body: Record<string, unknown>): Response {
  const input = Array.isArray(body.input) ? (body.input as { type?: string }[]) : [];
  const index = input.filter((item) => item.type === "function_call_output" || item.type === "custom_tool_call_output").length;
  const turn = turnOf(script, index);
  const id = `resp_fake_${index}`;
  const tools = Array.isArray(body.tools) ? (body.tools as { name?: string; type?: string }[]) : [];
  const names = new Set(tools.map((t) => t.name ?? t.type));
  let item: Record<string, unknown>;
  if ("shell" in turn) {
    // The shell tool the request offers decides the call's shape; Codex versions differ in which they offer.
    const call_id = `call_fake_${index}`;
    if (names.has("exec_command")) item = { type: "function_call", name: "exec_command", arguments: JSON.stringify({ cmd: turn.shell }), call_id };
    else if (names.has("bash")) item = { type: "function_call", name: "bash", arguments: JSON.stringify({ command: turn.shell, description: "scripted step" }), call_id };
    else if (names.has("shell_command")) item = { type: "function_call", name: "shell_command", arguments: JSON.stringify({ command: turn.shell }), call_id };
    else item = { type: "function_call", name: "shell", arguments: JSON.stringify({ command: ["bash", "-lc", turn.shell] }), call_id };
  } else if ("code" in turn) {
    // Code mode: the tools are offered in an additional_tools input item, not in body.tools.
    if (!JSON.stringify(input).includes('"name":"exec"')) throw new Error("the request offers no code-mode exec tool");
    item = { type: "custom_tool_call", name: "exec", input: turn.code, call_id: `call_fake_${index}` };
  } else if ("patch" in turn) {
    // Codex 0.171.0 offers apply_patch as a custom (freeform, grammar-constrained) tool to models whose
    // metadata says so (gpt-5.5 among those that do not run tools through code mode).
    if (!names.has("apply_patch")) throw new Error(`the request offers no apply_patch tool (it offers: ${[...names].join(", ")})`);
    item = { type: "custom_tool_call", name: "apply_patch", input: turn.patch, call_id: `call_fake_${index}` };
  } else {
    item = { type: "message", role: "assistant", id: `msg_fake_${index}`, content: [{ type: "output_text", text: turn.text, annotations: [] }] };
  }
  const usage = { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 };
  // The full event sequence, with the output repeated in response.completed: Codex reads the
  // output_item.done events, Copilot CLI the completed response.
  const base = { id, object: "response", model: String(body.model ?? "fake"), created_at: Math.floor(Date.now() / 1000) };
  const itemId = "call_id" in item ? `fc_fake_${index}` : item.id;
  const full = { ...item, id: itemId, status: "completed" };
  const text = !("text" in turn) ? [] : [
    { type: "response.content_part.added", item_id: itemId, output_index: 0, content_index: 0, part: { type: "output_text", text: "", annotations: [] } },
    { type: "response.output_text.delta", item_id: itemId, output_index: 0, content_index: 0, delta: turn.text },
    { type: "response.output_text.done", item_id: itemId, output_index: 0, content_index: 0, text: turn.text },
  ];
  const args =
    item.type === "function_call"
      ? [{ type: "response.function_call_arguments.done", item_id: itemId, output_index: 0, arguments: item.arguments }]
      : item.type === "custom_tool_call"
        ? [{ type: "response.custom_tool_call_input.done", item_id: itemId, output_index: 0, input: item.input }]
        : [];
  return sse(
    [
      { type: "response.created", response: { ...base, status: "in_progress", output: [] } },
      { type: "response.output_item.added", output_index: 0, item: { ...full, status: "in_progress", ...("content" in item ? { content: [] } : {}) } },
      ...text,
      ...args,
      { type: "response.output_item.done", output_index: 0, item: full },
      { type: "response.completed", response: { ...base, status: "completed", output: [full], usage } },
    ].map((event, n) => ({ ...event, sequence_number: n })),
    true,
  );
}

/** Gemini CLI: POST /v1beta/models/<model>:streamGenerateContent?alt=sse (and :countTokens). */
function gemini(script: FakeScript, path: string, body: Record<string, unknown>): Response {
  if (path.includes(":countTokens")) return Response.json({ totalTokens: 10 });
  const contents = Array.isArray(body.contents) ? (body.contents as { parts?: { functionResponse?: unknown }[] }[]) : [];
  const index = contents.flatMap((c) => c.parts ?? []).filter((p) => p.functionResponse !== undefined).length;
  const tools = JSON.stringify(body.tools ?? []);
  // Side calls (routing, summaries, next-speaker checks) offer no tools: a short text keeps them out of the way.
  const turn: FakeTurn = tools.includes("run_shell_command") ? turnOf(script, index) : { text: script.finalText ?? "done" };
  if (!("shell" in turn) && !("text" in turn)) throw new Error("the Gemini fake plays shell and text turns only");
  const part = "shell" in turn ? { functionCall: { name: "run_shell_command", args: { command: turn.shell, description: "scripted step" } } } : { text: turn.text };
  const chunk = {
    candidates: [{ content: { role: "model", parts: [part] }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
    modelVersion: "gemini-2.5-flash",
  };
  if (path.includes(":generateContent")) return Response.json(chunk);
  return sse([chunk], false);
}

export function startFakeModel(kind: FakeKind, script: FakeScript, port: number, recordFile: string): FakeModel {
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port,
    async fetch(request) {
      const url = new URL(request.url);
      const text = request.method === "POST" ? await request.text() : "";
      let body: Record<string, unknown> = {};
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        body = { unparsed: text.slice(0, 2000) };
      }
      appendFileSync(recordFile, `${JSON.stringify({ method: request.method, path: url.pathname + url.search, body })}\n`);
      if (request.method !== "POST") return Response.json({ data: [], models: [] });
      if (kind === "responses") return url.pathname.endsWith("/responses") ? responses(script, body) : Response.json({});
      return gemini(script, url.pathname, body);
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}
