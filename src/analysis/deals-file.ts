import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { z } from "zod";
import { amountProblem, moneyInputSchema, parseMoney } from "../domain/money.ts";
import { CsvSyntaxError, parseCsv, unguardCsvCell } from "./csv.ts";
import { checkCurrencies, checkDealRows, type DealRow, type DroppedRow } from "./deal-checks.ts";
import type { ArmRecords, DealRecord } from "./deal-record.ts";
import { failInput } from "./errors.ts";

/**
 * Deals from a market run elsewhere, one deal a row: a `.csv` file (money in dollars) or a `.jsonl`
 * file (one JSON object a line, DealRecord field names, money in integer cents or a "$12.50" string).
 * Only deals: without listings and wants the sale rates and the efficiency cannot be computed.
 */

const text = (what: string) =>
  z
    .string({ error: `${what} is missing` })
    .trim()
    .min(1, { error: `${what} cannot be empty` });
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === "" ? undefined : value));

/** Cents from a CSV cell in dollars, or an issue (not money, or beyond any amount a person writes). */
function centsOfDollars(value: string, ctx: z.RefinementCtx): number {
  try {
    const cents = parseMoney(value).cents;
    const problem = amountProblem(cents);
    if (problem) throw new Error(problem);
    return cents;
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `${(error as Error).message} (CSV money is in dollars)` });
    return z.NEVER;
  }
}

/** A dollar amount as written in a CSV cell: "12.50", "$12.50", "1,234". */
const dollars = z.string().transform(centsOfDollars);
const optionalDollars = z
  .string()
  .optional()
  .transform((value, ctx) =>
    value === undefined || value.trim() === "" ? undefined : centsOfDollars(value, ctx),
  );

/** A deal's price: a sale at $0 is no sale (a gift, or a missing price). */
const positive = (cents: number) => cents > 0;
const POSITIVE_PRICE = { error: "price must be more than $0: a deal at $0 is no sale; fix or drop the row" };

/** The CSV columns, snake_case. Headers are matched ignoring case, spaces, dashes and camelCase. */
export const DEAL_CSV_COLUMNS = {
  required: ["arm", "item", "seller", "buyer", "seller_tier", "buyer_tier", "price"],
  optional: [
    "deal_id",
    "title",
    "category",
    "asking_price",
    "reserve",
    "max_price",
    "seller_persona",
    "buyer_persona",
    "rounds",
  ],
} as const;

const csvRowSchema = z.object({
  arm: text("arm"),
  item: text("item"),
  seller: text("seller"),
  buyer: text("buyer"),
  seller_tier: text("seller_tier"),
  buyer_tier: text("buyer_tier"),
  price: dollars.refine(positive, POSITIVE_PRICE),
  deal_id: optionalText,
  title: optionalText,
  category: optionalText,
  asking_price: optionalDollars,
  reserve: optionalDollars,
  max_price: optionalDollars,
  seller_persona: optionalText,
  buyer_persona: optionalText,
  rounds: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return undefined;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) {
        ctx.addIssue({ code: "custom", message: `expected a whole number of offers, got "${value}"` });
        return z.NEVER;
      }
      return n;
    }),
});

const optionalCents = moneyInputSchema.optional();

/** One JSONL line: DealRecord's field names; money in integer cents or a string like "$12.50". */
export const dealJsonSchema = z
  .object({
    arm: text("arm"),
    dealId: z.string().optional(),
    item: text("item"),
    title: z.string().optional(),
    category: z.string().optional(),
    seller: text("seller"),
    buyer: text("buyer"),
    sellerTier: text("sellerTier"),
    buyerTier: text("buyerTier"),
    price: moneyInputSchema.refine(positive, POSITIVE_PRICE),
    askingPrice: optionalCents,
    reserve: optionalCents,
    maxPrice: optionalCents,
    sellerPersona: z.string().optional(),
    buyerPersona: z.string().optional(),
    rounds: z.number().int().nonnegative().optional(),
    wantId: z.string().optional(),
    modelCalls: z.number().int().nonnegative().optional(),
    inputTokens: z.number().int().nonnegative().optional(),
    outputTokens: z.number().int().nonnegative().optional(),
    costCents: z.number().nonnegative().optional(),
  })
  .strict();

