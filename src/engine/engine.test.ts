import { describe, expect, it } from "vitest";
import { apply } from "./apply.ts";
import { replay } from "./replay.ts";
import { openMarketWith, person, recordedMarket } from "./testing/fixtures.ts";
import { viewFor } from "./view.ts";

function bikeMarket() {
  return openMarketWith([
    person("sam", { items: [{ id: "bike", title: "Blue road bike", asking: 8000, reserve: 5000 }] }),
    person("bea", {
      wants: [{ id: "w1", description: "a road bike", max: 6500, keywords: ["bike"] }],
      budget: 10_000,
    }),
    person("cal", {
      wants: [{ id: "w1", description: "any bike", max: 9000, keywords: ["bike"] }],
      budget: 10_000,
    }),
  ]);
}

describe("engine: a whole deal", () => {
  it("lists, haggles, accepts, confirms, settles and hands over", () => {
    const state = bikeMarket();
    expect(
      apply(state, { type: "post-listing", actor: "sam", itemId: "bike", text: "Selling my bike" }, 1).ok,
    ).toBe(true);
    expect(viewFor(state, "bea").matchingListings.map((l) => l.id)).toEqual(["L1"]);
    const first = apply(
      state,
      { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 4000, text: "40?" },
      2,
    );
    expect(first.ok).toBe(true);
    expect(first.events.map((e) => e.type)).toEqual(["thread-opened", "offer-made", "message-posted"]);
    expect(apply(state, { type: "make-offer", actor: "sam", threadId: "T1", price: 6000 }, 3).ok).toBe(true);
    // The buyer's first offer was countered: it cannot be accepted any more.
    const stale = apply(state, { type: "accept-offer", actor: "sam", offerId: "O1", version: 1 }, 4);
    expect(stale).toMatchObject({ ok: false, rejection: { code: "offer/not-open" } });
    const accepted = apply(state, { type: "accept-offer", actor: "bea", offerId: "O2", version: 1 }, 5);
    expect(accepted.ok).toBe(true);
    expect(state.participants.get("bea")!.held).toBe(6000);
    expect(state.listings.get("L1")!.status).toBe("pending");
    expect(apply(state, { type: "confirm-deal", actor: "bea", dealId: "D1" }, 6)).toMatchObject({
      ok: false,
      rejection: { code: "deal/not-confirmer" },
    });
    expect(apply(state, { type: "confirm-deal", actor: "sam", dealId: "D1" }, 6).ok).toBe(true);
    const bea = state.participants.get("bea")!;
    expect([bea.held, bea.spent, state.participants.get("sam")!.earned]).toEqual([0, 6000, 6000]);
    expect(state.ledger.reduce((sum, entry) => sum + entry.amount, 0)).toBe(0);
    expect(state.listings.get("L1")!.status).toBe("sold");
    apply(state, { type: "mark-handed-over", actor: "sam", dealId: "D1" }, 7);
    apply(state, { type: "mark-handed-over", actor: "bea", dealId: "D1" }, 8);
    expect(state.deals.get("D1")!.status).toBe("handed-over");
    expect(state.threads.get("T1")!.status).toBe("handed-over");
  });

  it("refuses an accept of an offer that changed since it was read", () => {
    const state = bikeMarket();
    apply(state, { type: "post-listing", actor: "sam", itemId: "bike" }, 1);
    apply(state, { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 4000 }, 2);
    apply(state, { type: "make-offer", actor: "sam", threadId: "T1", price: 7000 }, 3);
    apply(state, { type: "make-offer", actor: "sam", threadId: "T1", price: 7500 }, 4);
    expect(state.offers.get("O2")!.version).toBe(2);
    const outcome = apply(state, { type: "accept-offer", actor: "bea", offerId: "O2", version: 1 }, 5);
    expect(outcome).toMatchObject({ ok: false, rejection: { code: "offer/stale-version" } });
    expect(outcome.events[0]).toMatchObject({
      type: "action-refused",
      code: "offer/stale-version",
      actor: "bea",
    });
  });

  it("never lets a seller offer or accept below the reserve, and says so without the number", () => {
    const state = bikeMarket();
    apply(state, { type: "post-listing", actor: "sam", itemId: "bike" }, 1);
    apply(state, { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 100 }, 2);
    const low = apply(state, { type: "make-offer", actor: "sam", threadId: "T1", price: 4999 }, 3);
    expect(low).toMatchObject({ ok: false, rejection: { code: "offer/below-reserve" } });
    const accept = apply(state, { type: "accept-offer", actor: "sam", offerId: "O1", version: 1 }, 3);
    expect(accept).toMatchObject({ ok: false, rejection: { code: "offer/below-reserve" } });
    if (!low.ok) expect(low.rejection.message).not.toMatch(/50/);
  });

  it("holds budget across parallel negotiations", () => {
    const state = openMarketWith([
      person("s1", { items: [{ id: "a", title: "Tent for camping", asking: 7000, reserve: 1000 }] }),
      person("s2", { items: [{ id: "b", title: "Camping stove", asking: 7000, reserve: 1000 }] }),
      person("bob", {
        wants: [
          { id: "tent", description: "a tent", max: 7000, keywords: ["tent"] },
          { id: "stove", description: "a stove", max: 7000, keywords: ["stove"] },
        ],
        budget: 10_000,
      }),
    ]);
    apply(state, { type: "post-listing", actor: "s1", itemId: "a" }, 1);
    apply(state, { type: "post-listing", actor: "s2", itemId: "b" }, 1);
    apply(state, { type: "make-offer", actor: "bob", listingId: "L1", wantId: "tent", price: 6000 }, 2);
    apply(state, { type: "make-offer", actor: "bob", listingId: "L2", wantId: "stove", price: 6000 }, 2);
    expect(apply(state, { type: "accept-offer", actor: "s1", offerId: "O1", version: 1 }, 3).ok).toBe(true);
    const second = apply(state, { type: "accept-offer", actor: "s2", offerId: "O2", version: 1 }, 3);
    expect(second).toMatchObject({ ok: false, rejection: { code: "budget/exceeded" } });
    if (!second.ok) expect(second.rejection.message).not.toMatch(/\d/);
  });

  it("applies a retried idempotency key once and refuses the key with other content", () => {
    const state = bikeMarket();
    const action = { type: "post-listing", actor: "sam", itemId: "bike", idempotencyKey: "k1" } as const;
    expect(apply(state, action, 1).events).toHaveLength(1);
    expect(apply(state, action, 2)).toEqual({ ok: true, events: [], duplicate: true });
    expect(apply(state, { ...action, askingPrice: 9000 }, 3)).toMatchObject({
      ok: false,
      rejection: { code: "idempotency/conflict" },
    });
  });

  it("refuses malformed actions with a typed code instead of throwing", () => {
    const state = bikeMarket();
    for (const bad of [
      null,
      42,
      {},
      { type: "make-offer", actor: "bea", price: -5 },
      { type: "steal", actor: "bea" },
    ]) {
      const outcome = apply(state, bad, 1);
      expect(outcome).toMatchObject({ ok: false, rejection: { code: "action/invalid" } });
    }
  });

  it("caps offers per counterpart", () => {
    const state = openMarketWith(
      [
        person("sam", { items: [{ id: "bike", title: "Blue road bike", asking: 8000, reserve: 5000 }] }),
        person("bea", { wants: [{ id: "w1", description: "bike", max: 6500 }] }),
      ],
      { caps: { maxOffersPerCounterpart: 3 } },
    );
    apply(state, { type: "post-listing", actor: "sam", itemId: "bike" }, 1);
    for (const price of [1000, 1100, 1200]) {
      expect(
        apply(state, { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price }, 2).ok,
      ).toBe(true);
    }
    expect(apply(state, { type: "make-offer", actor: "bea", threadId: "T1", price: 1300 }, 3)).toMatchObject({
      ok: false,
      rejection: { code: "cap/offers" },
    });
  });

  it("closing the market cancels pending deals and expires live threads", () => {
    const state = bikeMarket();
    apply(state, { type: "post-listing", actor: "sam", itemId: "bike" }, 1);
    apply(state, { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 6000 }, 2);
    apply(state, { type: "make-offer", actor: "cal", listingId: "L1", wantId: "w1", price: 5500 }, 2);
    apply(state, { type: "accept-offer", actor: "sam", offerId: "O1", version: 1 }, 3);
    const closed = apply(state, { type: "close-market", actor: "market" }, 4);
    expect(closed.events.map((e) => e.type)).toEqual([
      "market-closed",
      "deal-cancelled",
      "thread-expired",
      "thread-expired",
    ]);
    expect(state.participants.get("bea")!.held).toBe(0);
  });

  it("replays its log into an equal state", () => {
    const market = recordedMarket([
      person("sam", { items: [{ id: "bike", title: "Blue road bike", asking: 8000, reserve: 5000 }] }),
      person("bea", { wants: [{ id: "w1", description: "a road bike", max: 6500, keywords: ["bike"] }] }),
    ]);
    market.act({ type: "post-listing", actor: "sam", itemId: "bike" }, 1);
    market.act(
      { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 6000, text: "60?" },
      2,
    );
    market.act({ type: "make-offer", actor: "bea", threadId: "T1", price: 9000 }, 2);
    market.act({ type: "accept-offer", actor: "sam", offerId: "O1", version: 1 }, 3);
    market.act({ type: "confirm-deal", actor: "bea", dealId: "D1" }, 4);
    expect(replay(market.log)).toEqual(market.state);
    expect(market.log.map((event) => event.seq)).toEqual(market.log.map((_, index) => index + 1));
  });
});

describe("engine: refused input is always storable", () => {
  it("turns any junk an agent sends into plain JSON without NUL or lone surrogates", () => {
    const state = openMarketWith([person("bea")]);
    const cyclic: Record<string, unknown> = { type: "make-offer", actor: "bea" };
    cyclic.self = cyclic;
    for (const junk of [
      { type: "x\u0000", actor: "bea", n: 10n },
      cyclic,
      { type: "send-message", actor: "bea", where: "\uD800", text: 5 },
    ]) {
      const outcome = apply(state, junk, 1);
      expect(outcome.ok).toBe(false);
      const text = JSON.stringify(outcome.events);
      expect(text).not.toMatch(/\\u0000|\\ud800/i);
      expect(JSON.parse(text)).toEqual(outcome.events);
    }
  });
});
