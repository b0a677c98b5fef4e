import type { DealRecord, ListingRecord, WantRecord } from "./deal-record.ts";
import { failInput } from "./errors.ts";

/**
 * Checks on the deals the analysis is given, wherever they come from (a CSV or JSONL deals file, an
 * arm's records.json): a deal counted twice, a person represented by two tiers in one market, a
 * seller buying from themselves. Each would bias the estimates without a sign, so each is an error
 * that names the rows; only exact repeats can be dropped instead (`dedupe`).
 */

/** A deal and where it was read: "line 7" in a file, "deals[6]" in records.json. */
export interface DealRow {
  deal: DealRecord;
  where: string;
}

/** A row left out by `dedupe`: where it was, and the earlier row it repeats. */
export interface DroppedRow {
  source: string;
  where: string;
  repeats: string;
}

type Issue = { path: string; message: string };

/** The deal with its keys in a fixed order, so rows that say the same thing compare equal. */
function canonical(deal: DealRecord): string {
  const entries = Object.entries(deal)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/** The fields in which two records of the same deal id differ. */
function differences(a: DealRecord, b: DealRecord): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort() as (keyof DealRecord)[];
  return keys.filter((key) => a[key] !== b[key]);
}

/**
 * Refuses repeated deals (an identical row, or a deal id already seen in the same arm), a seller who is
 * also the buyer, and a person with two tiers in one arm. With `dedupe`, rows identical to an earlier
 * one (which includes a repeated deal id with the same content) are dropped and returned instead; a
 * deal id repeated with different content is still refused, since keeping either would be a guess.
 * `listings` and `wants` (records.json) are checked for tiers too.
 */
export function checkDealRows(
  source: string,
  rows: readonly DealRow[],
  options: {
    dedupe?: boolean;
    listings?: readonly { record: ListingRecord; where: string }[];
    wants?: readonly { record: WantRecord; where: string }[];
  } = {},
): { deals: DealRecord[]; dropped: DroppedRow[] } {
  const issues: Issue[] = [];
  const dropped: DroppedRow[] = [];
  const kept: DealRow[] = [];
  const identical = new Map<string, string>();
  const byDealId = new Map<string, DealRow>();
  for (const row of rows) {
    const key = canonical(row.deal);
    const first = identical.get(key);
    if (first !== undefined) {
      if (options.dedupe) dropped.push({ source, where: row.where, repeats: first });
      else
        issues.push({
          path: row.where,
          message: `repeats ${first} exactly: a deal counted twice biases every estimate; remove the repeat, or pass --dedupe to drop repeated rows`,
        });
      continue;
    }
    identical.set(key, row.where);
    if (row.deal.dealId !== undefined) {
      const idKey = `${row.deal.arm}\u0000${row.deal.dealId}`;
      const earlier = byDealId.get(idKey);
      if (earlier) {
        issues.push({
          path: row.where,
          message: `deal id "${row.deal.dealId}" in arm "${row.deal.arm}" is already on ${earlier.where}, with a different ${differences(earlier.deal, row.deal).join(", ")}: a deal appears once; keep the right row and remove the other`,
        });
        continue;
      }
      byDealId.set(idKey, row);
    }
    kept.push(row);
  }
  for (const row of kept) {
    if (row.deal.seller === row.deal.buyer) {
      issues.push({
        path: row.where,
        message: `seller and buyer are both "${row.deal.seller}": a seller cannot buy from themselves; fix the ids or remove the row`,
      });
    }
  }
  // One tier per person per arm: the person's agent, whichever side they were on. The rows that
  // disagree with the tier most rows give are named (ties: the tier seen first).
  const sightings = new Map<string, Map<string, { where: string; role: string }[]>>();
  const see = (arm: string, person: string, tier: string, role: string, where: string) => {
    const key = JSON.stringify([arm, person]);
    const tiers = sightings.get(key) ?? new Map<string, { where: string; role: string }[]>();
    const seen = tiers.get(tier) ?? [];
    if (!seen.some((s) => s.where === where && s.role === role)) seen.push({ where, role });
    tiers.set(tier, seen);
    sightings.set(key, tiers);
  };
  for (const { deal: d, where } of kept) {
    see(d.arm, d.seller, d.sellerTier, "seller", where);
    see(d.arm, d.buyer, d.buyerTier, "buyer", where);
  }
  for (const { record, where } of options.listings ?? [])
    see(record.arm, record.seller, record.sellerTier, "seller", where);
  for (const { record, where } of options.wants ?? [])
    see(record.arm, record.buyer, record.buyerTier, "buyer", where);
  const rowsText = (seen: readonly { where: string; role: string }[]) => {
    const places = [...new Set(seen.map((s) => s.where))];
    const roles = [...new Set(seen.map((s) => s.role))].join(" and ");
    return `${places.length > 5 ? `${places.slice(0, 5).join(", ")} and ${places.length - 5} more` : places.join(", ")} (as ${roles})`;
  };
  for (const [key, tiers] of sightings) {
    if (tiers.size < 2) continue;
    const [arm, person] = JSON.parse(key) as [string, string];
    const ranked = [...tiers].sort((a, b) => b[1].length - a[1].length);
    const [mainTier, mainRows] = ranked[0]!;
    for (const [tier, seen] of ranked.slice(1)) {
      const places = [...new Set(seen.map((s) => s.where))];
      issues.push({
        path:
          places.length > 5
            ? `${places.slice(0, 5).join(", ")} and ${places.length - 5} more`
            : places.join(", "),
        message: `"${person}" is ${tier} here (as ${[...new Set(seen.map((s) => s.role))].join(" and ")}) but ${mainTier} on ${rowsText(mainRows)} in arm "${arm}": one person has one agent (tier) in a market; fix the tier`,
      });
    }
  }
  if (issues.length > 0) failInput(source, issues);
  return { deals: kept.map((row) => row.deal), dropped };
}

/**
 * The currency each row's amounts are written in ("€12.50" is EUR, "12.50 GBP" is GBP; bare numbers
 * and integer cents say nothing). Refuses a file that mixes currencies, naming the rows of each;
 * returns the one currency written, or undefined when no amount names one.
 */
export function checkCurrencies(
  source: string,
  rows: readonly { where: string; amounts: { text: string; currency: string }[] }[],
): string | undefined {
  const byCurrency = new Map<string, { rows: string[]; example: string }>();
  for (const row of rows) {
    for (const amount of row.amounts) {
      const entry = byCurrency.get(amount.currency) ?? { rows: [], example: amount.text };
      if (entry.rows[entry.rows.length - 1] !== row.where) entry.rows.push(row.where);
      byCurrency.set(amount.currency, entry);
    }
  }
  if (byCurrency.size <= 1) return [...byCurrency.keys()][0];
  const currencies = [...byCurrency.keys()].sort();
  const list = (where: string[]) =>
    where.length > 8 ? `${where.slice(0, 8).join(", ")} and ${where.length - 8} more` : where.join(", ");
  failInput(source, [
    {
      path: "(file)",
      message: `mixes currencies (${currencies.join(", ")}): amounts in different currencies cannot be added up; convert them to one currency first`,
    },
    ...currencies.map((currency) => {
      const entry = byCurrency.get(currency)!;
      return {
        path: list(entry.rows),
        message: `in ${currency} (e.g. "${entry.example.trim()}")`,
      };
    }),
  ]);
}
