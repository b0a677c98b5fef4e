import { describe, expect, it } from "vitest";
import type { MarketSummary, SampleDeal } from "../../analysis/market-summary.ts";
import { formatSample, formatSummary, priceStory } from "./format-summary.ts";

const zane = (price: number) => ({ from: "Zane", price });
const leo = (price: number) => ({ from: "Leo", price });

const d53: SampleDeal = {
  dealId: "D53",
  threadId: "T10",
  item: "Coway Airmega Air Purifier",
  seller: "Leo",
  buyer: "Zane",
  askingPrice: 9500,
  price: 8200,
  rounds: 9,
  opening: [
    { from: "Zane", text: "$43 for it?" },
    { from: "Leo", text: "Only $95 and it's all yours!" },
    { from: "Zane", text: "$43. I'm not budging." },
    { from: "Leo", text: "Still $95!" },
  ],
  closing: [
    { from: "Leo", text: "Confirmed!! $82, yay!" },
    { from: "Zane", text: "Great, thanks Leo!" },
  ],
  messages: 12,
  offerPrices: [
    zane(4300),
    leo(9500),
    zane(4300),
    leo(9500),
    zane(6000),
    leo(9000),
    zane(7000),
    leo(8500),
    zane(8200),
  ],
  offersMade: 9,
};

describe("priceStory", () => {
  it("keeps each side's opening and every change of price; a side standing firm adds nothing", () => {
    expect(priceStory([zane(650), leo(800)])).toBe("$6.50 -> $8");
    expect(priceStory([zane(4300), leo(9500), zane(4300), leo(9000), zane(9000)])).toBe(
      "$43 -> $95 -> $90 -> $90",
    );
  });

  it("cuts a long story to its first and last three, and always ends on the close", () => {
    expect(priceStory(d53.offerPrices)).toBe("$43 -> $95 -> $60 -> $90 -> $70 -> $85 -> $82");
    const longer = [...d53.offerPrices.slice(0, -1), zane(7500), leo(8000), zane(8000)];
    expect(priceStory(longer)).toBe("$43 -> $95 -> $60 -> ... -> $75 -> $80 -> $80");
    expect(priceStory([zane(1000), leo(2000), zane(1000)])).toBe("$10 -> $20 -> $10");
  });
});

describe("formatSample", () => {
  it("prints the deal with its thread id, how the price moved, the first messages and the close", () => {
    expect(formatSample(d53)).toEqual([
      '  D53 (thread T10): Leo sold "Coway Airmega Air Purifier" to Zane for $82.00 (asked $95.00)',
      "    offers: $43 -> $95 -> $60 -> $90 -> $70 -> $85 -> $82 (9 offers)",
      "    Zane: $43 for it?",
      "    Leo: Only $95 and it's all yours!",
      "    ... 8 more messages ...",
      "    Leo: Confirmed!! $82, yay!",
      "    Zane: Great, thanks Leo!",
    ]);
  });

  it("prints a short negotiation whole, and an older summary without offers as before", () => {
    const short = {
      ...d53,
      opening: d53.opening.slice(0, 2),
      closing: [],
      messages: 2,
      offerPrices: [zane(8200)],
      offersMade: 1,
    };
    expect(formatSample(short).slice(1)).toEqual([
      "    offers: $82 (1 offer)",
      "    Zane: $43 for it?",
      "    Leo: Only $95 and it's all yours!",
    ]);
    const { closing, messages, offerPrices, offersMade, ...old } = d53;
    expect(formatSample(old as SampleDeal).slice(1)).toEqual(
      d53.opening.map((m) => `    ${m.from}: ${m.text}`),
    );
  });
});

describe("formatSummary", () => {
  it("points to haggle analyze, a transcript by deal id and the deal's memo", () => {
    const summary: MarketSummary = {
      marketId: "demo-1",
      participants: 69,
      listings: 547,
      wantAds: 272,
      threads: 684,
      deals: 157,
      volume: 374237,
      dealsPerPerson: 4.55,
      medianPrice: 1799,
      meanDiscountFromAsking: 0.147,
      samples: [d53],
    };
    const text = formatSummary(summary, { dir: "runs/demo-1", wallMs: 5530, events: 11218 });
    expect(text).toContain("  D53 (thread T10): Leo sold");
    expect(text.split("\n").slice(-4)).toEqual([
      "Run folder: runs/demo-1",
      "  strong agents against weak ones:   haggle analyze runs/demo-1   (and a report, report.html)",
      "  one deal's whole negotiation:      haggle show runs/demo-1 --thread D53   (a deal or thread id)",
      "  each deal's memo to its owners:    runs/demo-1/memos/D53.md",
    ]);
  });
});
