import { describe, expect, it } from "vitest";
import { createAgent } from "../../agents/registry.ts";
import type { MarketSession } from "../../app/serve/market-session.ts";
import { participantSchema } from "../../domain/mandate.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { person } from "../../engine/testing/fixtures.ts";
import { MemorySink } from "../../runner/event-sink.ts";
import type { MarketHost } from "../../runner/market-host.ts";
import { simulateMarket } from "../../runner/simulate-market.ts";
import { eventNotice } from "./event-notice.ts";
import { NoticeHub, type SharedNotice } from "./notice-hub.ts";

const START = Date.UTC(2026, 0, 5, 9);

async function marketEvents() {
  const participants = [
    person("sam", { items: [{ id: "bike", title: "Road bike", asking: 6000, reserve: 5000 }] }),
    person("tia", { items: [{ id: "tent", title: "Camping tent", asking: 3000, reserve: 2000 }] }),
    person("cal", { wants: [{ id: "w", description: "a tent", max: 4000, keywords: ["tent"] }] }),
    person("olga", { wants: [{ id: "w", description: "a bike", max: 7000, keywords: ["bike"] }] }),
  ].map((input) => participantSchema.parse(input));
  const sink = new MemorySink();
  const result = await simulateMarket({
    marketId: "hub",
    seed: 5,
    participants,
    assignment: Object.fromEntries(participants.map((p) => [p.id, "engine:strong"])),
    createAgent,
    sink,
    startAt: START,
    durationMs: 2 * 24 * 3600 * 1000,
  });
  return { events: sink.events, state: result.state };
}

/** A host whose log becomes durable when the test says: the hub and its streams only read it. */
function fakeHost(events: MarketEvent[], state: MarketHost["state"], durable: number) {
  let waiters: (() => void)[] = [];
  let closed = false;
  const host = {
    state,
    get durableSeq() {
      return durable;
    },
    async *events(options: { fromSeq?: number; signal?: AbortSignal } = {}) {
      let next = Math.max(1, options.fromSeq ?? 1);
      for (;;) {
        while (next <= durable) yield events[next++ - 1]!;
        if (closed || options.signal?.aborted) return;
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          options.signal?.addEventListener("abort", () => resolve(), { once: true });
        });
      }
    },
  };
  const wake = () => {
    const all = waiters;
    waiters = [];
    for (const w of all) w();
  };
  return {
    host: host as unknown as MarketHost,
    advance(to: number) {
      durable = Math.min(events.length, to);
      wake();
    },
    close() {
      closed = true;
      wake();
    },
  };
}

const session = {
  appendedAt: (seq: number) => 1_000_000 + seq,
  community: { accounts: async () => [{ id: "acct-sam", participant: { id: "sam" } }] },
} as unknown as MarketSession;

async function collect(stream: AsyncGenerator<SharedNotice[]>): Promise<SharedNotice[]> {
  const all: SharedNotice[] = [];
  for await (const batch of stream) all.push(...batch);
  return all;
}

describe("NoticeHub", () => {
  it("gives every stream each event's notice once, in order, from wherever it starts", async () => {
    const { events, state } = await marketEvents();
    expect(events.length).toBeGreaterThan(60);
    const log = fakeHost(events, state, 10);
    // Keeps only a few notices, so streams that start early or fall behind read the log themselves.
    const hub = new NoticeHub(log.host, session, 7);
    const abort = new AbortController();
    const streams = [1, 5, 11, 30].map((from) => ({
      from,
      notices: collect(hub.follow(from, abort.signal)),
    }));
    // The log grows in bursts of different sizes, with the event loop turning in between.
    for (let seq = 10, step = 1; seq < events.length; seq += step, step = (step * 7) % 23) {
      log.advance(seq + step);
      await new Promise((resolve) => setImmediate(resolve));
      if (step % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const late = collect(hub.follow(3, abort.signal));
    log.close();

    const expected = events.map((event) => eventNotice(state, event, 1_000_000 + event.seq));
    for (const stream of [...streams, { from: 3, notices: late }]) {
      const notices = await stream.notices;
      expect(notices.map((n) => n.seq)).toEqual(events.slice(stream.from - 1).map((e) => e.seq));
      expect(notices.map((n) => n.block)).toEqual(expected.slice(stream.from - 1).map((n) => n.block));
    }
  });

  it("names the account a joining person came from, and no account for a built-in person", async () => {
    const { events, state } = await marketEvents();
    const log = fakeHost(events, state, 0);
    const hub = new NoticeHub(log.host, session);
    const notices = collect(hub.follow(1, new AbortController().signal));
    log.advance(events.length);
    log.close();
    const joined = (await notices).filter((n) => n.joined);
    expect(joined.map((n) => [n.joined, n.joinedAccount])).toEqual([
      ["sam", "acct-sam"],
      ["tia", undefined],
      ["cal", undefined],
      ["olga", undefined],
    ]);
  });
});
