/**
 * Finding 5 of issue 14: a buyer who bids 30% of the asking price and waits used to get the seller's
 * reserve itself as a typed offer, called "my best price", and the whole zone of agreement.
 */
import { describe, expect, it } from "vitest";
import { createEngineAgent } from "./engine-agent.ts";
import { runNegotiation } from "./run-negotiation.ts";
import { measureStall, stallingBuyer, stallScenarios } from "./stalling-buyer.ts";

const setups = stallScenarios(16, 1);
const seller = (tier: "strong" | "weak") => (i: number) =>
  createEngineAgent(tier, { participantId: "seller", seed: 1000 + i });

describe("a buyer who stalls low until the seller's deadline", () => {
  it("takes at most half the zone of agreement from the strong tier, and never gets its reserve", async () => {
    expect(setups).toHaveLength(16);
    const { outcomes, meanShare, meanBestShare, deals } = await measureStall(setups, seller("strong"));
    expect(meanShare).toBeLessThanOrEqual(0.5);
    // Even a buyer who knew when to take the lowest price the seller ever offered.
    expect(meanBestShare).toBeLessThanOrEqual(0.5);
    expect(outcomes.filter((outcome) => outcome.offeredReserve)).toEqual([]);
    // The strong seller still sells to most of them, at its own margin.
    expect(deals).toBeGreaterThanOrEqual(10);
  });

  it("never hears either tier call its exact reserve its best price", async () => {
    for (const tier of ["strong", "weak"] as const) {
      const { outcomes } = await measureStall(setups, seller(tier));
      expect(
        outcomes.filter((outcome) => outcome.announcedReserve),
        tier,
      ).toEqual([]);
    }
  });

  it("does not get the weak seller's first counter within $1 of its reserve", async () => {
    const near: string[] = [];
    for (const [i, setup] of setups.entries()) {
      const result = await runNegotiation({ setup, seller: seller("weak")(i), buyer: stallingBuyer() });
      const counter = result.transcript.find((line) => line.side === "seller" && line.kind === "offer");
      if (counter?.price !== undefined && counter.price - setup.item.reserve <= 100) near.push(setup.item.id);
    }
    // Only where the whole room between asking price and reserve is a few dollars.
    const narrow = setups.filter((setup) => setup.item.askingPrice - setup.item.reserve <= 400);
    expect(near.length).toBeLessThanOrEqual(narrow.length);
    expect(near.length).toBeLessThan(4);
  });
});
