/**
 * Finding 7 of issue 14 (liveness): accepting, or being accepted, and never confirming must not hold a
 * listing or a budget until the market closes. The scheduler expires the deal at its deadline, as
 * the market, so the log records it and a replay gives the same market.
 */
import { describe, expect, it } from "vitest";
import type { Agent } from "../agents/agent.ts";
import { participantSchema } from "../domain/mandate.ts";
import { createRng } from "../domain/random.ts";
import { emptyState } from "../engine/create-market.ts";
import type { MarketEvent } from "../engine/event.ts";
import { replay } from "../engine/replay.ts";
import { person, recordedMarket } from "../engine/testing/fixtures.ts";
import { virtualClock } from "./clock.ts";
import { MemorySink } from "./event-sink.ts";
import { MarketHost } from "./market-host.ts";
import { Scheduler } from "./scheduler.ts";
import { simulateMarket } from "./simulate-market.ts";
import { scriptedAgent } from "./testing-agents.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 5, 9);

/** Offers the asking price on the bike at once, and then never confirms what the seller accepts. */
function locker(): Agent {
  return {
    spec: "test:locker",
    decide(view) {
      const listing = view.matchingListings[0];
      if (!listing || view.threads.length > 0) return [];
      return [{ type: "make-offer", listingId: listing.id, wantId: "w", price: listing.askingPrice }];
    },
  };
}

/** The scripted agent, asleep for the market's first day (so the locker comes first). */
function lateBuyer(): Agent {
  const inner = scriptedAgent();
  return { spec: "test:late", decide: (view) => (view.now < START + DAY ? [] : inner.decide(view)) };
}

async function market(acceptTimeoutMs?: number) {
  const participants = [
    person("sam", { items: [{ id: "bike", title: "Road bike", asking: 6000, reserve: 5000 }] }),
    person("lou", { wants: [{ id: "w", description: "a bike", max: 7000, keywords: ["bike"] }] }),
    person("bea", { wants: [{ id: "w", description: "a bike", max: 7000, keywords: ["bike"] }] }),
  ].map((input) => participantSchema.parse(input));
  const sink = new MemorySink();
  const agents: Record<string, () => Agent> = { sam: scriptedAgent, lou: locker, bea: lateBuyer };
  const result = await simulateMarket({
    marketId: "expiry",
    seed: 5,
    participants,
    assignment: { sam: "test:scripted", lou: "test:locker", bea: "test:late" },
    createAgent: (_spec, context) => agents[context.participantId]!(),
    sink,
    startAt: START,
    durationMs: 3 * DAY,
    ...(acceptTimeoutMs !== undefined ? { acceptTimeoutMs } : {}),
  });
  const of = <T extends MarketEvent["type"]>(type: T) =>
    sink.events.filter((event): event is Extract<MarketEvent, { type: T }> => event.type === type);
  return { result, sink, of };
}

describe("a deal accepted and never confirmed", () => {
  it("expires at its deadline; the listing sells to someone else and the locker's hold is released", async () => {
    const { result, sink, of } = await market();
    const [locked] = of("deal-accepted");
    expect(locked!.deal.buyer).toBe("lou");
    const cancelled = of("deal-cancelled");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({
      dealId: locked!.deal.id,
      actor: "market",
      at: locked!.deal.acceptedAt + 6 * HOUR,
      reason: "expired: not confirmed within 6 h of its acceptance",
    });
    const { state } = result;
    expect(state.participants.get("lou")!.held).toBe(0);
    expect(state.deals.get(locked!.deal.id)!.status).toBe("cancelled");
    const sold = [...state.deals.values()].find((deal) => deal.status === "confirmed");
    expect(sold).toMatchObject({ buyer: "bea", seller: "sam" });
    expect(replay(sink.events, emptyState({ transcripts: "live" }))).toEqual(state);
  });

  it("takes the market's acceptTimeout, and the same seed gives the same log", async () => {
    const a = await market(HOUR);
    const b = await market(HOUR);
    const [locked] = a.of("deal-accepted");
    expect(a.of("deal-cancelled")[0]).toMatchObject({
      at: locked!.deal.acceptedAt + HOUR,
      reason: "expired: not confirmed within 1 h of its acceptance",
    });
    expect(JSON.stringify(a.sink.events)).toBe(JSON.stringify(b.sink.events));
  });

  it("expires a resumed market's deal that was accepted before the stop, at its deadline", async () => {
    // A market stopped with a deal awaiting confirmation: a new host and scheduler take it from its log.
    const before = recordedMarket([
      person("sam", { items: [{ id: "bike", title: "Road bike", asking: 6000, reserve: 5000 }] }),
      person("bea", { wants: [{ id: "w", description: "a bike", max: 7000, keywords: ["bike"] }] }),
    ]);
    before.act({ type: "post-listing", actor: "sam", itemId: "bike" }, START);
    before.act({ type: "make-offer", actor: "bea", listingId: "L1", wantId: "w", price: 6000 }, START);
    expect(
      before.act({ type: "accept-offer", actor: "sam", offerId: "O1", version: 1 }, START + HOUR).ok,
    ).toBe(true);
    const sink = new MemorySink();
    sink.write(before.log);
    const host = new MarketHost({
      state: replay(before.log, emptyState({ transcripts: "live" })),
      sink,
      clock: virtualClock(START + 2 * HOUR),
    });
    const scheduler = new Scheduler({
      host,
      agents: new Map(),
      delays: createRng(1),
      startAt: START,
      endAt: START + DAY,
    });
    expect(await scheduler.run()).toBe("closed");
    const expired = sink.events.filter((event) => event.type === "deal-cancelled");
    expect(expired).toEqual([
      expect.objectContaining({
        dealId: "D1",
        at: START + 7 * HOUR,
        reason: expect.stringMatching(/^expired/),
      }),
    ]);
    expect(host.state.listings.get("L1")!.status).toBe("active");
    expect(host.state.participants.get("bea")!.held).toBe(0);
  });
});
