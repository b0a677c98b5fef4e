import { readFileSync } from "node:fs";
import { z } from "zod";
import { catalogueEntrySchema, findCatalogueEntry, loadCatalogue } from "../../domain/catalogue.ts";
import { errorBase } from "../../domain/errors.ts";
import { conditionSchema, itemToSellSchema } from "../../domain/mandate.ts";
import { moneyInputSchema } from "../../domain/money.ts";
import type { Rng } from "../../domain/random.ts";
import { parseWith, ValidationError } from "../../domain/validation.ts";
import type { NegotiationSetup } from "./run-negotiation.ts";
import { setupFromCatalogue } from "./scenarios.ts";

/**
 * An item file for `haggle negotiate --item file.json`: the item, the seller's asking price and reserve,
 * and the buyer's max price and budget. Amounts are cents or strings like "$120". Anything left out is
 * drawn from the seed: the reserve and the max price from the asking price.
 */
export const itemFileSchema = z
  .object({
    id: z.string().optional(),
    title: z.string().min(1).max(200),
    description: z.string().max(2000).default(""),
    condition: conditionSchema.default("good"),
    category: z.string().min(1).max(64).default("other"),
    ageYears: z.number().nonnegative().max(100).optional(),
    flaws: z.array(z.string().max(200)).default([]),
    retailPrice: moneyInputSchema.optional(),
    askingPrice: moneyInputSchema,
    reserve: moneyInputSchema.optional(),
    maxPrice: moneyInputSchema.optional(),
    budget: moneyInputSchema.optional(),
    keywords: z.array(z.string()).optional(),
  })
  .strict();
export type ItemFile = z.infer<typeof itemFileSchema>;

export class UnknownItemError extends errorBase("not-found", "catalogue/unknown-item") {
  override name = "UnknownItemError";
}

export interface SetupOverrides {
  askingPrice?: number;
  reserve?: number;
  maxPrice?: number;
  budget?: number;
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "item"
  );
}

function fromItemFile(file: ItemFile, rng: Rng): NegotiationSetup {
  const askingPrice = file.askingPrice;
  const reserve = file.reserve ?? Math.floor((askingPrice * (0.6 + rng.next() * 0.25)) / 100) * 100;
  const maxPrice = file.maxPrice ?? Math.round((askingPrice * (0.7 + rng.next() * 0.45)) / 100) * 100;
  const item = parseWith(
    itemToSellSchema,
    {
      id: file.id ?? slug(file.title),
      title: file.title,
      description: file.description,
      condition: file.condition,
      category: file.category,
      ...(file.ageYears !== undefined ? { ageYears: file.ageYears } : {}),
      flaws: file.flaws,
      ...(file.retailPrice !== undefined ? { retailPrice: file.retailPrice } : {}),
      askingPrice,
      reserve: Math.min(reserve, askingPrice),
    },
    "the item file",
  );
  return {
    item,
    buyer: {
      maxPrice: Math.max(1, maxPrice),
      ...(file.budget !== undefined ? { budget: file.budget } : {}),
      ...(file.keywords ? { keywords: file.keywords } : {}),
    },
  };
}

function applyOverrides(setup: NegotiationSetup, overrides: SetupOverrides): NegotiationSetup {
  const askingPrice = overrides.askingPrice ?? setup.item.askingPrice;
  const reserve = overrides.reserve ?? Math.min(setup.item.reserve, askingPrice);
  if (reserve > askingPrice) {
    throw new ValidationError("the reserve must not be above the asking price", [
      { path: "reserve", message: "lower the reserve or raise the asking price" },
    ]);
  }
  const maxPrice = overrides.maxPrice ?? setup.buyer.maxPrice;
  const budget = overrides.budget ?? setup.buyer.budget;
  return {
    ...setup,
    item: { ...setup.item, askingPrice, reserve },
    buyer: { ...setup.buyer, maxPrice, ...(budget !== undefined ? { budget } : {}) },
  };
}

/**
 * The setup for one negotiation from `--item`: a catalogue id (limits drawn from the seed with the
 * catalogue's helpers) or a path to a JSON file (an item file, or a catalogue entry).
 * @example resolveSetup("lifeline-4002-aluminum-sport-utility-shovel", createRng(1))
 */
export function resolveSetup(
  itemArgument: string,
  rng: Rng,
  overrides: SetupOverrides = {},
): NegotiationSetup {
  const looksLikeFile = /\.json$/i.test(itemArgument) || itemArgument.includes("/");
  let setup: NegotiationSetup;
  if (looksLikeFile) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(itemArgument, "utf8"));
    } catch (error) {
      throw new UnknownItemError(`cannot read the item file ${itemArgument}: ${(error as Error).message}`);
    }
    if (raw && typeof raw === "object" && "usedValue" in raw) {
      setup = setupFromCatalogue(parseWith(catalogueEntrySchema, raw, itemArgument), rng);
    } else {
      setup = fromItemFile(parseWith(itemFileSchema, raw, itemArgument), rng);
    }
  } else {
    const entry = findCatalogueEntry(itemArgument);
    if (!entry) {
      const words = itemArgument
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((word) => word.length > 2);
      const close = loadCatalogue()
        .filter((candidate) => words.some((word) => candidate.id.includes(word)))
        .slice(0, 5)
        .map((candidate) => candidate.id);
      throw new UnknownItemError(
        `no catalogue item "${itemArgument}"${close.length ? `; did you mean ${close.join(", ")}?` : ""} (or give a path to a JSON item file)`,
      );
    }
    setup = setupFromCatalogue(entry, rng);
  }
  return applyOverrides(setup, overrides);
}
