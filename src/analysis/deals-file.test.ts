import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.ts";
import { parseDealsCsv, parseDealsJsonl, readDealsCsv, readDealsFile, readDealsJsonl } from "./deals-file.ts";
import { AnalysisInputError } from "./errors.ts";

const HEADER = "arm,item,seller,buyer,seller_tier,buyer_tier,price";

function issuesOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AnalysisInputError);
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("parseCsv", () => {
  it("handles quotes, escaped quotes, CRLF, blank lines and line numbers", () => {
    const rows = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\n');
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x, y", 'say "hi"'] },
      { line: 4, cells: ["multi\nline", "2"] },
    ]);
  });
});

describe("deals files", () => {
  it("names the line of a quoted cell that is never closed once ('line 2:', not 'line 2: line 2:')", () => {
    const message = issuesOf(() =>
      parseDealsCsv(`${HEADER}\nA,"bike,s1,b1,engine:strong,engine:weak,10\n`, "d.csv"),
    );
    expect(message).toContain('line 2: a quoted cell is never closed: add the closing "');
    expect(message).not.toMatch(/line 2:\s*line 2/);
  });

  it("reads CSV money in dollars, with or without a $, and optional columns", () => {
    const deals = parseDealsCsv(
      `${HEADER},reserve,Max Price,title\nA,bike,s1,b1,engine:strong,engine:weak,$65.00,40,"1,200.50","Red bike, 3 gears"\nA,lamp,s1,b2,engine:strong,engine:weak,12.5,,,\n`,
      "deals.csv",
    );
    expect(deals[0]).toEqual({
      arm: "A",
      item: "bike",
      seller: "s1",
      buyer: "b1",
      sellerTier: "engine:strong",
      buyerTier: "engine:weak",
      price: 6500,
      reserve: 4000,
      maxPrice: 120050,
      title: "Red bike, 3 gears",
    });
    expect(deals[1]!.price).toBe(1250);
    expect(deals[1]!.reserve).toBeUndefined();
  });

  it("names the line, the column and the fix", () => {
    const message = issuesOf(() =>
      parseDealsCsv(`${HEADER}\nA,bike,s1,b1,engine:strong,engine:weak,cheap\nA,,s1,b1,x,y,3\n`, "deals.csv"),
    );
    expect(message).toContain('deals.csv: line 2, column "price"');
    expect(message).toContain('write it like "$12.50"');
    expect(message).toContain('line 3, column "item": item cannot be empty');
  });

  it("refuses unknown and missing columns", () => {
    const message = issuesOf(() =>
      parseDealsCsv("arm,item,seller,buyer,sellr_tier,buyer_tier,price\n", "d.csv"),
    );
    expect(message).toContain('column 5 "sellr_tier": unknown column');
    expect(message).toContain('missing the required column "seller_tier"');
  });

  it("reads JSONL with DealRecord names, cents or dollar strings", () => {
    const deals = parseDealsJsonl(
      [
        '{"arm":"A","item":"bike","seller":"s","buyer":"b","sellerTier":"x","buyerTier":"y","price":6500,"reserve":"$40"}',
        "",
        '{"arm":"A","item":"bike2","seller":"s","buyer":"b","sellerTier":"x","buyerTier":"y","price":"$12.50"}',
      ].join("\n"),
      "d.jsonl",
    );
    expect(deals.map((d) => d.price)).toEqual([6500, 1250]);
    expect(deals[0]!.reserve).toBe(4000);
    const message = issuesOf(() =>
      parseDealsJsonl(
        '{"arm":"A","item":"i","seller":"s","buyer":"b","sellerTier":"x","buyerTier":"y","price":12.5}\n{"arm":"A","item":"i","seller":"s","buyer":"b","seller_tier":"x","buyerTier":"y","price":1}\nnot json',
        "d.jsonl",
      ),
    );
    expect(message).toContain('line 1, field "price"');
    expect(message).toContain("line 2");
    expect(message).toContain('"seller_tier"');
    expect(message).toContain("line 3: not valid JSON");
  });

  it("reads by extension and refuses other files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "haggle-deals-"));
    await writeFile(join(dir, "d.csv"), `${HEADER}\nA,bike,s1,b1,x,y,10\n`);
    await writeFile(join(dir, "d.txt"), "x");
    expect((await readDealsFile(join(dir, "d.csv"))).deals).toHaveLength(1);
    await expect(readDealsFile(join(dir, "d.txt"))).rejects.toThrow(/\.csv or \.jsonl/);
  });
});

