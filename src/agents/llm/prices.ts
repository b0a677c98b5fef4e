/**
 * List prices in US cents per million tokens, for the cost column of reports. An estimate: check the
 * provider's price page before relying on it. Cache reads and writes default to the input price.
 */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "claude-opus-4-5": { input: 500, output: 2500, cacheRead: 50, cacheWrite: 625 },
  "claude-sonnet-4-5": { input: 300, output: 1500, cacheRead: 30, cacheWrite: 375 },
  "claude-haiku-4-5": { input: 100, output: 500, cacheRead: 10, cacheWrite: 125 },
  "claude-opus-4-1": { input: 1500, output: 7500, cacheRead: 150, cacheWrite: 1875 },
  "claude-sonnet-4": { input: 300, output: 1500, cacheRead: 30, cacheWrite: 375 },
  "gpt-5": { input: 125, output: 1000, cacheRead: 12.5 },
  "gpt-5-mini": { input: 25, output: 200, cacheRead: 2.5 },
  "gpt-5-nano": { input: 5, output: 40, cacheRead: 0.5 },
  "gpt-4.1": { input: 200, output: 800, cacheRead: 50 },
  "gpt-4.1-mini": { input: 40, output: 160, cacheRead: 10 },
  "gpt-4o": { input: 250, output: 1000, cacheRead: 125 },
  "gpt-4o-mini": { input: 15, output: 60, cacheRead: 7.5 },
};

/** The price of a model id: exact, or the longest known id it starts with ("claude-haiku-4-5-20251001"). */
export function priceOf(
  modelId: string,
  table: Readonly<Record<string, ModelPrice>> = MODEL_PRICES,
): ModelPrice | undefined {
  if (table[modelId]) return table[modelId];
  let best: string | undefined;
  for (const known of Object.keys(table)) {
    if (modelId.startsWith(`${known}-`) && (!best || known.length > best.length)) best = known;
  }
  return best ? table[best] : undefined;
}

export interface TokenCounts {
  /** All input tokens, cached or not. */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** Estimated cost in cents (fractional: it is an estimate, not market money). */
export function costInCents(tokens: TokenCounts, price: ModelPrice | undefined): number {
  if (!price) return 0;
  const uncached = Math.max(0, tokens.inputTokens - tokens.cacheReadTokens - tokens.cacheWriteTokens);
  const cents =
    (uncached * price.input +
      tokens.cacheReadTokens * (price.cacheRead ?? price.input) +
      tokens.cacheWriteTokens * (price.cacheWrite ?? price.input) +
      tokens.outputTokens * price.output) /
    1_000_000;
  return Math.round(cents * 1_000_000) / 1_000_000;
}
