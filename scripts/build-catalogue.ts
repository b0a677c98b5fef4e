/**
 * Builds data/catalogue/catalogue.json, the item catalogue that markets draw second-hand items from.
 *
 * Source: the AmazonHistoryPrice data set of Xia et al. 2024 (Apache-2.0), 930 products in 18 category
 * files. Each product becomes a used item: a short human title, keywords, a plain description, the retail
 * price as an anchor (max(list, highest) as in the paper), a seeded condition, age and flaw, and a
 * used-market value range. Only items whose value range fits a market of $100 budgets are kept.
 *
 * The output is deterministic: every random choice comes from a generator seeded per product.
 *
 * Usage: npx tsx scripts/build-catalogue.ts [--source DIR] [--out DIR]
 *   --source  the folder with the 18 JSON files (default ../shared/data/amazon-history-price)
 *   --out     where catalogue.json, README.md and LICENSE go (default data/catalogue)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CATALOGUE_CATEGORIES,
  type CatalogueCategory,
  type CatalogueEntry,
  catalogueSchema,
} from "../src/domain/catalogue.ts";
import { createRng, hashString } from "../src/domain/random.ts";
import { pickAge, pickCondition, pickFlaw, usedValueFor } from "./catalogue/condition.ts";
import { describe, keywordsFor } from "./catalogue/describe.ts";
import { nounByLabel, nounFor } from "./catalogue/nouns.ts";
import { retailCents, type SourceRecord } from "./catalogue/source.ts";
import { overrideFor } from "./catalogue/title-overrides.ts";
import { normalise, shortTitle } from "./catalogue/titles.ts";

const SEED_LABEL = "haggle-catalogue-v1";
/** Keep items whose used value fits $100 budgets. */
const MAX_HIGH_CENTS = 120_00;
const MIN_LOW_CENTS = 3_00;
/** Above this retail price only battered items would fit the budget: leave such products out. */
const MAX_RETAIL_CENTS = 350_00;

// ---------------------------------------------------------------------------------------------------
// Main

function slug(text: string, max = 48): string {
  const base = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (base.length <= max) return base;
  const cut = base.slice(0, max);
  return cut.slice(0, cut.lastIndexOf("-") > 20 ? cut.lastIndexOf("-") : max).replace(/-+$/, "");
}

interface Built {
  entries: CatalogueEntry[];
  skipped: Record<string, number>;
}

export function buildCatalogue(sourceDir: string): Built {
  const files = readdirSync(sourceDir)
    .filter((file) => file.endsWith(".json"))
    .sort();
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  // Specific categories first, "other" last, so a product listed in both keeps its specific category.
  const ordered = [
    ...files.filter((file) => file !== "other.json"),
    ...files.filter((file) => file === "other.json"),
  ];
  const entries: CatalogueEntry[] = [];
  const seenTitles = new Set<string>();
  const seenIds = new Set<string>();
  const root = createRng(hashString(SEED_LABEL));
  for (const file of ordered) {
    const category = file.replace(/\.json$/, "") as CatalogueCategory;
    if (!(CATALOGUE_CATEGORIES as readonly string[]).includes(category))
      throw new Error(`unknown category file ${file}`);
    const records = JSON.parse(readFileSync(join(sourceDir, file), "utf8")) as SourceRecord[];
    for (const record of records) {
      const retail = retailCents(record);
      if (retail === undefined) {
        skip("no price");
        continue;
      }
      if (retail > MAX_RETAIL_CENTS) {
        skip("retail above $350");
        continue;
      }
      const raw = normalise(record.title);
      const override = overrideFor(raw);
      const noun = override?.noun ? nounByLabel(override.noun) : nounFor(raw, category);
      if (noun.kind === "food") {
        skip("food or consumable");
        continue;
      }
      const title = shortTitle(record.title, category, noun);
      const titleKey = title.toLowerCase();
      if (seenTitles.has(titleKey)) {
        skip("duplicate title (colour variant or listed twice)");
        continue;
      }
      const rng = root.fork(raw);
      const condition = pickCondition(rng, noun.kind);
      const ageYears = pickAge(rng, condition, noun.kind);
      const flaw = condition === "new" ? undefined : pickFlaw(rng, condition, noun, raw);
      const usedValue = usedValueFor(retail, condition, ageYears, noun.kind, rng);
      if (usedValue.high > MAX_HIGH_CENTS) {
        skip("used value above $120");
        continue;
      }
      if (usedValue.low < MIN_LOW_CENTS) {
        skip("used value below $3");
        continue;
      }
      let id = slug(title);
      for (let i = 2; seenIds.has(id); i++) id = `${slug(title, 44)}-${i}`;
      seenIds.add(id);
      seenTitles.add(titleKey);
      const entry: CatalogueEntry = {
        id,
        title,
        category,
        keywords: keywordsFor(title, noun),
        description: describe(record.title, title, noun, condition, ageYears),
        retailPrice: retail,
        condition,
        ageYears,
        ...(flaw ? { flaw } : {}),
        usedValue,
      };
      entries.push(entry);
    }
  }
  entries.sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
  return { entries: catalogueSchema.parse(entries), skipped };
}