describe("checks on a deals file", () => {
  const row = (
    arm: string,
    item: string,
    seller: string,
    buyer: string,
    st: string,
    bt: string,
    price: string,
  ) => [arm, item, seller, buyer, st, bt, price].join(",");

  it("refuses a repeated row and a repeated deal id, naming the lines; --dedupe drops exact repeats", () => {
    const header = `${HEADER},deal_id`;
    const csv = [
      header,
      `${row("A", "bike", "s1", "b1", "x", "y", "10")},D1`,
      `${row("A", "lamp", "s2", "b2", "x", "y", "$20.00")},D2`,
      `${row("A", "bike", "s1", "b1", "x", "y", "$10")},D1`,
      `${row("A", "lamp", "s2", "b2", "x", "y", "21")},D2`,
      `${row("B", "lamp", "s2", "b2", "x", "y", "21")},D2`,
    ].join("\n");
    const message = issuesOf(() => parseDealsCsv(csv, "deals.csv"));
    expect(message).toContain("deals.csv: line 4: repeats line 2 exactly");
    expect(message).toContain("pass --dedupe");
    expect(message).toContain(
      'deals.csv: line 5: deal id "D2" in arm "A" is already on line 3, with a different price',
    );
    expect(message).not.toContain("line 6");
    // With --dedupe the exact repeat goes; a deal id with two different prices is still refused.
    expect(() => readDealsCsv(csv, "deals.csv", { dedupe: true })).toThrow(/line 5: deal id "D2"/);
    const fixed = csv
      .split("\n")
      .filter((_, i) => i !== 4)
      .join("\n");
    const file = readDealsCsv(fixed, "deals.csv", { dedupe: true });
    expect(file.deals).toHaveLength(3);
    expect(file.dropped).toEqual([{ source: "deals.csv", where: "line 4", repeats: "line 2" }]);
  });

  it("refuses identical rows without deal ids in JSONL too", () => {
    const line =
      '{"arm":"A","item":"i","seller":"s","buyer":"b","sellerTier":"x","buyerTier":"y","price":100}';
    const message = issuesOf(() => parseDealsJsonl([line, line, line].join("\n"), "d.jsonl"));
    expect(message).toContain("d.jsonl: line 2: repeats line 1 exactly");
    expect(message).toContain("d.jsonl: line 3: repeats line 1 exactly");
    expect(readDealsJsonl([line, line].join("\n"), "d.jsonl", { dedupe: true }).deals).toHaveLength(1);
  });

  it("refuses a seller buying from themselves and a person with two tiers in one arm", () => {
    const csv = [
      HEADER,
      row("A", "bike", "p1", "p1", "x", "x", "10"),
      row("A", "lamp", "p2", "p3", "strong", "weak", "10"),
      row("A", "desk", "p3", "p4", "strong", "weak", "10"),
      row("B", "desk", "p3", "p4", "weak", "weak", "10"),
    ].join("\n");
    const message = issuesOf(() => parseDealsCsv(csv, "deals.csv"));
    expect(message).toContain(
      'deals.csv: line 2: seller and buyer are both "p1": a seller cannot buy from themselves',
    );
    expect(message).toContain(
      'deals.csv: line 4: "p3" is strong here (as seller) but weak on line 3 (as buyer) in arm "A": one person has one agent (tier) in a market',
    );
    // Another arm may give the same person another tier (that is the design).
    expect(message).not.toContain("line 5");
    const jsonl = [
      '{"arm":"A","item":"i","seller":"s","buyer":"b","sellerTier":"x","buyerTier":"y","price":100}',
      '{"arm":"A","item":"j","seller":"b","buyer":"s","sellerTier":"x","buyerTier":"y","price":100}',
      '{"arm":"A","item":"k","seller":"q","buyer":"q","sellerTier":"x","buyerTier":"x","price":100}',
    ].join("\n");
    const jsonMessage = issuesOf(() => parseDealsJsonl(jsonl, "d.jsonl"));
    expect(jsonMessage).toContain('d.jsonl: line 2: "b" is x here (as seller) but y on line 1 (as buyer)');
    expect(jsonMessage).toContain('d.jsonl: line 2: "s" is y here (as buyer) but x on line 1 (as seller)');
    expect(jsonMessage).toContain('d.jsonl: line 3: seller and buyer are both "q"');
  });

  it("refuses mixed currencies, naming the rows of each; one named currency is the file's", () => {
    const csv = [
      `${HEADER},reserve`,
      `${row("A", "bike", "s1", "b1", "x", "y", "$10.00")},5`,
      `${row("A", "lamp", "s2", "b2", "x", "y", "€12.00")},`,
      `${row("A", "desk", "s3", "b3", "x", "y", "12")},"9 GBP"`,
      `${row("A", "sofa", "s4", "b4", "x", "y", "12")},`,
    ].join("\n");
    const message = issuesOf(() => parseDealsCsv(csv, "deals.csv"));
    expect(message).toContain("deals.csv: (file): mixes currencies (EUR, GBP, USD)");
    expect(message).toContain('deals.csv: line 3: in EUR (e.g. "€12.00")');
    expect(message).toContain('deals.csv: line 4: in GBP (e.g. "9 GBP")');
    expect(message).toContain('deals.csv: line 2: in USD (e.g. "$10.00")');
    const euros = readDealsCsv(
      [
        HEADER,
        row("A", "bike", "s1", "b1", "x", "y", "€10"),
        row("A", "lamp", "s2", "b2", "x", "y", "4"),
      ].join("\n"),
      "e.csv",
    );
    expect(euros.currency).toBe("EUR");
    const jsonMessage = issuesOf(() =>
      parseDealsJsonl(
        [
          '{"arm":"A","item":"i","seller":"s","buyer":"b","sellerTier":"x","buyerTier":"y","price":"€1.00"}',
          '{"arm":"A","item":"j","seller":"t","buyer":"c","sellerTier":"x","buyerTier":"y","price":100,"reserve":"$0.50"}',
        ].join("\n"),
        "d.jsonl",
      ),
    );
    expect(jsonMessage).toContain("mixes currencies (EUR, USD)");
    expect(jsonMessage).toContain("d.jsonl: line 2: in USD");
  });
});
