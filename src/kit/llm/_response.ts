// Reads one HTTP response of the Messages API into a result. Pure: no I/O, no usage recording.
import { costOf } from "./price.ts";
import type { ModelFailure, ModelRequest, ModelSuccess, ModelUsage, TokenUsage } from "./types.ts";

const MAX_MESSAGE = 300;

function count(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0;
}

export function readUsage(raw: unknown): TokenUsage {
  const u = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  return {
    input_tokens: count(u.input_tokens),
    output_tokens: count(u.output_tokens),
    cache_read_input_tokens: count(u.cache_read_input_tokens),
    cache_creation_input_tokens: count(u.cache_creation_input_tokens),
  };
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > MAX_MESSAGE ? `${one.slice(0, MAX_MESSAGE)}…` : one;
}

function tryJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

type Parsed = Omit<ModelSuccess, "attempts" | "requestId"> | Omit<ModelFailure, "attempts" | "requestId">;

/** A non-2xx response: the API's error body `{type:"error", error:{type, message}}`, or raw text. */
export function httpFailure(status: number, bodyText: string): Omit<ModelFailure, "attempts" | "requestId"> {
  const body = tryJson(bodyText)?.value as { error?: { type?: unknown; message?: unknown } } | undefined;
  const errorType = typeof body?.error?.type === "string" ? body.error.type : undefined;
  const apiMessage = typeof body?.error?.message === "string" ? body.error.message : bodyText;
  let hint = "";
  if (status === 401 || status === 403) hint = " (check ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN)";
  else if (status === 429 || status === 529) hint = " (rate limited or overloaded; retry later)";
  else if (status === 400) hint = " (the request shape was rejected; the hook may need an update)";
  const what = errorType ? `${errorType}: ` : "";
  return {
    ok: false,
    kind: "http",
    status,
    errorType,
    message: `Messages API answered HTTP ${status}${hint}: ${what}${clip(apiMessage) || "(empty body)"}`,
  };
}

/** A 2xx response: text blocks joined; with a schema, the text parsed as JSON. */
export function readSuccess(status: number, bodyText: string, req: ModelRequest): Parsed {
  const body = tryJson(bodyText)?.value as Record<string, unknown> | undefined;
  if (!body || typeof body !== "object" || !Array.isArray(body.content)) {
    return {
      ok: false,
      kind: "parse",
      status,
      message: `Messages API answered HTTP ${status} with a body that is not a message (a proxy in between?): ${clip(bodyText) || "(empty body)"}`,
    };
  }
  const tokens = readUsage(body.usage);
  const model = typeof body.model === "string" ? body.model : undefined;
  const cost = costOf(req.prices, model ?? req.model, tokens);
  const usage: ModelUsage = cost === undefined ? tokens : { ...tokens, cost_usd: cost };
  const text = body.content
    .filter((b): b is { type: "text"; text: string } => b?.type === "text" && typeof b.text === "string")
    .map((b) => b.text)
    .join("");
  const stopReason = typeof body.stop_reason === "string" ? body.stop_reason : undefined;
  if (!req.schema) return { ok: true, status, text, usage, stopReason, model };

  const parsed = tryJson(text);
  if (!parsed) {
    const why = stopReason === "max_tokens" ? " (cut off at max_tokens: raise maxTokens)" : stopReason === "refusal" ? " (the model refused)" : "";
    return {
      ok: false,
      kind: "parse",
      status,
      message: `structured output is not valid JSON${why}: ${clip(text) || "(no text)"}`,
      text,
      usage,
      stopReason,
    };
  }
  return { ok: true, status, text, json: parsed.value, usage, stopReason, model };
}
