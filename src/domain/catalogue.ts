import { readFileSync } from "node:fs";
import { z } from "zod";
import { projectPath } from "../paths.ts";
import { conditionSchema } from "./mandate.ts";
import { type Cents, centsSchema } from "./money.ts";
import type { Rng } from "./random.ts";

/**
 * The item catalogue: second-hand items derived from the AmazonHistoryPrice data set (Xia et al. 2024,
 * Apache-2.0), committed in data/catalogue/ and rebuilt with `npx tsx scripts/build-catalogue.ts`.
 * Markets draw the items people sell and want from it; the helpers below turn an entry's used-value
 * range into asking prices, reserves and buyers' max prices.
 */

/** The 18 categories of the source data set, kebab-case. */
export const CATALOGUE_CATEGORIES = [
  "automotive",
  "baby-products",
  "beauty",
  "books",
  "electronics",
  "health-personal-care",
  "home-kitchen",
  "industrial-scientific",
  "movies-tv",
  "music",
  "other",
  "patio-lawn-garden",
  "pet-supplies",
  "software",
  "sports-outdoors",
  "tools-home-improvement",
  "toys-games",
  "video-games",
] as const;
export const catalogueCategorySchema = z.enum(CATALOGUE_CATEGORIES);
export type CatalogueCategory = z.infer<typeof catalogueCategorySchema>;

/** What a used item plausibly fetches second-hand, in integer cents; `low` < `high`. */
export const usedValueSchema = z
  .object({ low: centsSchema, high: centsSchema })
  .strict()
  .refine((value) => value.low < value.high, { error: "usedValue.low must be below usedValue.high" });
export type UsedValue = z.infer<typeof usedValueSchema>;

/** One catalogue item. All prices are integer cents. */
export const catalogueEntrySchema = z
  .object({
    /** Stable slug of the title, e.g. "jbl-flip-6-speaker". */
    id: z
      .string()
      .max(64)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "use a lower-case slug: letters, digits and dashes" }),
    /** Short human title, e.g. "JBL Flip 6 Speaker". */
    title: z.string().min(1).max(60),
    category: catalogueCategorySchema,
    /** A few lower-case words for matching want ads, the product noun first. */
    keywords: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9'-]*$/, { error: "keywords are lower-case words" }))
      .min(1)
      .max(8),
    /** One or two plain sentences. */
    description: z.string().min(1).max(240),
    /** The retail price: an anchor, not what the item sells for used. */
    retailPrice: centsSchema.positive(),
    condition: conditionSchema,
    /** Whole years since it was bought; 0 means under a year. */
    ageYears: z.number().int().min(0).max(30),
    /** A short phrase such as "small scratch on the lid"; never on a new item. */
    flaw: z.string().min(1).max(80).optional(),
    usedValue: usedValueSchema,
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.usedValue.high > entry.retailPrice) {
      ctx.addIssue({
        code: "custom",
        path: ["usedValue", "high"],
        message: "a used item cannot be worth more than its retail price",
      });
    }
    if (entry.condition === "new" && entry.flaw !== undefined) {
      ctx.addIssue({ code: "custom", path: ["flaw"], message: "a new item has no flaw" });
    }
  });
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

/** The whole catalogue: entries with unique ids. */
export const catalogueSchema = z.array(catalogueEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id))
      ctx.addIssue({ code: "custom", path: [index, "id"], message: `duplicate id "${entry.id}"` });
    seen.add(entry.id);
  });
});

const CATALOGUE_PATH = projectPath("data", "catalogue", "catalogue.json");

let cached: { entries: readonly CatalogueEntry[]; byId: Map<string, CatalogueEntry> } | undefined;

function loaded(): NonNullable<typeof cached> {
  if (!cached) {
    const parsed = catalogueSchema.safeParse(JSON.parse(readFileSync(CATALOGUE_PATH, "utf8")));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `data/catalogue/catalogue.json is invalid at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "unknown"}; rebuild it with npx tsx scripts/build-catalogue.ts`,
      );
    }
    const entries = parsed.data.map((entry) =>
      Object.freeze({
        ...entry,
        keywords: Object.freeze([...entry.keywords]),
        usedValue: Object.freeze(entry.usedValue),
      }),
    ) as CatalogueEntry[];
    cached = { entries, byId: new Map(entries.map((entry) => [entry.id, entry])) };
  }
  return cached;
}

/**
 * All catalogue entries, read from data/catalogue/catalogue.json next to this module, validated once and
 * cached. Returns a fresh array each call; the entries themselves are frozen, so copy one
 * (`{ ...entry, condition: "fair" }`) to vary it.
 * @throws Error naming the first invalid field when the file does not validate.
 */
export function loadCatalogue(): CatalogueEntry[] {
  return [...loaded().entries];
}

/** The catalogue entry with this id, or undefined. */
export function findCatalogueEntry(id: string): CatalogueEntry | undefined {
  return loaded().byId.get(id);
}

/** Rounds to an amount people write: 50 cents under $10, whole dollars under $40, $5 steps above. */
function roundLikeAPerson(cents: number): Cents {
  const step = cents < 10_00 ? 50 : cents < 40_00 ? 100 : 500;
  return Math.max(step, Math.round(cents / step) * step);
}

/**
 * A seller's asking price for this item: usually in the upper part of the used-value range (55-100% of
 * the way from low to high), sometimes (about 1 in 8) an ambitious price up to 15% above the range,
 * never above retail. Rounded the way people price things ($4.50, $23, $45).
 * @returns integer cents, between `usedValue.low` and `retailPrice`.
 * @example askingPriceFor(entry, createRng(7)) // e.g. 4500 for a $38-$52 range
 */
export function askingPriceFor(entry: CatalogueEntry, rng: Rng): Cents {
  const { low, high } = entry.usedValue;
  const raw = rng.chance(0.125)
    ? high * (1 + rng.next() * 0.15)
    : low + (high - low) * (0.55 + rng.next() * 0.45);
  const asking = roundLikeAPerson(Math.min(raw, entry.retailPrice));
  return Math.min(Math.max(asking, low), entry.retailPrice);
}

/**
 * A seller's reserve (the least they accept) for an item listed at `asking`: between about 90% of
 * `usedValue.low` and asking, usually nearer the bottom (10-60% of the way up), rounded down to 50 cents
 * under $10 and to whole dollars above.
 * @returns integer cents, never above `asking` and never below 1 cent.
 */
export function reserveFor(entry: CatalogueEntry, asking: Cents, rng: Rng): Cents {
  const floor = Math.min(entry.usedValue.low * 0.9, asking);
  const raw = floor + (asking - floor) * (0.1 + rng.next() * 0.5);
  const step = raw < 10_00 ? 50 : 100;
  const reserve = Math.floor(raw / step) * step;
  return Math.max(1, Math.min(reserve, asking));
}

/**
 * A buyer's max price (their secret limit) for an item like this: drawn uniformly from 80% of
 * `usedValue.low` to 110% of `usedValue.high` (capped at retail), then rounded the way people set
 * limits. About a quarter of draws fall below a typical seller's reserve, so some buyer-seller pairs have
 * no zone of agreement, as in real markets. Markets should also cap it by the buyer's budget.
 * @returns integer cents, at least 50.
 */
export function maxPriceFor(entry: CatalogueEntry, rng: Rng): Cents {
  const { low, high } = entry.usedValue;
  const bottom = low * 0.8;
  const top = Math.min(high * 1.1, entry.retailPrice);
  return Math.min(roundLikeAPerson(bottom + (top - bottom) * rng.next()), entry.retailPrice);
}
