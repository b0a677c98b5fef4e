import { describe, expect, it } from "vitest";
import type { ArmRecords, ListingRecord, WantRecord } from "./deal-record.ts";
import { armEfficiency } from "./efficiency.ts";

const listing = (
  item: string,
  title: string,
  reserve: number,
  seller = "s",
  category = "misc",
): ListingRecord => ({
  arm: "A",
  item,
  title,
  category,
  seller,
  sellerTier: "t",
  askingPrice: reserve * 2,
  reserve,
  sold: false,
});
const want = (
  buyer: string,
  wantId: string,
  keywords: string[],
  maxPrice: number,
  budget = 10_000,
  category?: string,
): WantRecord => ({
  arm: "A",
  buyer,
  buyerTier: "t",
  wantId,
  description: keywords.join(" ") || "anything",
  keywords,
  maxPrice,
  budget,
  ...(category ? { category } : {}),
});

describe("armEfficiency", () => {
  it("matches by keywords, skips a buyer's own listing, and respects budgets", async () => {
    const records: ArmRecords = {
      listings: [
        listing("s/bike", "Red mountain bike", 3000),
        listing("s/lamp", "Desk lamp", 1000),
        listing("b/bike", "Old bike", 100, "b"),
      ],
      wants: [want("b", "w1", ["bike"], 5000, 3500), want("b", "w2", ["lamp"], 2500, 3500)],
      deals: [],
    };
    // Without the budget: bike (2000) + lamp (1500). With 3500 only one fits: the bike's 2000.
    const result = (await armEfficiency("A", records))!;
    expect(result.unconstrainedSurplus).toBe(3500);
    expect(result.bestSurplus).toBe(2000);
    expect(result).toMatchObject({ exact: true, method: "mip", possiblePairs: 2 });
  });

  it("counts realised surplus and always allows a pair that traded", async () => {
    const records: ArmRecords = {
      listings: [listing("s/x", "Blue teapot", 1000)],
      wants: [want("b", "w1", ["kettle"], 3000)],
      deals: [
        {
          arm: "A",
          item: "s/x",
          seller: "s",
          buyer: "b",
          sellerTier: "t",
          buyerTier: "t",
          price: 2000,
          reserve: 1000,
          maxPrice: 3000,
          wantId: "w1",
        },
      ],
    };
    const result = (await armEfficiency("A", records))!;
    expect(result.realisedSurplus).toBe(2000);
    expect(result.bestSurplus).toBe(2000);
    expect(result.efficiency).toBe(1);
  });

  it("matches by category only for wants without keywords, unless the broad rule is chosen", async () => {
    const records: ArmRecords = {
      listings: [listing("s/a", "Novel", 500, "s", "books")],
      wants: [want("b", "w1", ["atlas"], 1500, 10_000, "books"), want("c", "w1", [], 1000, 10_000, "books")],
      deals: [],
    };
    expect((await armEfficiency("A", records))!.bestSurplus).toBe(500);
    expect((await armEfficiency("A", records, { rule: "category-or-keywords" }))!.bestSurplus).toBe(1000);
    expect(await armEfficiency("A", { ...records, wants: [] })).toBeUndefined();
  });
});
