// Cost of one call from a caller-supplied price table. hookkit ships no prices: they change more
// often than hooks are rebuilt, and a stale table would report a wrong cost_usd with confidence.
import type { PriceTable, TokenUsage } from "./types.ts";

/** The entry whose key equals the model id or is its longest prefix ("claude-haiku-4-5" covers "claude-haiku-4-5-20251001"). */
export function priceFor(prices: PriceTable | undefined, model: string) {
  if (!prices) return undefined;
  let best: string | undefined;
  for (const key of Object.keys(prices)) {
    if (model.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : prices[best];
}

/** USD for the call, or undefined when the table does not cover the model (or gives a non-finite result). */
export function costOf(prices: PriceTable | undefined, model: string, u: TokenUsage): number | undefined {
  const p = priceFor(prices, model);
  if (!p) return undefined;
  // Without explicit cache prices, use the API's published multipliers on the input price.
  const cacheRead = p.cacheRead ?? p.input * 0.1;
  const cacheWrite = p.cacheWrite ?? p.input * 1.25;
  const usd =
    (u.input_tokens * p.input +
      u.output_tokens * p.output +
      u.cache_read_input_tokens * cacheRead +
      u.cache_creation_input_tokens * cacheWrite) /
    1_000_000;
  return Number.isFinite(usd) && usd >= 0 ? usd : undefined;
}