function readme(entries: readonly CatalogueEntry[]): string {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
  const table = [...counts.entries()].map(([category, count]) => `| ${category} | ${count} |`).join("\n");
  const empty = CATALOGUE_CATEGORIES.filter((category) => !counts.has(category));
  const emptyNote =
    empty.length === 0
      ? ""
      : `\n\nNo items in ${empty.join(", ")}: every product there is too dear for a $100 market.`;
  return `# Item catalogue

\`catalogue.json\` holds ${entries.length} second-hand items that Haggle markets draw from: things people
might sell to each other with a $100 budget each. Each entry is a used item with a short title, a
category, keywords for matching want ads, a plain description, a condition, an age, sometimes a flaw,
the retail price as an anchor and a used-market value range. Markets turn the range into asking prices,
reserves and buyers' max prices with the helpers in \`src/domain/catalogue.ts\`.

This file and \`catalogue.json\` are generated: run \`npx tsx scripts/build-catalogue.ts\` (it needs the
source data set at \`../shared/data/amazon-history-price\`, or pass \`--source DIR\`). The build is
deterministic: every random choice comes from a generator seeded per product, so the same source gives
the same catalogue byte for byte.

## How it was derived

1. Read the 18 category files of the AmazonHistoryPrice data set (930 products).
2. Retail price = max(list price, highest historical price), as in the paper; when neither exists, the
   current, average or lowest price. Products without any price, above $350 retail, or that nobody
   resells second-hand (food, motor oil and the like) are left out.
3. Title: the long Amazon title is cut to brand + product noun: marketing clauses after commas, dashes,
   bars, "with"/"for" and brackets go, model numbers and spec jargon (PCIe, NVMe, MHz...) are dropped;
   movies become "Name 4K Blu-ray" / "Name Blu-ray". A hand-made override map (about 250 titles)
   fixes the products the rules get wrong.
   Duplicates (colour variants, products listed in two categories) keep the first.
4. Condition is drawn per product (mostly good or like-new; sealed goods such as software and filters are
   always new), then an age that fits the condition and the kind of item, then, often for worn items
   and never for new ones, a flaw that fits the kind of item (a scratched disc case, a worn battery, a
   creased spine).
5. Used value: retail x a fraction for the condition (about 70% new, 58% like-new, 47% good, 35% fair,
   24% poor) x an age factor (-5% a year, at most -30%) x a factor for the kind of item (discs and books
   resell low, tools hold value) x a little seeded jitter; the range is that value -/+ about 20%,
   rounded to 50 cents under $20 and whole dollars above, and never above 85% of retail.
6. Only items whose range fits $100 budgets are kept: \`usedValue.high\` <= $120 and \`usedValue.low\` >= $3.

## Fields

| field | meaning |
| --- | --- |
| \`id\` | stable slug of the title, e.g. \`jbl-flip-6-speaker\` |
| \`title\` | short human title, at most 60 characters |
| \`category\` | one of the 18 source categories, kebab-case |
| \`keywords\` | a few lower-case words for matching, the product noun first |
| \`description\` | one or two plain sentences, at most 240 characters |
| \`retailPrice\` | retail price in integer cents (the anchor, not what it sells for used) |
| \`condition\` | \`new\`, \`like-new\`, \`good\`, \`fair\` or \`poor\` |
| \`ageYears\` | whole years since it was bought; 0 means under a year |
| \`flaw\` | optional short phrase, e.g. "small scratch on the casing"; never on new items |
| \`usedValue\` | \`{ low, high }\` in integer cents: what it plausibly fetches second-hand |

## Entries per category

| category | entries |
| --- | --- |
${table}${emptyNote}

## Attribution and licence

Derived from the AmazonHistoryPrice data set of Xia et al. 2024, "Measuring Bargaining Abilities of
Large Language Models: A Benchmark and A Buyer-Enhancement Method" (Findings of ACL 2024), repository
[TianXiaSJTU/AmazonPriceHistory](https://github.com/TianXiaSJTU/AmazonPriceHistory), folder
\`data/AmazonHistoryPrice\`, licensed under the Apache License 2.0 (copied beside this file as
\`LICENSE\`). Changes: titles shortened, prices converted to cents, and condition, age, flaws,
descriptions and used-value ranges added as described above; image and shop links left out. Product
names and brands belong to their owners.
`;
}

function parseArgs(argv: readonly string[]): { source: string; out: string } {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  let source = resolve(repoRoot, "../shared/data/amazon-history-price");
  let out = resolve(repoRoot, "data/catalogue");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if ((arg === "--source" || arg === "--out") && value) {
      if (arg === "--source") source = resolve(value);
      else out = resolve(value);
      i++;
    } else if (arg === "--help" || arg === "-h") {
      console.log("usage: npx tsx scripts/build-catalogue.ts [--source DIR] [--out DIR]");
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${arg}: use --source DIR or --out DIR`);
    }
  }
  return { source, out };
}

function main(): void {
  const { source, out } = parseArgs(process.argv.slice(2));
  if (!existsSync(source)) {
    console.error(`source data not found at ${source}: pass --source DIR`);
    process.exit(1);
  }
  const { entries, skipped } = buildCatalogue(source);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "catalogue.json"), `${JSON.stringify(entries, null, 2)}\n`);
  writeFileSync(join(out, "README.md"), readme(entries));
  // Copy the text rather than the file so the copy is writable even if the source is read-only.
  writeFileSync(join(out, "LICENSE"), readFileSync(join(source, "LICENSE")));
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[entry.category] = (counts[entry.category] ?? 0) + 1;
  console.log(`wrote ${entries.length} entries to ${join(out, "catalogue.json")}`);
  console.log("per category:", counts);
  console.log("skipped:", skipped);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
