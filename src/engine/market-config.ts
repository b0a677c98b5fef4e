import { z } from "zod";

/** Caps the engine enforces (invariant 7). */
export const capsSchema = z
  .object({
    /** Offers one side may make in one thread (so a limit cannot be found by probing). */
    maxOffersPerCounterpart: z.number().int().positive().default(12),
    /** Characters in one message. */
    maxMessageLength: z.number().int().positive().default(2000),
    /** Messages and offers in one thread, both sides together. */
    maxTurnsPerThread: z.number().int().positive().default(80),
    /** Model tokens (input + output) one participant's agent may use. */
    maxTokensPerParticipant: z.number().int().positive().default(5_000_000),
  })
  .strict();

/** Market ms an accepted deal waits for its confirmation before it expires: 6 hours by default. */
export const DEFAULT_ACCEPT_TIMEOUT_MS = 6 * 3600 * 1000;

export const marketConfigSchema = z
  .object({
    marketId: z.string().min(1).max(128),
    currency: z.string().length(3).default("USD"),
    caps: capsSchema.default(capsSchema.parse({})),
    /**
     * Market ms an accepted deal may wait for the other side's confirmation. Past it the deal can no
     * longer be confirmed, and the market expires it (`expire-deal`): the listing is free again and
     * the buyer's budget hold is released. A log written before this setting holds none: the default.
     */
    acceptTimeoutMs: z.number().int().positive().default(DEFAULT_ACCEPT_TIMEOUT_MS),
  })
  .strict();

export type MarketConfig = z.infer<typeof marketConfigSchema>;
export type MarketConfigInput = z.input<typeof marketConfigSchema>;
export type Caps = z.infer<typeof capsSchema>;
