import { describe, expect, it } from "vitest";
import type { DealRecord } from "./deal-record.ts";
import { AnalysisInputError } from "./errors.ts";
import { perceptionGap } from "./perception-gap.ts";
import { parseSurveyCsv } from "./survey.ts";

const deals: DealRecord[] = [
  {
    arm: "A",
    dealId: "D1",
    item: "s/i1",
    seller: "s",
    buyer: "b",
    sellerTier: "strong",
    buyerTier: "weak",
    price: 80,
    reserve: 0,
    maxPrice: 100,
  },
  {
    arm: "A",
    dealId: "D2",
    item: "t/i1",
    seller: "t",
    buyer: "c",
    sellerTier: "weak",
    buyerTier: "strong",
    price: 30,
    reserve: 0,
    maxPrice: 100,
  },
  {
    arm: "A",
    dealId: "D3",
    item: "u/i1",
    seller: "u",
    buyer: "d",
    sellerTier: "weak",
    buyerTier: "weak",
    price: 50,
    reserve: 0,
    maxPrice: 100,
  },
];
const HEADER = "arm,deal_id,participant,fairness,satisfaction,would_pay";

describe("survey import", () => {
  it("parses ratings and checks them against the deals", () => {
    const responses = parseSurveyCsv(
      `${HEADER}\nA,D1,s,5,6,yes\nA,D1,b,5,4,No\nA,D2,c,4,5,y\n`,
      "s.csv",
      deals,
    );
    expect(responses).toEqual([
      { arm: "A", dealId: "D1", participant: "s", fairness: 5, satisfaction: 6, wouldPay: true },
      { arm: "A", dealId: "D1", participant: "b", fairness: 5, satisfaction: 4, wouldPay: false },
      { arm: "A", dealId: "D2", participant: "c", fairness: 4, satisfaction: 5, wouldPay: true },
    ]);
  });

  it("names the line and column of each problem", () => {
    let message = "";
    try {
      parseSurveyCsv(
        `${HEADER}\nA,D1,s,8,6,yes\nA,D9,s,5,6,yes\nA,D1,z,5,6,maybe\nB,D1,s,1,1,no\nA,D1,s,5,6,yes\nA,D1,s,5,6,yes\n`,
        "s.csv",
        deals,
      );
    } catch (error) {
      expect(error).toBeInstanceOf(AnalysisInputError);
      message = (error as Error).message;
    }
    expect(message).toContain(
      'line 2, column "fairness": fairness must be a whole number from 1 to 7, got "8"',
    );
    expect(message).toContain('line 3, column "deal_id": no deal "D9"');
    expect(message).toContain('line 4, column "would_pay": would_pay must be yes or no');
    expect(message).toContain('line 5, column "arm": no arm "B"');
    expect(message).toContain("line 7: s already rated deal D1 in arm A on line 6");
  });

  it("sets fairness against the measured share, by tier", () => {
    const responses = parseSurveyCsv(
      `${HEADER}\nA,D1,s,6,6,yes\nA,D1,b,3,4,no\nA,D2,t,3,3,no\nA,D2,c,6,6,yes\nA,D3,u,4,4,yes\nA,D3,d,4,5,yes\n`,
      "s.csv",
      deals,
    );
    const gap = perceptionGap(responses, deals, "weak");
    expect(gap.unmatched).toBe(0);
    expect(gap.fairnessVsShare.n).toBe(6);
    expect(gap.fairnessVsShare.pearson!).toBeGreaterThan(0.9);
    const strong = gap.byTier.find((row) => row.tier === "strong" && row.side === "both")!;
    expect(strong.meanShare).toBeCloseTo(0.75, 9);
    expect(strong.meanFairness).toBe(6);
    expect(gap.byTier[0]!.tier).toBe("weak");
  });
});
