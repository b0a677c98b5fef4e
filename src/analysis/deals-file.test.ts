import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.ts";
import { parseDealsCsv, parseDealsJsonl, readDealsFile } from "./deals-file.ts";
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