/** "Seller Tier", "seller-tier", "sellerTier" -> "seller_tier". */
export function normaliseHeader(header: string): string {
  return header
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** What a deals file holds, checked: its deals, the currency its amounts name, the rows dropped. */
export interface DealsFile {
  deals: DealRecord[];
  /** The one currency the amounts are written in, when any amount names one ("€12", "12 GBP"). */
  currency?: string;
  /** Exact repeats left out (only with `dedupe`). */
  dropped: DroppedRow[];
}

export interface DealsFileOptions {
  /** Drop rows that repeat an earlier row exactly instead of refusing the file. */
  dedupe?: boolean;
}

const MONEY_COLUMNS = ["price", "asking_price", "reserve", "max_price"] as const;
const MONEY_FIELDS = ["price", "askingPrice", "reserve", "maxPrice"] as const;

/** The currencies named by written amounts (bare numbers and integer cents name none). */
function namedCurrencies(values: readonly unknown[]): { text: string; currency: string }[] {
  return values.flatMap((value) => {
    if (typeof value !== "string" || value.trim() === "") return [];
    try {
      const { currency } = parseMoney(value, "");
      return currency ? [{ text: value, currency }] : [];
    } catch {
      return [];
    }
  });
}

/** Parses deals from CSV text; `source` names the file in errors. */
export function parseDealsCsv(content: string, source: string, options: DealsFileOptions = {}): DealRecord[] {
  return readDealsCsv(content, source, options).deals;
}

/** Parses and checks deals from CSV text (repeats, self-deals, tiers, currencies). */
export function readDealsCsv(content: string, source: string, options: DealsFileOptions = {}): DealsFile {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      failInput(source, [{ path: `line ${error.line}`, message: error.message }]);
    throw error;
  }
  const header = rows[0];
  if (!header)
    failInput(source, [{ path: "line 1", message: `the file is empty: write a header line first` }]);
  const columns = header.cells.map(normaliseHeader);
  const known = new Set<string>([...DEAL_CSV_COLUMNS.required, ...DEAL_CSV_COLUMNS.optional]);
  const issues: { path: string; message: string }[] = [];
  const unknown = columns.flatMap((column, index) =>
    known.has(column) ? [] : [`${index + 1} "${header.cells[index]}"`],
  );
  if (unknown.length > 0) {
    issues.push({
      path: `line ${header.line}, column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}`,
      message: `unknown column${unknown.length > 1 ? "s" : ""}: the columns are ${[...known].join(", ")}; check the spelling or remove ${unknown.length > 1 ? "them" : "it"}`,
    });
  }
  columns.forEach((column, index) => {
    if (known.has(column) && columns.indexOf(column) !== index) {
      issues.push({
        path: `line ${header.line}, column ${index + 1} "${header.cells[index]}"`,
        message: "duplicate column",
      });
    }
  });
  for (const required of DEAL_CSV_COLUMNS.required) {
    if (!columns.includes(required))
      issues.push({ path: `line ${header.line}`, message: `missing the required column "${required}"` });
  }
  if (issues.length > 0) failInput(source, issues);
  const deals: DealRow[] = [];
  const amounts: { where: string; amounts: { text: string; currency: string }[] }[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.length !== columns.length) {
      issues.push({
        path: `line ${row.line}`,
        message: `has ${row.cells.length} cells but the header has ${columns.length}: quote cells that contain commas`,
      });
      continue;
    }
    // A cell Haggle guarded against spreadsheet formulas (tables/deals.csv) reads back as written.
    const object = Object.fromEntries(
      columns.map((column, index) => [column, unguardCsvCell(row.cells[index]!)]),
    );
    const parsed = csvRowSchema.safeParse(object);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? "");
        const cell = object[column];
        issues.push({
          path: `line ${row.line}, column "${column}"`,
          message: cell !== undefined && cell !== "" ? `${issue.message} (got "${cell}")` : issue.message,
        });
      }
      continue;
    }
    const r = parsed.data;
    amounts.push({
      where: `line ${row.line}`,
      amounts: namedCurrencies(MONEY_COLUMNS.map((column) => object[column])),
    });
    deals.push({
      where: `line ${row.line}`,
      deal: dropUndefined({
        arm: r.arm,
        dealId: r.deal_id,
        item: r.item,
        title: r.title,
        category: r.category,
        seller: r.seller,
        buyer: r.buyer,
        sellerTier: r.seller_tier,
        buyerTier: r.buyer_tier,
        price: r.price,
        askingPrice: r.asking_price,
        reserve: r.reserve,
        maxPrice: r.max_price,
        sellerPersona: r.seller_persona,
        buyerPersona: r.buyer_persona,
        rounds: r.rounds,
      }),
    });
  }
  if (issues.length > 0) failInput(source, issues);
  if (deals.length === 0) failInput(source, [{ path: "(file)", message: "has a header but no deals" }]);
  const currency = checkCurrencies(source, amounts);
  return { ...checkDealRows(source, deals, options), ...(currency ? { currency } : {}) };
}

