import { describe, expect, it } from "vitest";
import { createAgent } from "../agents/registry.ts";
import { participantSchema } from "../domain/mandate.ts";
import { emptyState } from "../engine/create-market.ts";
import { replay } from "../engine/replay.ts";
import { person } from "../engine/testing/fixtures.ts";
import { type MarketClock, virtualClock } from "./clock.ts";
import { MemorySink } from "./event-sink.ts";
import { generatePopulation, PROJECT_DEAL_POPULATION } from "./population.ts";
import { simulateMarket } from "./simulate-market.ts";
import { scriptedAgent } from "./testing-agents.ts";

const DAY = 24 * 3600 * 1000;

function people() {
  return [
    person("sam", { items: [{ id: "bike", title: "Road bike", asking: 6000, reserve: 5000 }] }),
    person("tia", { items: [{ id: "tent", title: "Camping tent", asking: 3000, reserve: 2000 }] }),
    person("bea", {
      wants: [{ id: "w", description: "a bike", max: 7000, keywords: ["bike"] }],
      budget: 10_000,
    }),
    person("cal", {
      wants: [{ id: "w", description: "a tent", max: 4000, keywords: ["tent"] }],
      budget: 10_000,
    }),
  ].map((input) => participantSchema.parse(input));
}

async function run(seed: number, clock?: MarketClock) {
  const participants = people();
  const sink = new MemorySink();
  const result = await simulateMarket({
    marketId: "sim",
    seed,
    participants,
    assignment: Object.fromEntries(participants.map((p) => [p.id, "test:scripted"])),
    createAgent: () => scriptedAgent(),
    sink,
    startAt: Date.UTC(2026, 0, 5, 9),
    durationMs: 7 * DAY,
    ...(clock ? { clock } : {}),
  });
  return { result, sink };
}

describe("simulateMarket", () => {
  it("runs a week in which matching buyers and sellers close deals, then closes the market", async () => {
    const { result, sink } = await run(1);
    const deals = [...result.state.deals.values()];
    expect(deals.map((deal) => [deal.seller, deal.buyer, deal.status])).toEqual([
      ["sam", "bea", "confirmed"],
      ["tia", "cal", "confirmed"],
    ]);
    expect(result.state.status).toBe("closed");
    expect(replay(sink.events, emptyState({ transcripts: "live" }))).toEqual(result.state);
  });

  it("gives the same log for the same seed and a different one for another seed", async () => {
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(JSON.stringify(a.sink.events)).toBe(JSON.stringify(b.sink.events));
    expect(JSON.stringify(a.sink.events)).not.toBe(JSON.stringify(c.sink.events));
  });

  it("waits on the clock for every moment it acts, in time order, up to the close", async () => {
    const asked: number[] = [];
    const virtual = virtualClock(Date.UTC(2026, 0, 5, 9));
    const paced = await run(7, {
      kind: "virtual",
      now: virtual.now,
      until: async (at) => {
        asked.push(at);
        await virtual.until(at);
      },
    });
    const start = Date.UTC(2026, 0, 5, 9);
    expect(asked[0]).toBeGreaterThan(start);
    expect(asked.at(-1)).toBe(start + 7 * DAY);
    expect(asked).toEqual([...asked].sort((a, b) => a - b));
    // Every event happens at a moment the clock was asked about (or the opening's, before it).
    const moments = new Set(asked);
    for (const event of paced.sink.events) if (event.at > start) expect(moments.has(event.at)).toBe(true);
    // The clock changes when the market acts, never what it does.
    expect(JSON.stringify(paced.sink.events)).toBe(JSON.stringify((await run(7)).sink.events));
  });

  it("lets the event loop turn whenever the wall clock says a few ms have passed, not only at each 1%", async () => {
    // The store's worker writes one batch per reply, and replies are only read when the loop turns.
    const participants = generatePopulation({ ...PROJECT_DEAL_POPULATION, participants: 20, seed: 3 });
    let fakeMs = 0;
    let turns = 0;
    let running = true;
    const count = () => {
      turns++;
      if (running) setImmediate(count);
    };
    setImmediate(count);
    const result = await simulateMarket({
      marketId: "turns",
      seed: 3,
      participants,
      assignment: Object.fromEntries(participants.map((p) => [p.id, "engine:weak"])),
      createAgent: (spec, context) => createAgent(spec, context),
      sink: new MemorySink(),
      startAt: Date.UTC(2026, 0, 5, 9),
      durationMs: 7 * DAY,
      // Every wake-up "takes" 10 ms, so every one is followed by a turn of the loop.
      wallClock: () => (fakeMs += 10),
    });
    running = false;
    expect(result.wakeUps).toBeGreaterThan(300);
    // Yielding only when the percentage changes would give at most ~101 turns.
    expect(turns).toBeGreaterThanOrEqual(result.wakeUps * 0.9);
  });

  it("keeps only live threads' and deals' transcripts, and trades exactly as a market that keeps all", async () => {
    const participants = generatePopulation({ ...PROJECT_DEAL_POPULATION, participants: 24, seed: 5 });
    const market = async (transcripts: "all" | "live") => {
      const sink = new MemorySink();
      const result = await simulateMarket({
        marketId: "transcripts",
        seed: 5,
        participants,
        assignment: Object.fromEntries(
          participants.map((p, i) => [p.id, i % 2 ? "engine:strong" : "engine:weak"]),
        ),
        createAgent: (spec, context) => createAgent(spec, context),
        sink,
        startAt: Date.UTC(2026, 0, 5, 9),
        durationMs: 7 * DAY,
        transcripts,
      });
      return { state: result.state, events: sink.events };
    };
    const all = await market("all");
    const live = await market("live");
    expect(live.events).toEqual(all.events);

    const ended = [...live.state.threads.values()].filter((thread) => thread.dealId === undefined);
    expect(ended.length).toBeGreaterThan(20);
    for (const thread of ended) {
      expect(thread.messageIds).toEqual([]);
      expect(thread.offerIds).toEqual([]);
      expect(thread.offerCount).toEqual(all.state.threads.get(thread.id)!.offerCount);
    }
    const kept = (state: typeof all.state) =>
      [...state.threads.values()].filter((t) => t.dealId !== undefined).flatMap((t) => t.messageIds);
    expect(kept(live.state)).toEqual(kept(all.state));
    expect(live.state.messages.size).toBeLessThan(all.state.messages.size / 2);
    for (const id of kept(live.state))
      expect(live.state.messages.get(id)).toEqual(all.state.messages.get(id));
  });
});
