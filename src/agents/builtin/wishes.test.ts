import { describe, expect, it } from "vitest";
import { type Participant, type ParticipantInput, participantSchema } from "../../domain/mandate.ts";
import { marketPromiseIn } from "../../domain/market-promises.ts";
import { person } from "../../engine/testing/fixtures.ts";
import { MemorySink } from "../../runner/event-sink.ts";
import { simulateMarket } from "../../runner/simulate-market.ts";
import { createAgent } from "../registry.ts";
import { DELIVERY } from "./language/banks.ts";
import { createPhraser } from "./language/index.ts";
import type { Move } from "./language/move.ts";
import { withWishes } from "./language/wishes.ts";
import { asksAboutItem } from "./view-facts.ts";

const DAY = 24 * 3600 * 1000;

/** Sam sells a bike (and wishes things); Dave, Bea and Cal want one. */
function market(wishes: ParticipantInput["mandate"]["wishes"], options: { buyers?: string[] } = {}) {
  const sam = person("sam", { items: [{ id: "bike", title: "Road bike", asking: 12_000, reserve: 9000 }] });
  sam.mandate.wishes = wishes;
  const buyers = (options.buyers ?? ["dave", "bea"]).map((id) => {
    const buyer = person(id, {
      wants: [{ id: "w", description: "a bike", max: 13_000, keywords: ["bike"] }],
      budget: 20_000,
    });
    if (id === "dave") buyer.name = "Dave Jones";
    return buyer;
  });
  return [sam, ...buyers].map((input) => participantSchema.parse(input));
}

async function run(participants: Participant[], spec = "engine:strong", seed = 3) {
  const sink = new MemorySink();
  const result = await simulateMarket({
    marketId: "wishes",
    seed,
    participants,
    assignment: Object.fromEntries(participants.map((p) => [p.id, spec])),
    createAgent: (agentSpec, context) => createAgent(agentSpec, context),
    sink,
    startAt: Date.UTC(2026, 0, 5, 9),
    durationMs: 3 * DAY,
  });
  const messages = sink.events.flatMap((event) =>
    event.type === "message-posted" ? [{ from: event.message.from, text: event.message.text }] : [],
  );
  return { result, sink, messages, fromSam: messages.filter((m) => m.from === "sam").map((m) => m.text) };
}

