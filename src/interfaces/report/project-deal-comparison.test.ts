import { describe, expect, it } from "vitest";
import type { AnalysisResults } from "../../analysis/analyze.ts";
import type { DealRateContrast } from "../../analysis/deal-rates.ts";
import type { TierContrast } from "../../analysis/tier-effects.ts";
import { projectDealComparison, projectDealTable } from "./project-deal-comparison.ts";

const contrast = (side: "seller" | "buyer", estimate: number, low: number, high: number): TierContrast => ({
  side,
  tier: "engine:strong",
  reference: "engine:weak",
  percent: { estimate, low, high },
  cents: { estimate: estimate * 2_000 },
  deals: 100,
  adjusted: true,
});

const dealRate = (difference: number, low: number, high: number, within?: number): DealRateContrast => ({
  tier: "engine:strong",
  reference: "engine:weak",
  persons: 60,
  referencePersons: 70,
  perPerson: 5,
  referencePerPerson: 5 - difference,
  difference,
  interval: { low, high },
  ...(within !== undefined
    ? {
        withinPerson: { people: 35, difference: within, interval: { low: within - 0.4, high: within + 0.4 } },
      }
    : {}),
});

/** Only the parts of the results the comparison reads. */
function results(contrasts: TierContrast[], dealRates: DealRateContrast[]): AnalysisResults {
  return { tierEffects: { contrasts }, dealRates } as unknown as AnalysisResults;
}

describe("projectDealComparison", () => {
  it("says when all three effects point Project Deal's way, with their intervals", () => {
    const [finding] = projectDealComparison(
      results(
        [contrast("seller", 0.15, 0.12, 0.18), contrast("buyer", 0.11, 0.09, 0.13)],
        [dealRate(0.7, 0.2, 1.2, 0.6)],
      ),
    );
    expect(finding!.text).toContain("$2.68 more per item");
    expect(finding!.text).toContain(
      "strong sellers' premium +15.0% for the same items (95% CI +12.0% to +18.0%)",
    );
    expect(finding!.text).toContain("strong buyers' discount +11.0% (95% CI +9.0% to +13.0%)");
    // Both comparisons of deals when some people were on both tiers.
    expect(finding!.text).toContain(
      "strong participants' extra deals +0.70 each between people, in the mixed markets (95% CI +0.20 to +1.20) and +0.60 each within people, compared with themselves (95% CI +0.20 to +1.00)",
    );
    expect(finding!.text).toMatch(/All three point the same way, and no interval includes zero\.$/);
  });

  it("names the effects that point the other way or cannot be told from zero", () => {
    const [against] = projectDealComparison(
      results(
        [contrast("seller", 0.15, 0.12, 0.18), contrast("buyer", 0.11, 0.09, 0.13)],
        [dealRate(-0.5, -0.9, -0.1)],
      ),
    );
    expect(against!.text).toContain(
      "extra deals -0.50 each between people, in the mixed markets (95% CI -0.90 to -0.10).",
    );
    expect(against!.text).toMatch(/The deals effect points the other way\.$/);
    const [unclear] = projectDealComparison(
      results(
        [contrast("seller", 0.15, 0.12, 0.18), contrast("buyer", 0.02, -0.01, 0.05)],
        [dealRate(0.3, -0.1, 0.7)],
      ),
    );
    expect(unclear!.text).toMatch(
      /All three point the same way; the interval for buyers and deals includes zero\.$/,
    );
  });

  it("names the deal comparison whose interval includes zero", () => {
    const [finding] = projectDealComparison(
      results(
        [contrast("seller", 0.15, 0.12, 0.18), contrast("buyer", 0.11, 0.09, 0.13)],
        [dealRate(0.67, 0.1, 1.19, 0.42)],
      ),
    );
    // The within-people interval here is +0.02 to +0.82: make it cross zero.
    const [crossing] = projectDealComparison(
      results(
        [contrast("seller", 0.15, 0.12, 0.18), contrast("buyer", 0.11, 0.09, 0.13)],
        [
          {
            ...dealRate(0.67, 0.1, 1.19, 0.42),
            withinPerson: { people: 35, difference: 0.42, interval: { low: -0.07, high: 0.87 } },
          },
        ],
      ),
    );
    expect(finding!.text).toMatch(/no interval includes zero\.$/);
    expect(crossing!.text).toMatch(
      /All three point the same way; the interval for deals within people includes zero\.$/,
    );
  });

  it("says nothing without one tier compared on both sides and on deals", () => {
    const sides = [contrast("seller", 0.15, 0.12, 0.18), contrast("buyer", 0.11, 0.09, 0.13)];
    expect(projectDealComparison(results(sides, []))).toEqual([]);
    expect(projectDealComparison(results(sides.slice(0, 1), [dealRate(0.7, 0.2, 1.2)]))).toEqual([]);
    const third = { ...sides[0]!, tier: "engine:boulware" };
    expect(projectDealComparison(results([...sides, third], [dealRate(0.7, 0.2, 1.2)]))).toEqual([]);
  });

  it("sets each effect beside Project Deal's published figure in a table: ours, the interval, and whether it agrees", () => {
    const table = projectDealTable(
      results(
        [contrast("seller", 0.15, 0.12, 0.18), contrast("buyer", 0.02, -0.01, 0.05)],
        [dealRate(-0.5, -0.9, -0.1, 0.3)],
      ),
    )!;
    expect(table.rows.map((row) => [row.effect, row.published, row.ours, row.interval, row.agrees])).toEqual([
      [
        "Strong sellers' premium",
        "got more: $2.68 more per item",
        "+15.0% for the same items (+$3.00 per item)",
        "+12.0% to +18.0%",
        "yes",
      ],
      [
        "Strong buyers' discount",
        "paid less: $2.45 less per item",
        "+2.0% for the same items (+$0.40 per item)",
        "-1.0% to +5.0%",
        "unclear",
      ],
      [
        "Strong participants' extra deals, between people",
        "closed more deals",
        "-0.50 deals each, in the mixed markets",
        "-0.90 to -0.10",
        "no",
      ],
      [
        "Strong participants' extra deals, within people",
        "closed more deals",
        "+0.30 deals each, compared with themselves",
        "-0.10 to +0.70",
        "unclear",
      ],
    ]);
    expect(table.verdict).toMatch(/points the other way/);
  });
});
