import { describe, expect, it } from "vitest";
import type { AgentAction } from "../../engine/action.ts";
import { person, recordedMarket } from "../../engine/testing/fixtures.ts";
import { viewFor } from "../../engine/view.ts";
import { createLlmAgent } from "./llm-agent.ts";
import { scriptedModel } from "./testing/scripted-model.ts";
import { negotiatorScript } from "./testing/scripted-negotiator.ts";

/**
 * In a turn window, two buyers can open on the same listing at once and the second is refused: the
 * model agent is then shown its want's other listings again, as when its talk expires.
 */
describe("LLM agent: a want's other listings after a refused opening", () => {
  it("opens on the next listing once its first choice went to someone else in the same window", async () => {
    const market = recordedMarket([
      person("s0", { items: [{ id: "bike0", title: "Road bike 0", asking: 3_000, reserve: 1_500 }] }),
      person("s1", { items: [{ id: "bike1", title: "Road bike 1", asking: 3_500, reserve: 1_700 }] }),
      person("ann", { wants: [{ id: "bike", description: "a road bike", max: 4_000, keywords: ["bike"] }] }),
      person("bo", { wants: [{ id: "bike", description: "a road bike", max: 4_000, keywords: ["bike"] }] }),
    ]);
    market.act({ type: "post-listing", actor: "s0", itemId: "bike0" }, 1_000);
    market.act({ type: "post-listing", actor: "s1", itemId: "bike1" }, 1_000);
    const updates: string[] = [];
    const negotiator = negotiatorScript();
    const model = scriptedModel((call) => {
      updates.push(call.lastUser);
      return negotiator(call);
    });
    const agent = createLlmAgent(
      "llm:openai:scripted",
      { participantId: "ann", seed: 1 },
      { model, env: {} },
    );
    const offers = (actions: AgentAction[]) =>
      actions.filter(
        (action): action is Extract<AgentAction, { type: "make-offer" }> => action.type === "make-offer",
      );

    const first = offers(await agent.decide(viewFor(market.state, "ann", { now: 2_000 })));
    expect(first.map((offer) => offer.listingId)).toEqual(["L1"]);
    // Bo's offer on the same listing, decided in the same window, is applied first and accepted.
    expect(
      market.act({ type: "make-offer", actor: "bo", listingId: "L1", wantId: "bike", price: 2_900 }, 2_000)
        .ok,
    ).toBe(true);
    const bosOffer = [...market.state.offers.values()][0]!;
    expect(
      market.act(
        { type: "accept-offer", actor: "s0", offerId: bosOffer.id, version: bosOffer.version },
        2_000,
      ).ok,
    ).toBe(true);
    const refused = market.act({ ...first[0]!, actor: "ann" }, 2_000);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    agent.onRefused?.({
      action: first[0]!,
      code: refused.rejection.code,
      message: refused.rejection.message,
    });

    const next = offers(await agent.decide(viewFor(market.state, "ann", { now: 3_000 })));
    expect(updates.at(-1)).toContain("Other listings for wants whose listing went to someone else:");
    expect(next.map((offer) => offer.listingId)).toEqual(["L2"]);
  });
});
