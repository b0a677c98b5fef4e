import { z } from "zod";
import { participantSchema } from "../domain/mandate.ts";
import { centsSchema } from "../domain/money.ts";
import { storableText } from "../domain/storable-text.ts";

/** The market itself (the operator or the runner) acts as this id for system actions. */
export const MARKET_ACTOR = "market";

const id = z.string().min(1).max(128);
/**
 * Free text from agents. NUL and unpaired surrogates are dropped: they cannot be stored (JSONB refuses
 * them) and carry no meaning, and one such message must not fail a whole batch of the log.
 */
const text = z.string().max(100_000).transform(storableText);
const base = { actor: id, idempotencyKey: z.string().min(1).max(200).optional() };

/**
 * Every typed action an agent or the operator can propose. Discriminated on `type`. Only these
 * bind; free text in messages never does.
 */
export const actionSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("register-participant"), participant: participantSchema }),
  z.object({ ...base, type: z.literal("open-market"), closesAt: z.number().int().nonnegative().optional() }),
  z.object({ ...base, type: z.literal("close-market") }),
  z.object({
    ...base,
    type: z.literal("post-listing"),
    itemId: id,
    /** Defaults to the mandate's asking price. Must not be below the reserve. */
    askingPrice: centsSchema.optional(),
    text: text.optional(),
  }),
  z.object({ ...base, type: z.literal("withdraw-listing"), listingId: id }),
  z.object({ ...base, type: z.literal("post-want-ad"), wantId: id, text: text.optional() }),
  z.object({ ...base, type: z.literal("send-message"), where: id, text }),
  z.object({
    ...base,
    type: z.literal("open-thread"),
    listingId: id,
    /** The buyer's want this serves: the buyer names its own want; a seller answering an ad names the ad's want. */
    wantId: id.optional(),
    /** When a seller opens a thread in answer to a want ad. */
    wantAdId: id.optional(),
    text: text.optional(),
  }),
  z.object({
    ...base,
    type: z.literal("make-offer"),
    /** The thread to offer in; or, for a buyer's first offer, `listingId` and `wantId` (opens the thread). */
    threadId: id.optional(),
    listingId: id.optional(),
    wantId: id.optional(),
    price: centsSchema,
    expiresAt: z.number().int().nonnegative().optional(),
    text: text.optional(),
  }),
  z.object({ ...base, type: z.literal("withdraw-offer"), offerId: id }),
  z.object({
    ...base,
    type: z.literal("accept-offer"),
    offerId: id,
    version: z.number().int().positive(),
    text: text.optional(),
  }),
  z.object({ ...base, type: z.literal("confirm-deal"), dealId: id, text: text.optional() }),
  z.object({ ...base, type: z.literal("decline-thread"), threadId: id, text: text.optional() }),
  z.object({ ...base, type: z.literal("mark-handed-over"), dealId: id }),
  /** The market expires an accepted deal nobody confirmed within the config's `acceptTimeoutMs`. */
  z.object({ ...base, type: z.literal("expire-deal"), dealId: id }),
  z.object({
    ...base,
    type: z.literal("report-agent-fault"),
    participant: id,
    /** What went wrong, in the runner's words (never the agent's own text). */
    fault: z.enum(["threw", "timeout", "malformed", "over-cap"]),
    reason: z.string().max(1_000).transform(storableText),
    /** The agent is suspended: it gets no more turns in this market. */
    suspended: z.boolean(),
  }),
  z.object({
    ...base,
    type: z.literal("record-usage"),
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
  }),
]);

export type Action = z.infer<typeof actionSchema>;
export type ActionType = Action["type"];
export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;

/** What an agent returns: an action without the actor, which the runner fills in. */
export type AgentAction = Action extends infer A ? (A extends Action ? Omit<A, "actor"> : never) : never;
