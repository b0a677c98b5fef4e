import { z } from "zod";
import { moneyInputSchema } from "./money.ts";

export const conditionSchema = z.enum(["new", "like-new", "good", "fair", "poor"], {
  error: 'expected one of "new", "like-new", "good", "fair", "poor"',
});
export type Condition = z.infer<typeof conditionSchema>;

const idSchema = z
  .string()
  .min(1, { error: "cannot be empty" })
  .max(64, { error: "at most 64 characters" })
  .regex(/^[A-Za-z0-9._-]+$/, { error: "use letters, digits, dot, dash or underscore only" });

/** An item the owner wants sold. `reserve` is secret: the least the owner accepts. */
export const itemToSellSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1, { error: "cannot be empty" }).max(200),
    description: z.string().max(2000).default(""),
    condition: conditionSchema.default("good"),
    category: z.string().min(1).max(64).default("other"),
    ageYears: z.number().nonnegative().max(100).optional(),
    flaws: z.array(z.string().max(200)).default([]),
    retailPrice: moneyInputSchema.optional(),
    askingPrice: moneyInputSchema,
    reserve: moneyInputSchema,
  })
  .strict()
  .refine((item) => item.reserve <= item.askingPrice, {
    error: "reserve must not be above askingPrice: lower the reserve or raise the asking price",
    path: ["reserve"],
  });
export type ItemToSell = z.infer<typeof itemToSellSchema>;

/** Something the owner wants to buy. `maxPrice` is secret. */
export const wantSchema = z
  .object({
    id: idSchema,
    description: z.string().min(1, { error: "cannot be empty" }).max(500),
    category: z.string().min(1).max(64).optional(),
    keywords: z.array(z.string().min(1).max(40)).default([]),
    maxPrice: moneyInputSchema,
  })
  .strict();
export type Want = z.infer<typeof wantSchema>;

/** A person (or a group, by a word in their names) the owner will not trade with. */
export const avoidSchema = z
  .object({
    /** Matches a participant whose name, or a whole word of it, is this (any case): "Dave" avoids "Dave Smith". */
    name: z.string().trim().min(1, { error: "cannot be empty" }).max(100).optional(),
    /** A participant id, matched exactly. */
    id: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((entry) => entry.name !== undefined || entry.id !== undefined, {
    error: "name a person (name) or a participant id (id)",
  });
export type Avoid = z.infer<typeof avoidSchema>;

/** Languages the built-in agents can write in. */
export const WISH_LANGUAGES = ["en", "fr", "es", "de"] as const;
export const WISH_STYLES = ["questions", "brief"] as const;

/**
 * The owner's wishes in a form an agent can follow: people not to trade with (the engine refuses
 * such trades), facts to mention about an item, pick-up terms, the language and style to write in,
 * and notes (what could not be structured; model agents read them, the built-in agents do not).
 * Secret like the persona: only the owner sees them.
 */
export const wishesSchema = z
  .object({
    avoid: z.array(avoidSchema).max(50).default([]),
    /** Item id -> facts to mention in the first message about that item, and when asked. */
    facts: z.record(z.string(), z.array(z.string().trim().min(1).max(300)).max(10)).default({}),
    /** Pick-up / meeting terms, said when a deal is agreed and written in the memo. */
    meeting: z.string().trim().max(300).optional(),
    tone: z
      .object({
        language: z
          .enum(WISH_LANGUAGES, { error: `expected one of ${WISH_LANGUAGES.join(", ")}` })
          .optional(),
        style: z.enum(WISH_STYLES, { error: `expected one of ${WISH_STYLES.join(", ")}` }).optional(),
      })
      .strict()
      .default({}),
    notes: z.string().max(2000).default(""),
  })
  .strict();
export type Wishes = z.infer<typeof wishesSchema>;
export type WishesInput = z.input<typeof wishesSchema>;

/**
 * What a person delegates to their agent. Reserves, max prices and the budget are secret: only the
 * owner and the engine ever see them.
 */
export const mandateSchema = z
  .object({
    items: z.array(itemToSellSchema).default([]),
    wants: z.array(wantSchema).default([]),
    budget: moneyInputSchema,
    persona: z.string().max(1000).default(""),
    instructions: z.string().max(2000).default(""),
    /** Structured wishes (optional; see `wishesSchema`). */
    wishes: wishesSchema.optional(),
    /** Milliseconds since the epoch on the market's clock; absent means until the market closes. */
    expiresAt: z.number().int().nonnegative().optional(),
  })
  .strict()
  .superRefine((mandate, ctx) => {
    const seen = new Set<string>();
    mandate.items.forEach((item, index) => {
      if (seen.has(item.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["items", index, "id"],
          message: `duplicate item id "${item.id}"`,
        });
      }
      seen.add(item.id);
    });
    const wantIds = new Set<string>();
    mandate.wants.forEach((want, index) => {
      if (wantIds.has(want.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["wants", index, "id"],
          message: `duplicate want id "${want.id}"`,
        });
      }
      wantIds.add(want.id);
    });
    for (const itemId of Object.keys(mandate.wishes?.facts ?? {})) {
      if (!seen.has(itemId)) {
        ctx.addIssue({
          code: "custom",
          path: ["wishes", "facts", itemId],
          message: `there is no item "${itemId}" to sell: name one of your items' ids`,
        });
      }
    }
  });
export type Mandate = z.infer<typeof mandateSchema>;
export type MandateInput = z.input<typeof mandateSchema>;

/**
 * Ids the market keeps for itself: "market" is the actor of system actions (register, open, close)
 * and "operator" the reader who sees every event, so a participant called either could act as the
 * market or read everyone's secrets.
 */
export const RESERVED_PARTICIPANT_IDS: readonly string[] = ["market", "operator"];

export const participantSchema = z
  .object({
    id: idSchema.refine((id) => !RESERVED_PARTICIPANT_IDS.includes(id.toLowerCase()), {
      error: `is reserved for the market itself (${RESERVED_PARTICIPANT_IDS.join(", ")}): choose another id`,
    }),
    name: z.string().min(1, { error: "cannot be empty" }).max(100),
    /**
     * Where the person can be reached: links them to their Slack account (the Slack mirror looks the
     * address up). Private: only its owner and the operator see it, like the mandate.
     */
    email: z.email({ error: "an e-mail address like sam@example.com" }).max(254).optional(),
    mandate: mandateSchema,
  })
  .strict();
export type Participant = z.infer<typeof participantSchema>;
export type ParticipantInput = z.input<typeof participantSchema>;

/**
 * A participant as a person writes one (a participant file, someone joining a running market): the
 * participant schema, and what the interview asks of people too: an asking price and a reserve above
 * $0 for each item, a max price above $0 for each want, and a budget above $0 when there are wants.
 */
export const personSchema = participantSchema.superRefine((person, ctx) => {
  const { items, wants, budget } = person.mandate;
  items.forEach((item, index) => {
    if (item.askingPrice === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["mandate", "items", index, "askingPrice"],
        message: `must be more than $0: write what you ask for ${item.title}, e.g. "$40"`,
      });
    }
    if (item.reserve === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["mandate", "items", index, "reserve"],
        message: `must be more than $0: write the least you would take for ${item.title} (the market never sells below it)`,
      });
    }
  });
  wants.forEach((want, index) => {
    if (want.maxPrice === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["mandate", "wants", index, "maxPrice"],
        message: `must be more than $0: write the most you would pay for ${want.description}`,
      });
    }
  });
  if (wants.length > 0 && budget === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["mandate", "budget"],
      message:
        "must be more than $0 when there are wants: raise it (at least the largest maxPrice), or remove the wants",
    });
  }
});