/** Parses deals from JSONL text: one JSON object a line, blank lines skipped. */
export function parseDealsJsonl(
  content: string,
  source: string,
  options: DealsFileOptions = {},
): DealRecord[] {
  return readDealsJsonl(content, source, options).deals;
}

/** Parses and checks deals from JSONL text (repeats, self-deals, tiers, currencies). */
export function readDealsJsonl(content: string, source: string, options: DealsFileOptions = {}): DealsFile {
  const issues: { path: string; message: string }[] = [];
  const deals: DealRow[] = [];
  const amounts: { where: string; amounts: { text: string; currency: string }[] }[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      issues.push({
        path: where,
        message: `not valid JSON (${(error as Error).message}): write one object a line`,
      });
      return;
    }
    const parsed = dealJsonSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        let message = issue.message;
        if (issue.code === "unrecognized_keys") {
          message = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}: use the DealRecord names (sellerTier, maxPrice, ...)`;
        }
        issues.push({ path: `${where}, field "${issue.path.join(".") || "(line)"}"`, message });
      }
      return;
    }
    const object = value as Record<string, unknown>;
    amounts.push({ where, amounts: namedCurrencies(MONEY_FIELDS.map((field) => object[field])) });
    deals.push({ where, deal: dropUndefined(parsed.data) as DealRecord });
  });
  if (issues.length > 0) failInput(source, issues);
  if (deals.length === 0) failInput(source, [{ path: "(file)", message: "holds no deals" }]);
  const currency = checkCurrencies(source, amounts);
  return { ...checkDealRows(source, deals, options), ...(currency ? { currency } : {}) };
}

/** Reads a `.csv` or `.jsonl` deals file into records (deals only), checked. */
export async function readDealsFile(
  path: string,
  options: DealsFileOptions = {},
): Promise<ArmRecords & Omit<DealsFile, "deals">> {
  const extension = extname(path).toLowerCase();
  const content = await readFile(path, "utf8");
  const source = basename(path);
  if (extension === ".csv") return { ...readDealsCsv(content, source, options), listings: [], wants: [] };
  if (extension === ".jsonl" || extension === ".ndjson")
    return { ...readDealsJsonl(content, source, options), listings: [], wants: [] };
  failInput(source, [
    {
      path: "(file)",
      message: `unknown file type "${extension}": give a .csv or .jsonl deals file, or a run folder`,
    },
  ]);
}
