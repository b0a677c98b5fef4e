import { describe, expect, it } from "vitest";
import type { AgentAction } from "../../engine/action.ts";
import { viewFor } from "../../engine/index.ts";
import { person, recordedMarket } from "../../engine/testing/fixtures.ts";
import type { Agent } from "../agent.ts";
import { createEngineAgent } from "./engine-agent.ts";

/** Applies an agent's actions as the runner would, feeding refusals back. */
function play(
  market: ReturnType<typeof recordedMarket>,
  agent: Agent,
  id: string,
  now: number,
): AgentAction[] {
  const actions = agent.decide(viewFor(market.state, id, { now })) as AgentAction[];
  for (const action of actions) {
    const outcome = market.act({ ...action, actor: id }, now);
    if (!outcome.ok)
      agent.onRefused?.({ action, code: outcome.rejection.code, message: outcome.rejection.message });
  }
  return actions;
}

const seller = person("sam", {
  items: [{ id: "lamp", title: "Brass desk lamp", asking: 4_000, reserve: 2_500, category: "home" }],
});
const buyer = person("bea", {
  wants: [{ id: "light", description: "a desk lamp", max: 3_500, category: "home", keywords: ["lamp"] }],
  budget: 10_000,
});

describe("createEngineAgent", () => {
  it("lists its items, advertises its wants and opens a negotiation on a matching listing", () => {
    const market = recordedMarket([seller, buyer]);
    const sam = createEngineAgent("strong", { participantId: "sam", seed: 1 });
    const bea = createEngineAgent("strong", { participantId: "bea", seed: 2 });
    expect(play(market, sam, "sam", 1).map((action) => action.type)).toEqual(["post-listing"]);
    const first = play(market, bea, "bea", 2);
    expect(first.map((action) => action.type)).toEqual(["post-want-ad", "make-offer"]);
    const offer = first[1] as Extract<AgentAction, { type: "make-offer" }>;
    expect(offer.price).toBeLessThan(3_500);
    expect(offer.text).toMatch(/lamp/i);
    // Nothing new has happened for the buyer: it waits for the seller.
    expect(play(market, bea, "bea", 3)).toEqual([]);
    const answer = play(market, sam, "sam", 4);
    expect(answer).toEqual([expect.objectContaining({ type: "make-offer", price: 4_000 })]);
  });

  it("confirms promptly when the other side accepts its offer", () => {
    const market = recordedMarket([seller, buyer]);
    const sam = createEngineAgent("weak", { participantId: "sam", seed: 1 });
    play(market, sam, "sam", 1);
    market.act({ type: "make-offer", actor: "bea", listingId: "L1", wantId: "light", price: 2_000 }, 2);
    const counter = play(market, sam, "sam", 3);
    expect(counter).toEqual([expect.objectContaining({ type: "make-offer" })]);
    const offerId = [...market.state.offers.values()].find((offer) => offer.from === "sam")!.id;
    expect(market.act({ type: "accept-offer", actor: "bea", offerId, version: 1 }, 4).ok).toBe(true);
    expect(play(market, sam, "sam", 5)).toEqual([
      expect.objectContaining({ type: "confirm-deal", dealId: "D1" }),
    ]);
    expect(market.state.deals.get("D1")!.status).toBe("confirmed");
  });

  it("reads a price a person only wrote, and puts it in an offer they can accept", () => {
    const market = recordedMarket([seller, buyer]);
    const sam = createEngineAgent("weak", { participantId: "sam", seed: 1 });
    play(market, sam, "sam", 1);
    market.act(
      {
        type: "open-thread",
        actor: "bea",
        listingId: "L1",
        wantId: "light",
        text: "Hi! Would you take $30 for it?",
      },
      2,
    );
    const reply = play(market, sam, "sam", 3);
    expect(reply).toEqual([expect.objectContaining({ type: "make-offer", threadId: "T1", price: 3_000 })]);
  });

  it("runs two negotiations for one want and settles one of them", () => {
    const other = person("ola", {
      items: [{ id: "lamp2", title: "Desk lamp, green", asking: 3_000, reserve: 1_200, category: "home" }],
    });
    const market = recordedMarket([seller, other, buyer]);
    const bea = createEngineAgent("strong", { participantId: "bea", seed: 2 });
    market.act({ type: "post-listing", actor: "sam", itemId: "lamp" }, 1);
    market.act({ type: "post-listing", actor: "ola", itemId: "lamp2" }, 1);
    const opening = play(market, bea, "bea", 2).filter((action) => action.type === "make-offer");
    expect(opening).toHaveLength(2);
    // Ola accepts the buyer's offer and the buyer confirms it.
    const olaOffer = [...market.state.offers.values()].find((offer) => offer.listingId === "L2")!;
    expect(
      market.act({ type: "accept-offer", actor: "ola", offerId: olaOffer.id, version: 1 }, 3),
    ).toMatchObject({ ok: true });
    const next = play(market, bea, "bea", 4);
    // The cheaper listing (Ola's) was opened first, as T1; settling it ends the other thread.
    expect(next).toEqual([expect.objectContaining({ type: "confirm-deal", dealId: "D1" })]);
    expect(market.state.threads.get("T2")!.status).toBe("expired");
    expect(market.log.filter((event) => event.type === "action-refused")).toEqual([]);
    expect(market.state.deals.get("D1")!.status).toBe("confirmed");
  });

  it("is deterministic: the same seed and views give the same actions", () => {
    const run = (seed: number) => {
      const market = recordedMarket([seller, buyer]);
      const sam = createEngineAgent("strong", { participantId: "sam", seed });
      const bea = createEngineAgent("weak", { participantId: "bea", seed: seed + 1 });
      for (let turn = 0; turn < 10; turn++) {
        play(market, sam, "sam", turn * 2 + 1);
        play(market, bea, "bea", turn * 2 + 2);
      }
      return market.log;
    };
    expect(run(3)).toEqual(run(3));
  });

  it("as a classic tier, answers a matching want ad once its listing has waited two days; the weak tier never does", () => {
    const market = recordedMarket([seller, buyer]);
    const sam = createEngineAgent("linear", { participantId: "sam", seed: 1 });
    play(market, sam, "sam", 1);
    // The buyer only advertises; its agent never goes looking.
    expect(market.act({ type: "post-want-ad", actor: "bea", wantId: "light" }, 2).ok).toBe(true);
    expect(play(market, sam, "sam", 3)).toEqual([]);
    const twoDays = 2 * 24 * 3600 * 1000 + 10;
    const pitch = play(market, sam, "sam", twoDays);
    expect(pitch).toHaveLength(1);
    expect(pitch[0]).toMatchObject({ type: "open-thread", listingId: "L1" });
    const thread = [...market.state.threads.values()][0]!;
    expect(thread).toMatchObject({ seller: "sam", buyer: "bea", openedBy: "sam" });
    expect(market.state.messages.get(thread.messageIds[0]!)!.text).toMatch(/\$40/);
    expect(market.act({ type: "decline-thread", actor: "bea", threadId: thread.id }, twoDays + 1).ok).toBe(
      true,
    );
    expect(play(market, sam, "sam", twoDays + 2).filter((action) => action.type === "open-thread")).toEqual(
      [],
    );
    const passive = recordedMarket([seller, buyer]);
    const weak = createEngineAgent("weak", { participantId: "sam", seed: 1 });
    play(passive, weak, "sam", 1);
    expect(passive.act({ type: "post-want-ad", actor: "bea", wantId: "light" }, 2).ok).toBe(true);
    expect(play(passive, weak, "sam", twoDays)).toEqual([]);
  });

  it("as a strong seller, answers want ads at once, one at a time, and two at most per listing", () => {
    const buyers = ["bea", "bob", "bil"].map((id) =>
      person(id, {
        wants: [
          { id: "light", description: "a desk lamp", max: 3_500, category: "home", keywords: ["lamp"] },
        ],
      }),
    );
    const market = recordedMarket([seller, ...buyers]);
    const sam = createEngineAgent("strong", { participantId: "sam", seed: 1 });
    play(market, sam, "sam", 1);
    for (const { id } of buyers) {
      expect(market.act({ type: "post-want-ad", actor: id, wantId: "light" }, 2).ok).toBe(true);
    }
    const pitches = () => play(market, sam, "sam", 3).filter((action) => action.type === "open-thread");
    // At once, but to one buyer while that talk goes on.
    expect(pitches()).toHaveLength(1);
    expect(pitches()).toEqual([]);
    const declineAll = () => {
      for (const thread of market.state.threads.values()) {
        if (thread.status === "open" || thread.status === "negotiating") {
          expect(market.act({ type: "decline-thread", actor: thread.buyer, threadId: thread.id }, 3).ok).toBe(
            true,
          );
        }
      }
    };
    declineAll();
    expect(pitches()).toHaveLength(1);
    declineAll();
    expect(pitches()).toEqual([]);
    const pitched = [...market.state.threads.values()].map((thread) => thread.buyer);
    expect(new Set(pitched).size).toBe(2);
  });

  it("looks for want ads to answer again three hours after finding none, not at every visit", () => {
    const market = recordedMarket([seller, buyer]);
    const sam = createEngineAgent("strong", { participantId: "sam", seed: 1 });
    const pitches = (now: number) => play(market, sam, "sam", now).filter((a) => a.type === "open-thread");
    play(market, sam, "sam", 1);
    // Listed, and nobody is looking for a lamp yet.
    expect(pitches(2)).toEqual([]);
    expect(market.act({ type: "post-want-ad", actor: "bea", wantId: "light" }, 3).ok).toBe(true);
    expect(pitches(4)).toEqual([]);
    expect(pitches(3 * 3600 * 1000 + 2)).toHaveLength(1);
  });

  it("as a weak agent answers one negotiation per look, oldest first; a strong one answers all", () => {
    const buyers = ["bea", "bob"].map((id) =>
      person(id, {
        wants: [
          { id: "light", description: "a desk lamp", max: 3_500, category: "home", keywords: ["lamp"] },
        ],
      }),
    );
    const answered = (tier: "weak" | "strong") => {
      const market = recordedMarket([seller, ...buyers]);
      const sam = createEngineAgent(tier, { participantId: "sam", seed: 1 });
      play(market, sam, "sam", 1);
      for (const { id } of buyers) {
        expect(
          market.act({ type: "make-offer", actor: id, listingId: "L1", wantId: "light", price: 2_000 }, 2).ok,
        ).toBe(true);
      }
      const threadsOf = (actions: AgentAction[]) =>
        actions.map((action) => ("threadId" in action ? action.threadId : undefined)).filter(Boolean);
      return [threadsOf(play(market, sam, "sam", 3)), threadsOf(play(market, sam, "sam", 4))];
    };
    expect(answered("weak")).toEqual([["T1"], ["T2"]]);
    expect(answered("strong")).toEqual([["T1", "T2"], []]);
  });
});
