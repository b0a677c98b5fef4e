import { describe, expect, it } from "vitest";
import type { Agent } from "../agent.ts";
import { createEngineAgent } from "./engine-agent.ts";
import { type NegotiationSetup, runNegotiation } from "./run-negotiation.ts";
import { catalogueScenarios } from "./scenarios.ts";
import { revealsSecret } from "./secret-guard.ts";
import { TIER_NAMES, type TierName } from "./strategy/tiers.ts";

const bike: NegotiationSetup = {
  item: {
    id: "bike",
    title: "Trek road bike",
    description: "A 54cm road bike.",
    condition: "good",
    category: "sports-outdoors",
    ageYears: 4,
    flaws: ["scratched frame"],
    askingPrice: 20_000,
    reserve: 14_000,
  },
  buyer: { maxPrice: 18_000, budget: 25_000 },
  sellerName: "Maya",
  buyerName: "Leo",
};

const agent = (tier: TierName, id: "seller" | "buyer", seed = 1): Agent =>
  createEngineAgent(tier, { participantId: id, seed });

describe("runNegotiation with built-in agents", () => {
  it("haggles in words over several rounds and settles a deal inside both limits", async () => {
    const result = await runNegotiation({
      setup: bike,
      seller: agent("strong", "seller"),
      buyer: agent("strong", "buyer", 2),
    });
    expect(result.agreed).toBe(true);
    expect(result.price!).toBeGreaterThanOrEqual(14_000);
    expect(result.price!).toBeLessThanOrEqual(18_000);
    expect(result.rounds).toBeGreaterThan(3);
    const offers = result.transcript.filter((line) => line.kind === "offer");
    expect(offers.every((line) => typeof line.text === "string" && line.text.length > 0)).toBe(true);
    expect(result.transcript.map((line) => line.kind)).toEqual(expect.arrayContaining(["accept", "confirm"]));
    expect(result.scores.sellerAdvantage! + result.scores.buyerAdvantage!).toBeCloseTo(1);
  });

  it("gives the same transcript for the same seeds, and other words for other seeds", async () => {
    const run = (seed: number) =>
      runNegotiation({
        setup: bike,
        seller: agent("weak", "seller", seed),
        buyer: agent("strong", "buyer", seed + 1),
      });
    const [first, second, other] = await Promise.all([run(5), run(5), run(6)]);
    expect(second.transcript).toEqual(first.transcript);
    expect(second.events).toEqual(first.events);
    expect(other.transcript.map((line) => line.text)).not.toEqual(first.transcript.map((line) => line.text));
  });

  it("ends without a deal, and with a walk-away, when the zone of agreement is empty", async () => {
    const setup = { ...bike, buyer: { maxPrice: 12_000, budget: 30_000 } };
    const result = await runNegotiation({
      setup,
      seller: agent("strong", "seller"),
      buyer: agent("boulware", "buyer"),
    });
    expect(result.agreed).toBe(false);
    expect(result.scores.dealPossible).toBe(false);
    expect(result.walkedAway).toBeDefined();
  });

  it("never agrees outside a limit, never goes back on a concession and never writes a secret, for every pair of tiers", async () => {
    const scenarios = catalogueScenarios(6, 11);
    for (const setup of scenarios) {
      for (const seller of TIER_NAMES) {
        for (const buyer of TIER_NAMES) {
          const result = await runNegotiation({
            setup,
            seller: agent(seller, "seller"),
            buyer: agent(buyer, "buyer"),
          });
          const limit = Math.min(setup.buyer.maxPrice, setup.buyer.budget!);
          if (result.agreed) {
            expect(result.price!).toBeGreaterThanOrEqual(setup.item.reserve);
            expect(result.price!).toBeLessThanOrEqual(limit);
          }
          for (const event of result.events) {
            if (event.type !== "message-posted") continue;
            const secrets =
              event.actor === "seller" ? [setup.item.reserve] : [setup.buyer.maxPrice, setup.buyer.budget!];
            expect(revealsSecret(event.message.text, secrets), event.message.text).toBe(false);
          }
          expect(result.events.filter((event) => event.type === "action-refused")).toEqual([]);
          // Concessions never go backwards: the seller's prices only fall, the buyer's only rise.
          const prices = (side: string) =>
            result.events.flatMap((event) =>
              event.type === "offer-made" && event.actor === side ? [event.offer.price] : [],
            );
          const sells = prices("seller");
          const buys = prices("buyer");
          expect(sells).toEqual([...sells].sort((a, b) => b - a));
          expect(buys).toEqual([...buys].sort((a, b) => a - b));
        }
      }
    }
  });

  it("stops when neither side acts", async () => {
    const idle: Agent = { spec: "test:idle", decide: () => [] };
    const result = await runNegotiation({ setup: bike, seller: idle, buyer: idle });
    expect(result.agreed).toBe(false);
    expect(result.rounds).toBe(0);
  });
});
