import { describe, expect, it } from "vitest";
import type { Agent } from "../agents/agent.ts";
import { createAgent } from "../agents/registry.ts";
import { participantSchema } from "../domain/mandate.ts";
import type { MarketEvent } from "../engine/event.ts";
import { replay } from "../engine/replay.ts";
import { person } from "../engine/testing/fixtures.ts";
import { MemorySink } from "./event-sink.ts";
import { simulateMarket } from "./simulate-market.ts";

const DAY = 24 * 3600 * 1000;
const START = Date.UTC(2026, 0, 5, 9);

/** Ways an agent can fail its turn, as an attacker or a buggy module would. */
const HOSTILE: Record<string, () => Agent> = {
  throws: () => ({
    spec: "test:throws",
    decide() {
      throw new Error("boom");
    },
  }),
  "throws a non-error": () => ({
    spec: "test:throws",
    decide() {
      throw Object.create(null);
    },
  }),
  rejects: () => ({ spec: "test:rejects", decide: async () => Promise.reject(new Error("async boom")) }),
  "returns a string": () => ({ spec: "test:string", decide: () => "post everything" as never }),
  "returns null": () => ({ spec: "test:null", decide: () => null as never }),
  "returns numbers": () => ({ spec: "test:numbers", decide: () => [1, 2, 3] as never }),
  "returns a throwing getter": () => ({
    spec: "test:getter",
    decide: () =>
      [
        Object.defineProperty({}, "type", {
          enumerable: true,
          get() {
            throw new Error("gotcha");
          },
        }),
      ] as never,
  }),
  "returns a proxy": () => ({
    spec: "test:proxy",
    decide: () =>
      [
        new Proxy(
          {},
          {
            get() {
              throw new Error("trap");
            },
            ownKeys() {
              throw new Error("trap");
            },
          },
        ),
      ] as never,
  }),
  "returns a function": () => ({
    spec: "test:function",
    decide: () => [() => ({ type: "close-market" })] as never,
  }),
  "mutates the frozen view": () => ({
    spec: "test:mutates",
    decide(view) {
      (view.me.mandate as { budget: number }).budget = 1_000_000_000;
      return [];
    },
  }),
  "never answers": () => ({ spec: "test:hangs", decide: () => new Promise<never>(() => {}) }),
  "throws in onRefused": () => ({
    spec: "test:refusals",
    decide: () => [{ type: "confirm-deal", dealId: "D999" }],
    onRefused() {
      throw new Error("cannot take no");
    },
  }),
  floods: () => ({
    spec: "test:floods",
    decide: () =>
      Array.from({ length: 500 }, () => ({ type: "send-message", where: "channel", text: "spam" })),
  }),
};

function people() {
  return [
    person("sam", { items: [{ id: "bike", title: "Road bike", asking: 6000, reserve: 5000 }] }),
    person("bea", { wants: [{ id: "w", description: "a bike", max: 7000, keywords: ["bike"] }] }),
    person("eve", { items: [{ id: "tent", title: "Camping tent", asking: 3000, reserve: 2000 }] }),
  ].map((input) => participantSchema.parse(input));
}

async function marketWith(hostile: () => Agent) {
  const participants = people();
  const sink = new MemorySink();
  const result = await simulateMarket({
    marketId: "faults",
    seed: 2,
    participants,
    assignment: { sam: "engine:strong", bea: "engine:strong", eve: "test:hostile" },
    createAgent: (spec, context) => (spec === "test:hostile" ? hostile() : createAgent(spec, context)),
    sink,
    startAt: START,
    durationMs: 3 * DAY,
    turnTimeoutMs: 50,
  });
  const faults = sink.events.filter(
    (event): event is Extract<MarketEvent, { type: "agent-faulted" }> => event.type === "agent-faulted",
  );
  return { result, sink, faults };
}

describe("a market with a failing agent", () => {
  for (const [name, hostile] of Object.entries(HOSTILE)) {
    it(`goes on to its close when an agent ${name}, and the log says what happened`, async () => {
      const { result, sink, faults } = await marketWith(hostile);
      expect(result.ended).toBe("closed");
      expect(result.state.status).toBe("closed");
      // The others still trade.
      expect([...result.state.deals.values()].map((deal) => [deal.seller, deal.buyer])).toContainEqual([
        "sam",
        "bea",
      ]);
      expect(faults.length).toBeGreaterThan(0);
      expect(faults.every((event) => event.participant === "eve")).toBe(true);
      // The log replays to the same market.
      expect(replay(sink.events, undefined).status).toBe("closed");
      // Nobody's money moved for eve's failures.
      expect(result.state.participants.get("eve")!.earned).toBe(0);
    });
  }

  it("suspends an agent after three faults in a row: it gets no more turns", async () => {
    let turns = 0;
    const { result, faults } = await marketWith(() => ({
      spec: "test:throws",
      decide() {
        turns++;
        throw new Error("boom");
      },
    }));
    expect(turns).toBe(3);
    expect(faults.map((event) => event.suspended)).toEqual([false, false, true]);
    expect(faults.map((event) => event.fault)).toEqual(["threw", "threw", "threw"]);
    expect(faults[2]!.reason).toMatch(/Error: boom; suspended after repeated faults/);
    expect(result.state.participants.get("eve")!.suspended).toBe(true);
  });

  it("refuses a turn's actions past the cap with an event each instead of dropping them, without suspending", async () => {
    const { faults, sink } = await marketWith(HOSTILE.floods!);
    expect(faults.every((event) => event.fault === "over-cap" && !event.suspended)).toBe(true);
    expect(faults[0]!.reason).toBe(
      "proposed 500 actions in one turn; the 460 after the first 40 were refused (cap/actions), the last 260 without an event each",
    );
    const spam = sink.events.filter((event) => event.type === "message-posted" && event.actor === "eve");
    expect(spam.length).toBe(40 * faults.length);
    const refused = sink.events.filter(
      (event) => event.type === "action-refused" && event.actor === "eve" && event.code === "cap/actions",
    );
    expect(refused.length).toBe(200 * faults.length);
    expect(refused[0]).toMatchObject({ action: { type: "send-message", summary: { text: "spam" } } });
  });

  it("refuses every action past the cap with its own event when there are not too many", async () => {
    const { faults, sink } = await marketWith(() => ({
      spec: "test:floods",
      decide: () =>
        Array.from({ length: 45 }, (_, i) => ({ type: "send-message", where: "channel", text: `spam ${i}` })),
    }));
    expect(faults[0]!.reason).toBe(
      "proposed 45 actions in one turn; the 5 after the first 40 were refused (cap/actions)",
    );
    const refused = sink.events.filter(
      (event): event is Extract<MarketEvent, { type: "action-refused" }> =>
        event.type === "action-refused" && event.actor === "eve",
    );
    expect(refused.slice(0, 5).map((event) => event.action.summary.text)).toEqual([
      "spam 40",
      "spam 41",
      "spam 42",
      "spam 43",
      "spam 44",
    ]);
  });

  it("keeps the agent's own words out of the fault: only a bounded description", async () => {
    const { faults } = await marketWith(() => ({
      spec: "test:long",
      decide() {
        throw new Error("x".repeat(10_000));
      },
    }));
    expect(faults[0]!.reason.length).toBeLessThan(400);
  });

  it("is deterministic: the same seed gives the same log with a failing agent too", async () => {
    const a = await marketWith(HOSTILE.throws!);
    const b = await marketWith(HOSTILE.throws!);
    expect(JSON.stringify(a.sink.events)).toBe(JSON.stringify(b.sink.events));
  });
});