describe("owners' wishes in the built-in agents' market", () => {
  it("never trades with a person the owner avoids, by name: the bike goes to someone else", async () => {
    for (const spec of ["engine:strong", "engine:weak"]) {
      // Dave alone wants the bike: no deal at all, rather than a deal with Dave.
      const alone = await run(market({ avoid: [{ name: "Dave" }] }, { buyers: ["dave"] }), spec);
      expect([...alone.result.state.deals.values()]).toEqual([]);
      expect([...alone.result.state.threads.values()]).toEqual([]);
      // Dave's agent was refused and stopped trying: a refusal or two, not one per turn.
      const refused = alone.sink.events.filter(
        (event) => event.type === "action-refused" && event.code === "trade/not-allowed",
      );
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.length).toBeLessThanOrEqual(2);
      // Without the wish, Dave buys it: the wish is what stops the deal.
      const without = await run(market(undefined, { buyers: ["dave"] }), spec);
      expect([...without.result.state.deals.values()].map((deal) => deal.buyer)).toEqual(["dave"]);
      const both = await run(market({ avoid: [{ name: "dave" }] }), spec);
      const deals = [...both.result.state.deals.values()];
      expect(deals.map((deal) => deal.buyer)).toEqual(["bea"]);
    }
  });

  it("mentions the item's facts in its first message about it", async () => {
    const { fromSam, messages } = await run(
      market({ facts: { bike: ["It was serviced last spring"] } }, { buyers: ["bea"] }),
    );
    expect(messages.length).toBeGreaterThan(0);
    expect(fromSam[0]).toContain("It was serviced last spring.");
  });

  it("says the facts again when the other side asks, not on every message", () => {
    const inner = createPhraser({ persona: "friendly", instructions: "", seed: 1 });
    const phraser = withWishes(inner, {
      items: [
        participantSchema.parse(
          person("sam", { items: [{ id: "bike", title: "Road bike", asking: 12_000, reserve: 9000 }] }),
        ).mandate.items[0]!,
      ],
      wishes: { avoid: [], facts: { bike: ["It was serviced last spring"] }, tone: {}, notes: "" },
    });
    const move = (kind: Move["kind"], theyAsked: boolean): Move => ({
      kind,
      role: "seller",
      price: 11_000,
      item: { title: "Road bike", condition: "good", category: "sports", flaws: [], askingPrice: 12_000 },
      counterpartName: "Bea",
      myName: "Sam",
      round: 1,
      leverage: [],
      currency: "USD",
      ...(theyAsked ? { theyAsked } : {}),
    });
    expect(phraser.say(move("anchor", false))).toContain("It was serviced last spring.");
    expect(phraser.say(move("counter", false))).not.toContain("serviced");
    expect(phraser.say(move("counter", true))).toContain("It was serviced last spring.");
  });

  it("tells a question about the item from a rhetorical one", () => {
    expect(asksAboutItem("Could you tell me a bit more about its condition?")).toBe(true);
    expect(asksAboutItem("$60? Is there anything wrong with it?")).toBe(true);
    expect(asksAboutItem("How does $61 sound? What do you say?")).toBe(false);
    expect(asksAboutItem("It is in good condition.")).toBe(false);
  });

  it("writes in French when asked: opening, counter, accept, confirm", async () => {
    const { fromSam, result } = await run(market({ tone: { language: "fr" } }, { buyers: ["bea"] }));
    expect([...result.state.deals.values()].length).toBe(1);
    expect(fromSam.length).toBeGreaterThan(1);
    for (const text of fromSam) expect(text).toMatch(/[àéèêç]|\b(?:Bonjour|Je|Mon|prix|D'accord|Merci)\b/);
    for (const text of fromSam) expect(text).not.toMatch(/\b(?:the|and|price|deal)\b/i);
  });

  it("asks questions in a questions style", async () => {
    const buyer = person("bea", {
      wants: [{ id: "w", description: "a bike", max: 13_000, keywords: ["bike"] }],
      budget: 20_000,
    });
    buyer.mandate.wishes = { tone: { style: "questions" } };
    const participants = [
      participantSchema.parse(
        person("sam", { items: [{ id: "bike", title: "Road bike", asking: 12_000, reserve: 9000 }] }),
      ),
      participantSchema.parse(buyer),
    ];
    const { messages } = await run(participants);
    const fromBea = messages.filter((m) => m.from === "bea").map((m) => m.text);
    expect(fromBea.length).toBeGreaterThan(1);
    for (const text of fromBea) expect(text).toMatch(/\?/);
  });

  it("keeps every message brief in a brief style", async () => {
    const { fromSam } = await run(market({ tone: { style: "brief" } }, { buyers: ["bea"] }));
    const chatty = await run(market(undefined, { buyers: ["bea"] }));
    expect(fromSam.length).toBeGreaterThan(1);
    for (const text of fromSam) expect(text.length, text).toBeLessThanOrEqual(60);
    expect(Math.max(...chatty.fromSam.map((text) => text.length))).toBeGreaterThan(60);
  });

  it("states the pick-up terms when the deal is agreed", async () => {
    const { fromSam, result } = await run(
      market({ meeting: "evenings near the station" }, { buyers: ["bea"] }),
    );
    expect([...result.state.deals.values()].length).toBe(1);
    expect(fromSam.some((text) => text.includes("For the hand-over: evenings near the station."))).toBe(true);
  });

  it("keeps every message unchanged when no wishes are set", () => {
    const inner = createPhraser({ persona: "friendly", instructions: "", seed: 1 });
    expect(withWishes(inner, { items: [], wishes: undefined })).toBe(inner);
    expect(
      withWishes(inner, { items: [], wishes: { avoid: [{ name: "x" }], facts: {}, tone: {}, notes: "" } }),
    ).toBe(inner);
  });
});

describe("the built-in agents promise nothing the market does not do", () => {
  const move = (kind: Move["kind"], round: number): Move => ({
    kind,
    role: "seller",
    price: 10_000,
    item: { title: "Road bike", condition: "good", category: "sports", flaws: [], askingPrice: 12_000 },
    counterpartName: "Bea",
    myName: "Sam",
    round,
    leverage: [],
    currency: "USD",
  });

  it("never offers delivery or shipping, nor asks for an address, even for a persona that delivers", () => {
    for (const line of [...DELIVERY.seller.talk, ...DELIVERY.seller.deal])
      expect(marketPromiseIn(line)).toBeUndefined();
    for (let seed = 0; seed < 40; seed++) {
      const phraser = createPhraser({
        persona: "An enthusiastic seller who offers free delivery if the talk goes well.",
        instructions: "Offer free delivery once things are going well.",
        seed,
      });
      for (const [round, kind] of (
        ["greet", "counter", "counter", "concede", "accept", "confirm", "thanks"] as const
      ).entries()) {
        const text = phraser.say(move(kind, round));
        expect(marketPromiseIn(text), text).toBeUndefined();
      }
    }
  });

  it("the checker finds the promises the old words made", () => {
    expect(marketPromiseIn("I'll deliver it to you for free. Just send me your address.")).toBe("delivery");
    expect(marketPromiseIn("I can throw in free delivery, too.")).toBe("delivery");
    expect(marketPromiseIn("Happy to ship it to you.")).toBe("shipping");
    expect(marketPromiseIn("What's your address?")).toBe("an address");
    expect(marketPromiseIn("Let's meet at the station.")).toBeUndefined();
  });
});
