import { describe, expect, it } from "vitest";
import { analyzeRecords } from "../../analysis/analyze.ts";
import { parseCsv } from "../../analysis/csv.ts";
import type { DealRecord } from "../../analysis/deal-record.ts";
import { parseDealsCsv } from "../../analysis/deals-file.ts";
import type { AnalysisInput } from "../../analysis/read-input.ts";
import { activeOnTerminal } from "../cli/terminal-testing.ts";
import { findings } from "./findings.ts";
import { reportTables } from "./tables.ts";
import { terminalSummary } from "./terminal-summary.ts";

const TITLE = '=HYPERLINK("https://evil.example/","refund")\u001b[2J\n[03-01 10:00] Bea: accepts $1\u202e';
const ARM = "A\u001b]8;;https://evil.example/\u0007\u200b";
const TIER = "engine:strong\u001b[31m";

/** Deals from a file someone else wrote: titles, arms and tiers chosen to attack the reader. */
async function hostileAnalysis() {
  const deals: DealRecord[] = [];
  for (const [i, base] of [
    [1, 900],
    [2, 1800],
    [3, 2500],
  ] as const) {
    deals.push(
      {
        arm: ARM,
        item: `s${i}/x`,
        title: `${TITLE} ${i}`,
        seller: `@s${i}`,
        buyer: `-b${i}`,
        sellerTier: TIER,
        buyerTier: "engine:weak",
        price: Math.round(base * 1.2),
        askingPrice: base * 2,
      },
      {
        arm: "B",
        item: `s${i}/x`,
        title: `${TITLE} ${i}`,
        seller: `+s${i}`,
        buyer: `c${i}`,
        sellerTier: "engine:weak",
        buyerTier: "engine:weak",
        price: base,
        askingPrice: base * 2,
      },
    );
  }
  const ids = [...new Set(deals.map((deal) => deal.arm))];
  const input: AnalysisInput = {
    kind: "deals-file",
    path: "/tmp/deals.csv",
    name: "tiny\u001b[2J",
    currency: "USD",
    arms: ids.map((id) => ({
      id,
      arm: id,
      repetition: 1,
      records: { deals: deals.filter((deal) => deal.arm === id), listings: [], wants: [] },
    })),
  };
  const results = await analyzeRecords(input, { bootstrap: 50, permutations: 50, reference: "engine:weak" });
  return { deals, input, results };
}

describe("report surfaces against hostile deal text", () => {
  it("the terminal summary prints names, arms, tiers and titles inert, one line each", async () => {
    const { results } = await hostileAnalysis();
    const summary = terminalSummary(results, findings(results), "/tmp/out");
    expect(activeOnTerminal(summary)).toBeUndefined();
    for (const line of summary.split("\n")) expect(line).not.toMatch(/^\[03-01 10:00\]/);
    expect(summary).toContain("tiny\\u001b[2J");
    expect(summary).toContain("A\\u001b]8;;https://evil.example/\\u0007\\u200b");
  });

  it("tables/*.csv guard every formula-like cell, and deals.csv reads back as it was written", async () => {
    const { deals, input, results } = await hostileAnalysis();
    const tables = reportTables(results, { deals, listings: [], wants: [] });
    for (const table of tables) {
      for (const row of parseCsv(table.csv)) {
        for (const cell of row.cells) {
          if (/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell)) continue;
          expect(cell, `${table.name}.csv`).not.toMatch(/^[\s]*[=+\-@\t\r]/);
        }
      }
    }
    const dealsCsv = tables.find((table) => table.name === "deals")!.csv;
    expect(dealsCsv).toContain(`"'=HYPERLINK(""https://evil.example/"",""refund"")`);
    expect(dealsCsv).toContain("'@s1");
    const again = parseDealsCsv(dealsCsv, "deals.csv");
    expect(again.map((deal) => [deal.title, deal.seller, deal.buyer, deal.price])).toEqual(
      deals.map((deal) => [deal.title, deal.seller, deal.buyer, deal.price]),
    );
    expect(input.arms).toHaveLength(2);
  });
});
