import { describe, expect, it } from "vitest";
import type { Agent } from "../agents/agent.ts";
import { participantSchema } from "../domain/mandate.ts";
import type { MarketEvent } from "../engine/event.ts";
import { person } from "../engine/testing/fixtures.ts";
import { MemorySink } from "./event-sink.ts";
import { simulateMarket } from "./simulate-market.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 0, 5, 9);
const REPLY = 10 * MINUTE;

/**
 * Sellers who list, buyers who advertise and offer, and then both sides only talk: every message
 * wakes the other side 10 minutes later (or sooner, when it browses first). Beside them, people who
 * only look around every one to two hours, so a 1h window holds turns all through its hour.
 */
const chatty: Agent = {
  spec: "test:chatty",
  decide(view) {
    if (view.threads.length > 0) {
      return view.threads
        .filter((thread) => thread.messages.at(-1)?.from !== view.me.id)
        .map((thread) => ({ type: "send-message" as const, where: thread.thread.id, text: "And so?" }));
    }
    const item = view.me.mandate.items[0];
    if (item && view.myListings.length === 0) return [{ type: "post-listing", itemId: item.id }];
    const want = view.me.mandate.wants[0];
    const match = view.matchingListings[0];
    if (want && match) {
      return [{ type: "make-offer", listingId: match.id, wantId: want.id, price: 100, text: "Hello." }];
    }
    // A want ad, so the matching listing wakes its buyer when it is posted.
    if (want && view.myWantAds.length === 0) return [{ type: "post-want-ad", wantId: want.id }];
    return [];
  },
};

/** Six things, each wanted by one buyer only, so a new listing wakes nobody who is already talking. */
const THINGS = ["lamp", "kettle", "radio", "clock", "stool", "mirror"];

function people() {
  return THINGS.flatMap((thing, i) => [
    person(`s${i}`, { items: [{ id: `i${i}`, title: thing, asking: 5000, reserve: 4000, category: thing }] }),
    person(`b${i}`, {
      wants: [{ id: "w", description: thing, max: 200, category: thing, keywords: [thing] }],
    }),
    // Someone who only looks around, every one to two hours: turns all through a window.
    person(`v${i}`),
  ]).map((input) => participantSchema.parse(input));
}

async function talk(turnWindowMs: number) {
  const participants = people();
  const sink = new MemorySink();
  await simulateMarket({
    marketId: "pace",
    seed: 3,
    participants,
    assignment: Object.fromEntries(participants.map((p) => [p.id, "test:chatty"])),
    createAgent: () => chatty,
    sink,
    startAt: START,
    durationMs: 12 * HOUR,
    turnWindowMs,
    replyMinutes: [10, 10],
    browseEveryHours: [1, 2],
  });
  // Each thread's messages, by the market time they were posted.
  const threads = new Map<string, number[]>();
  for (const event of sink.events as MarketEvent[]) {
    if (event.type !== "message-posted" || event.message.where === "channel") continue;
    threads.set(event.message.where, [...(threads.get(event.message.where) ?? []), event.at]);
  }
  return [...threads.values()];
}

describe("a turn window keeps the market's pace", () => {
  it("one turn at a time, each message comes within 10 minutes of the one it answers", async () => {
    const threads = await talk(0);
    expect(threads).toHaveLength(THINGS.length);
    for (const times of threads) {
      expect(times.length).toBeGreaterThan(40);
      for (let k = 1; k < times.length; k++) expect(times[k]! - times[k - 1]!).toBeLessThanOrEqual(REPLY);
    }
  });

  // A window's turns act at its start, and what they set off counts from each one's own wake-up.
  // Acting at each wake-up's own time put the clock at the window's last turn, so a reply due earlier
  // in it acted only from there: here, messages up to 48 minutes apart instead of 10, and 10% fewer
  // of them in the market's twelve hours (2026-12-06).
  it("with a 1h window, talks go on at the pace they have one turn at a time", async () => {
    const steady = await talk(0);
    const windowed = await talk(HOUR);
    expect(windowed).toHaveLength(THINGS.length);
    for (const times of windowed) {
      expect(times.length).toBeGreaterThan(40);
      // The k-th message is due at most 10k minutes after the opening, which may have acted up to a
      // window before its own wake-up.
      for (let k = 1; k < times.length; k++) {
        expect(times[k]! - times[0]!).toBeLessThanOrEqual(k * REPLY + HOUR);
      }
    }
    const count = (threads: number[][]) => threads.reduce((sum, times) => sum + times.length, 0);
    expect(count(windowed)).toBeGreaterThanOrEqual(0.95 * count(steady));
  });
});
