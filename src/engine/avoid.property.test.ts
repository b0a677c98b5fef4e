import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParticipantInput } from "../domain/mandate.ts";
import { audienceOf, canSee } from "./audience.ts";
import { person, recordedMarket } from "./testing/fixtures.ts";
import { viewFor } from "./view.ts";

/** Ann will not trade with anyone called Dave (Dave Smith, id "dave") nor with participant "eve". */
function people(): ParticipantInput[] {
  const ann = person("ann", {
    items: [{ id: "bike", title: "Road bike", asking: 9000, reserve: 5000 }],
    wants: [{ id: "tent", description: "tent", max: 6000, keywords: ["tent"] }],
    budget: 20_000,
  });
  ann.mandate.wishes = { avoid: [{ name: "dave" }, { id: "eve" }], notes: "secret-wish-words" };
  const dave = person("dave", {
    items: [{ id: "tent", title: "Camping tent", asking: 5000, reserve: 3000 }],
    wants: [{ id: "bike", description: "a bike", max: 9500, keywords: ["bike"] }],
    budget: 20_000,
  });
  dave.name = "Dave Smith";
  const eve = person("eve", {
    items: [{ id: "tent", title: "Tent for two", asking: 5000, reserve: 3000 }],
    wants: [{ id: "bike", description: "a bike", max: 9500, keywords: ["bike"] }],
    budget: 20_000,
  });
  const bob = person("bob", {
    items: [{ id: "tent", title: "Family tent", asking: 5000, reserve: 3000 }],
    wants: [{ id: "bike", description: "a bike", max: 9500, keywords: ["bike"] }],
    budget: 20_000,
  });
  return [ann, dave, eve, bob];
}

const AVOIDED = new Set(["dave", "eve"]);
const pairAvoided = (a: string, b: string) =>
  (a === "ann" && AVOIDED.has(b)) || (b === "ann" && AVOIDED.has(a));

describe("engine: people an owner will not trade with", () => {
  it("refuses to open, offer, accept or confirm between them, whoever acts, and never tells the other why", () => {
    const actor = fc.constantFrom("ann", "dave", "eve", "bob");
    const step = fc.oneof(
      fc.record({
        type: fc.constant("make-offer"),
        actor,
        listingId: fc.constantFrom("L1", "L2", "L3", "L4"),
        wantId: fc.constantFrom("bike", "tent"),
        price: fc.integer({ min: 30, max: 95 }).map((d) => d * 100),
      }),
      fc.record({
        type: fc.constant("open-thread"),
        actor,
        listingId: fc.constantFrom("L1", "L2", "L3", "L4"),
        wantAdId: fc.constantFrom("A1", "A2", "A3", "A4"),
        text: fc.constant("hello"),
      }),
      fc.record({
        type: fc.constant("make-offer"),
        actor,
        threadId: fc.constantFrom("T1", "T2", "T3", "T4", "T5"),
        price: fc.integer({ min: 30, max: 95 }).map((d) => d * 100),
      }),
      fc.record({
        type: fc.constant("accept-offer"),
        actor,
        offerId: fc.integer({ min: 1, max: 12 }).map((n) => `O${n}`),
        version: fc.constant(1),
      }),
      fc.record({
        type: fc.constant("confirm-deal"),
        actor,
        dealId: fc.constantFrom("D1", "D2", "D3", "D4"),
      }),
    );
    let refusedForAvoid = 0;
    let deals = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 60 }), (steps) => {
        const market = recordedMarket(people());
        market.act({ type: "post-listing", actor: "ann", itemId: "bike" }, 1);
        for (const who of ["dave", "eve", "bob"])
          market.act({ type: "post-listing", actor: who, itemId: "tent" }, 1);
        market.act({ type: "post-want-ad", actor: "ann", wantId: "tent" }, 1);
        for (const who of ["dave", "eve", "bob"])
          market.act({ type: "post-want-ad", actor: who, wantId: "bike" }, 1);
        let now = 2;
        for (const action of steps) {
          const outcome = market.act(action, now++);
          if (!outcome.ok && outcome.rejection.code === "trade/not-allowed") {
            refusedForAvoid++;
            // Only the owner who avoids hears why; the other side gets a refusal naming no wish.
            if (action.actor !== "ann") expect(outcome.rejection.message).not.toMatch(/owner|asked|ann/i);
          }
        }
        for (const thread of market.state.threads.values()) {
          expect(pairAvoided(thread.seller, thread.buyer)).toBe(false);
        }
        for (const deal of market.state.deals.values()) {
          deals++;
          expect(pairAvoided(deal.seller, deal.buyer)).toBe(false);
        }
        // The wishes are the owner's: no other participant's view or visible events carry them.
        for (const viewer of ["dave", "eve", "bob"]) {
          expect(JSON.stringify(viewFor(market.state, viewer))).not.toContain("secret-wish-words");
          const visible = market.log.filter((event) => canSee(audienceOf(market.state, event), viewer));
          expect(JSON.stringify(visible)).not.toContain("secret-wish-words");
          expect(JSON.stringify(visible)).not.toMatch(/"avoid"/);
        }
      }),
      { numRuns: 200, seed: 15 },
    );
    expect(refusedForAvoid).toBeGreaterThan(0);
    expect(deals).toBeGreaterThan(0);
  });

  it("matches a name as a whole word, any case, and an id exactly", () => {
    const market = recordedMarket(people());
    market.act({ type: "post-listing", actor: "ann", itemId: "bike" }, 1);
    const dave = market.act(
      { type: "make-offer", actor: "dave", listingId: "L1", wantId: "bike", price: 8000 },
      2,
    );
    expect(dave).toMatchObject({
      ok: false,
      rejection: {
        code: "trade/not-allowed",
        message: "This trade is not available to you; look for another counterpart.",
      },
    });
    const bob = market.act(
      { type: "make-offer", actor: "bob", listingId: "L1", wantId: "bike", price: 8000 },
      3,
    );
    expect(bob.ok).toBe(true);
    market.act({ type: "post-listing", actor: "eve", itemId: "tent" }, 4);
    const ann = market.act(
      { type: "make-offer", actor: "ann", listingId: "L2", wantId: "tent", price: 4000 },
      5,
    );
    expect(ann).toMatchObject({ ok: false, rejection: { code: "trade/not-allowed" } });
    if (!ann.ok) expect(ann.rejection.message).toContain("Eve");
  });
});
