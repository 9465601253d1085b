// Turns a request plus the hook's env into what one HTTP attempt needs, or a config failure.
import { envValue } from "../../base/state.ts";
import type { ModelContext, ModelRequest } from "./types.ts";

export const API_VERSION = "2023-06-01";
export const DEFAULT_BASE_URL = "https://api.anthropic.com";
const DEFAULT_MAX_TOKENS = 1024;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_RESERVE_MS = 500;

export interface Prepared {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The request as it goes on the wire, or the reason it cannot be sent. */
export function prepare(ctx: ModelContext, req: ModelRequest): Prepared | string {
  if (typeof req.model !== "string" || req.model === "") {
    return "no model given: pass `model` (e.g. \"claude-haiku-4-5\"); the model call was skipped";
  }
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "anthropic-version": API_VERSION,
  };
  // An API key wins; an auth token (gateways, ANTHROPIC_AUTH_TOKEN in Claude Code) is the fallback.
  const apiKey = envValue(ctx.env, "ANTHROPIC_API_KEY");
  const authToken = envValue(ctx.env, "ANTHROPIC_AUTH_TOKEN");
  if (apiKey) headers["x-api-key"] = apiKey;
  else if (authToken) headers.authorization = `Bearer ${authToken}`;
  else {
    return "no API credentials: set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN in the hook's environment (CLAUDE_CODE_SUBPROCESS_ENV_SCRUB=1 removes them); the model call was skipped";
  }
  if (req.betas?.length) headers["anthropic-beta"] = req.betas.join(",");

  const base = envValue(ctx.env, "ANTHROPIC_BASE_URL") ?? DEFAULT_BASE_URL;
  let url: string;
  try {
    // Gateways mount the API under a path (https://gw.example/anthropic), so append, don't replace.
    const parsed = new URL(base);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("scheme");
    url = `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}/v1/messages`;
  } catch {
    return `ANTHROPIC_BASE_URL is not an http(s) URL (${JSON.stringify(base.slice(0, 80))}); the model call was skipped`;
  }

  const messages = req.messages ?? (req.prompt !== undefined ? [{ role: "user", content: req.prompt }] : undefined);
  if (!messages || messages.length === 0) {
    return "no prompt given: pass `prompt` or `messages`; the model call was skipped";
  }
  const body: Record<string, unknown> = {
    ...req.extra,
    model: req.model,
    max_tokens: req.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages,
  };
  if (req.system !== undefined) body.system = req.system;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  // Structured output goes in output_config.format: the top-level output_format was retired and
  // answered with HTTP 400, which security-guidance's hook then read as "no findings".
  if (req.schema) {
    const outputConfig = (req.extra?.output_config ?? {}) as Record<string, unknown>;
    body.output_config = { ...outputConfig, format: { type: "json_schema", schema: req.schema } };
  }
  return { url, headers, body: JSON.stringify(body) };
}

/**
 * Epoch ms (on the real clock, `now`) by which every attempt must have finished. The time left
 * before ctx.deadline is read on the hook's own clock (ctx.now), which a test may have set
 * anywhere: the deadline and that clock agree with each other, not necessarily with Date.now().
 */
export function callDeadline(ctx: ModelContext, req: ModelRequest, now: number): number {
  const ownBudget = req.timeoutMs !== undefined ? now + req.timeoutMs : undefined;
  const hookNow = ctx.now ? ctx.now().getTime() : now;
  const hookBudget = ctx.deadline !== undefined ? now + (ctx.deadline - hookNow) - (req.reserveMs ?? DEFAULT_RESERVE_MS) : undefined;
  if (ownBudget !== undefined && hookBudget !== undefined) return Math.min(ownBudget, hookBudget);
  return ownBudget ?? hookBudget ?? now + DEFAULT_TIMEOUT_MS;
}
