import { describe, expect, it } from "vitest";
import { type AnalysisResults, analyzeRecords } from "../../analysis/analyze.ts";
import { syntheticExperiment } from "../../analysis/testing/synthetic.ts";
import { renderPlots, reportPlots, wrapLabel } from "./plots.ts";

const LONG = "Intelligent Design Raina King Comforter Set, queen size, with two pillow shams";

async function results(): Promise<AnalysisResults> {
  const arms = syntheticExperiment({ seed: 5, people: 20, sellerPremium: 0.12, buyerDiscount: 0.08 }).map(
    (arm) => ({
      ...arm,
      records: { ...arm.records, deals: arm.records.deals.map((d) => ({ ...d, title: LONG })) },
    }),
  );
  return analyzeRecords(
    { kind: "experiment", path: "/tmp/x", name: "plots", currency: "USD", seed: 3, arms },
    { bootstrap: 20, permutations: 20 },
  );
}

describe("the report's plots", () => {
  it("wrap long item names into lines instead of cutting them off", async () => {
    expect(wrapLabel("Short name")).toBe("Short name");
    expect(wrapLabel(LONG, 30)).toBe(
      "Intelligent Design Raina King\nComforter Set, queen size,\nwith two pillow shams",
    );
    expect(wrapLabel("a ".repeat(60).trim(), 10, 2).split("\n")).toHaveLength(2);
    const svg = (await renderPlots(await results())).find((plot) => plot.id === "same-item")!.svg;
    for (const line of [
      "Intelligent Design Raina King",
      "Comforter Set, queen size,",
      "with two pillow shams",
    ]) {
      expect(svg).toContain(`>${line}</tspan>`);
    }
    expect(svg).not.toContain("…");
  });

  it("spread the fairness scatter's equal answers apart with a seeded jitter, the same at every run", async () => {
    const base = await results();
    const rated = Array.from({ length: 40 }, (_, i) => ({
      tier: i % 2 ? "engine:strong" : "engine:weak",
      side: "seller",
      fairness: 5,
      share: 0.5,
    }));
    const withSurvey = { ...base, perception: { rated } } as unknown as AnalysisResults;
    const values = () =>
      (
        reportPlots(withSurvey).find((plot) => plot.id === "perception")!.spec as {
          data: { values: { share: number; fairness: number; rated: number }[] };
        }
      ).data.values;
    const points = values();
    expect(new Set(points.map((p) => `${p.share},${p.fairness}`)).size).toBe(40);
    for (const p of points) {
      expect(Math.abs(p.fairness - 5)).toBeLessThanOrEqual(0.25);
      expect(Math.abs(p.share - 0.5)).toBeLessThanOrEqual(0.015);
      expect(p.rated).toBe(5);
    }
    expect(values()).toEqual(points);
  });
});
