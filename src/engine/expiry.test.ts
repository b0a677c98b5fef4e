import { describe, expect, it } from "vitest";
import { overdueDeals } from "./expiry.ts";
import { replay } from "./replay.ts";
import { person, recordedMarket } from "./testing/fixtures.ts";

const HOUR = 3_600_000;

/** Sam sells a bike; bea and cal both want one. Bea's offer of $60 is accepted by sam at `at`. */
function acceptedDeal(at = 10 * HOUR, config = {}) {
  const market = recordedMarket(
    [
      person("sam", { items: [{ id: "bike", title: "Blue road bike", asking: 8000, reserve: 5000 }] }),
      person("bea", {
        wants: [{ id: "w1", description: "a road bike", max: 6500, keywords: ["bike"] }],
        budget: 10_000,
      }),
      person("cal", {
        wants: [{ id: "w1", description: "any bike", max: 9000, keywords: ["bike"] }],
        budget: 10_000,
      }),
    ],
    config,
  );
  market.act({ type: "post-listing", actor: "sam", itemId: "bike" }, 1);
  market.act({ type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 6000 }, 2);
  const accepted = market.act({ type: "accept-offer", actor: "sam", offerId: "O1", version: 1 }, at);
  expect(accepted.ok).toBe(true);
  return market;
}

describe("an accepted deal nobody confirms", () => {
  it("can be confirmed until its deadline (6 h by default), and not from then on", () => {
    const market = acceptedDeal();
    expect(market.state.config.acceptTimeoutMs).toBe(6 * HOUR);
    const late = market.act({ type: "confirm-deal", actor: "bea", dealId: "D1" }, 16 * HOUR);
    expect(late).toMatchObject({ ok: false, rejection: { code: "deal/expired" } });
    expect(late.ok || late.rejection.message).not.toMatch(/5000|6500|\$50|\$65/);
    const inTime = acceptedDeal();
    expect(inTime.act({ type: "confirm-deal", actor: "bea", dealId: "D1" }, 16 * HOUR - 1).ok).toBe(true);
  });

  it("is expired by the market at its deadline: the listing is free and the budget hold released", () => {
    const market = acceptedDeal();
    expect(market.state.listings.get("L1")!.status).toBe("pending");
    expect(market.state.participants.get("bea")!.held).toBe(6000);
    expect(overdueDeals(market.state, 16 * HOUR - 1)).toEqual([]);
    expect(overdueDeals(market.state, 16 * HOUR)).toEqual([{ dealId: "D1", at: 16 * HOUR }]);
    // Too early, by a participant, or of a deal that does not exist: refused, with an event.
    expect(market.act({ type: "expire-deal", actor: "market", dealId: "D1" }, 16 * HOUR - 1)).toMatchObject({
      ok: false,
      rejection: { code: "deal/wrong-state" },
    });
    expect(market.act({ type: "expire-deal", actor: "sam", dealId: "D1" }, 17 * HOUR)).toMatchObject({
      ok: false,
      rejection: { code: "participant/not-allowed" },
    });
    expect(market.act({ type: "expire-deal", actor: "market", dealId: "D9" }, 17 * HOUR)).toMatchObject({
      ok: false,
      rejection: { code: "deal/unknown" },
    });
    const expired = market.act({ type: "expire-deal", actor: "market", dealId: "D1" }, 16 * HOUR);
    expect(expired.ok).toBe(true);
    expect(expired.events.map((event) => [event.type, event.actor])).toEqual([
      ["deal-cancelled", "market"],
      ["thread-expired", "market"],
    ]);
    expect(expired.events[0]).toMatchObject({
      reason: "expired: not confirmed within 6 h of its acceptance",
    });
    const { state } = market;
    expect(state.deals.get("D1")!.status).toBe("cancelled");
    expect(state.threads.get("T1")!.status).toBe("expired");
    expect(state.listings.get("L1")!.status).toBe("active");
    expect(state.participants.get("bea")!.held).toBe(0);
    expect(state.participants.get("bea")!.wantsTaken.has("w1")).toBe(false);
    expect(overdueDeals(state, 20 * HOUR)).toEqual([]);
    // Expired once: a second expiry and a late confirmation are refused.
    expect(market.act({ type: "expire-deal", actor: "market", dealId: "D1" }, 17 * HOUR).ok).toBe(false);
    expect(market.act({ type: "confirm-deal", actor: "bea", dealId: "D1" }, 17 * HOUR).ok).toBe(false);
    // Another buyer can buy the bike now.
    market.act({ type: "make-offer", actor: "cal", listingId: "L1", wantId: "w1", price: 7000 }, 18 * HOUR);
    expect(market.act({ type: "accept-offer", actor: "sam", offerId: "O2", version: 1 }, 18 * HOUR).ok).toBe(
      true,
    );
    expect(market.act({ type: "confirm-deal", actor: "cal", dealId: "D2" }, 19 * HOUR).ok).toBe(true);
    expect(state.listings.get("L1")!.status).toBe("sold");
    // The log replays to the same market.
    expect(replay(market.log)).toEqual(state);
  });

  it("takes the market's own timeout from its config", () => {
    const market = acceptedDeal(HOUR, { acceptTimeoutMs: 30 * 60_000 });
    expect(
      market.act({ type: "confirm-deal", actor: "bea", dealId: "D1" }, HOUR + 30 * 60_000),
    ).toMatchObject({
      ok: false,
      rejection: { code: "deal/expired" },
    });
    const expired = market.act({ type: "expire-deal", actor: "market", dealId: "D1" }, HOUR + 30 * 60_000);
    expect(expired.events[0]).toMatchObject({
      reason: "expired: not confirmed within 30 min of its acceptance",
    });
  });

  it("reads a log written before the setting with the default timeout", () => {
    const market = acceptedDeal();
    const [genesis, ...rest] = market.log;
    const { acceptTimeoutMs: _, ...oldConfig } = (genesis as { config: Record<string, unknown> }).config;
    const old = replay([{ ...genesis!, config: oldConfig } as never, ...rest]);
    expect(overdueDeals(old, 16 * HOUR)).toEqual([{ dealId: "D1", at: 16 * HOUR }]);
  });
});
