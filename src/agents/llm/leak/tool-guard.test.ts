import { describe, expect, it } from "vitest";
import { createEngineAgent } from "../../builtin/engine-agent.ts";
import { runNegotiation } from "../../builtin/run-negotiation.ts";
import { sellTarget } from "../targets.ts";
import { ctx, llm, setup, writtenTexts } from "../testing/agent-fixtures.ts";
import { negotiatorReply } from "../testing/scripted-negotiator.ts";

/** The seller's reserve is $65 and its asking price $90 (agent-fixtures); its target comes from seed 1. */
describe("the guard on the model's tool calls", () => {
  it("refuses an asking price at the reserve and a price whose cents spell it, and guards the target", async () => {
    const target = sellTarget(setup.item, ctx("seller").seed);
    const dollars = target / 100;
    const seller = llm((call) => {
      if (call.n === 0) {
        return {
          toolCalls: [
            { name: "post_listing", input: { itemId: "bike", askingPrice: "$65.00", text: "Nice bike." } },
            { name: "post_listing", input: { itemId: "bike", text: "Nice bike." } },
          ],
        };
      }
      if (call.n === 1) {
        return {
          toolCalls: [
            { name: "make_offer", input: { threadId: "T1", price: "$88.65", text: "Almost asking." } },
            { name: "send_message", input: { where: "T1", text: `I'm aiming for $${dollars}.` } },
            {
              name: "send_message",
              input: { where: "T1", text: `Think ${String(dollars).split("").join(" ")}.` },
            },
            { name: "send_message", input: { where: "T1", text: "Remember 6" } },
          ],
        };
      }
      if (call.n === 2)
        return { toolCalls: [{ name: "send_message", input: { where: "T1", text: "and then 5." } }] };
      return negotiatorReply(call);
    }, "seller");
    const result = await runNegotiation({
      setup,
      seller: seller.agent,
      buyer: createEngineAgent("conceder", ctx("buyer")),
    });
    const listing = result.events.find((e) => e.type === "listing-posted");
    expect(listing?.type === "listing-posted" && listing.listing.askingPrice).toBe(setup.item.askingPrice);
    const offers = result.events.flatMap((e) =>
      e.type === "offer-made" && e.actor === "seller" ? [e.offer.price] : [],
    );
    expect(offers).not.toContain(8_865);
    const texts = writtenTexts(result.events).join("\n");
    expect(texts).not.toContain(`aiming for $${dollars}`);
    expect(texts).not.toContain(`Think ${String(dollars).split("").join(" ")}`);
    expect(texts).toContain("Remember 6");
    expect(texts).not.toContain("and then 5");
    const prompts = seller.model.doGenerateCalls.map((call) => JSON.stringify(call.prompt)).join("\n");
    expect(prompts).toContain("not sent: an asking price of that amount would show your limit");
    expect(prompts).toContain(
      "not sent: the cents of that price could spell out a private limit; offer whole dollars",
    );
    // The asking price, the cents, the target twice and the second half of the split number.
    expect(seller.agent.usage().guard.blocked).toBe(5);
  });
});
