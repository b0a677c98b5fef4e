import { describe, expect, it } from "vitest";
import type { ArmRecords, DealRecord } from "./deal-record.ts";
import { modelUsage } from "./model-usage.ts";

const deal = (sellerTier: string, buyerTier: string): DealRecord => ({
  arm: "a",
  item: "x",
  seller: "s",
  buyer: "b",
  sellerTier,
  buyerTier,
  price: 1000,
});

describe("modelUsage", () => {
  it("sums usage by spec per arm and relates calls to the deals that spec took part in", () => {
    const records: ArmRecords = {
      deals: [deal("llm:openai:m", "engine:weak"), deal("engine:weak", "engine:weak")],
      listings: [],
      wants: [],
      usage: [
        {
          participant: "s",
          spec: "llm:openai:m",
          calls: 4,
          inputTokens: 1000,
          outputTokens: 50,
          cachedInputTokens: 800,
          costCents: 0.5,
        },
        {
          participant: "t",
          spec: "llm:openai:m",
          calls: 2,
          inputTokens: 1000,
          outputTokens: 30,
          cachedInputTokens: 200,
          costCents: 0.25,
        },
      ],
    };
    const [row] = modelUsage([{ id: "a", records }]);
    expect(row).toMatchObject({
      spec: "llm:openai:m",
      participants: 2,
      calls: 6,
      inputTokens: 2000,
      deals: 1,
      callsPerDeal: 6,
    });
    expect(row!.cachedShare).toBeCloseTo(0.5);
    expect(row!.costCents).toBeCloseTo(0.75);
  });

  it("has no rows for arms of built-in agents", () => {
    expect(
      modelUsage([
        { id: "a", records: { deals: [deal("engine:weak", "engine:weak")], listings: [], wants: [] } },
      ]),
    ).toEqual([]);
  });
});
