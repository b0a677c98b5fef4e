import { describe, expect, it } from "vitest";
import { person, recordedMarket } from "../../engine/testing/fixtures.ts";
import { renderEvent } from "./render.ts";

describe("renderEvent", () => {
  it("posts nothing for a registration (it carries the mandate), usage or a refusal", () => {
    const market = recordedMarket([
      person("sam", { items: [{ id: "x", title: "X", asking: 900, reserve: 777 }] }),
    ]);
    for (const event of market.log) {
      const posts = renderEvent(event, market.state, { negotiations: true });
      if (event.type === "market-opened") expect(posts).toHaveLength(1);
      else expect(posts).toEqual([]);
    }
  });

  it("keeps negotiations out of Slack when asked, but still sends the deal's DMs", () => {
    const market = recordedMarket([
      person("sam", { items: [{ id: "bike", title: "Bike", asking: 8000, reserve: 4000 }] }),
      person("bea", { wants: [{ id: "w", description: "a bike", max: 9000, keywords: ["bike"] }] }),
    ]);
    const steps: Record<string, unknown>[] = [
      { type: "post-listing", actor: "sam", itemId: "bike" },
      { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w", price: 6000, text: "" },
      { type: "accept-offer", actor: "sam", offerId: "O1", version: 1 },
      { type: "confirm-deal", actor: "bea", dealId: "D1" },
    ];
    for (const [i, action] of steps.entries()) expect(market.act(action, i + 1).ok).toBe(true);
    const render = (negotiations: boolean) =>
      market.log.flatMap((event) => renderEvent(event, market.state, { negotiations }));
    expect(render(false).map((post) => [post.key, post.target.kind])).toEqual([
      ["e4", "channel"],
      ["e5", "channel"],
      ["dm:D1:sam", "dm"],
      ["dm:D1:bea", "dm"],
    ]);
    const threads = render(true).filter((post) => post.target.kind === "thread");
    expect(threads.map((post) => post.text)).toEqual([
      "T1 · negotiation opened: *Bea* (buying) with *Sam* (selling)",
      "T1 · *Bea* offers $60.00",
      "T1 · *Sam* accepts $60.00; waiting for the other side to confirm",
      "T1 · Deal D1: *Sam* sells to *Bea* for $60.00",
    ]);
    // No empty text element: Slack refuses those.
    expect(JSON.stringify(render(true))).not.toContain('"text":""');
  });
});
