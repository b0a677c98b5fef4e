import { describe, expect, it } from "vitest";
import type { Agent } from "../agents/agent.ts";
import { createAgent } from "../agents/registry.ts";
import { type Participant, participantSchema } from "../domain/mandate.ts";
import { audienceOf, canSee } from "../engine/audience.ts";
import { emptyState, genesisEvent } from "../engine/create-market.ts";
import type { MarketEvent } from "../engine/event.ts";
import { replay } from "../engine/replay.ts";
import { person } from "../engine/testing/fixtures.ts";
import { virtualClock, wallClock } from "./clock.ts";
import { BatchingSink, MemorySink } from "./event-sink.ts";
import { MarketHost } from "./market-host.ts";
import { simulateMarket } from "./simulate-market.ts";

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 5, 9);

/** Someone who acts only from outside: their in-process agent does nothing. */
const outsider = (): Agent => ({ spec: "test:outside", decide: () => [] });

function people(): Participant[] {
  return [
    person("sam", { items: [{ id: "bike", title: "Road bike", asking: 6000, reserve: 5000 }] }),
    person("tia", { items: [{ id: "tent", title: "Camping tent", asking: 3000, reserve: 2000 }] }),
    person("cal", { wants: [{ id: "w", description: "a tent", max: 4000, keywords: ["tent"] }] }),
    person("olga", { wants: [{ id: "w", description: "a bike", max: 7000, keywords: ["bike"] }] }),
  ].map((input) => participantSchema.parse(input));
}

/**
 * Starts a market in step with real time (a market hour every `msPerHour` real ms) with built-in
 * agents, where olga acts only from outside; resolves with its host once it runs.
 */
function startLiveMarket(
  options: {
    msPerHour?: number;
    days?: number;
    sink?: BatchingSink | MemorySink;
    only?: string[];
    browseEveryHours?: [number, number];
  } = {},
) {
  const participants = people().filter((p) => !options.only || options.only.includes(p.id));
  const sink = options.sink ?? new MemorySink();
  let ready: (host: MarketHost) => void;
  const hostReady = new Promise<MarketHost>((resolve) => {
    ready = resolve;
  });
  const done = simulateMarket({
    marketId: "live",
    seed: 3,
    participants,
    assignment: Object.fromEntries(
      participants.map((p) => [p.id, p.id === "olga" ? "test:outside" : "engine:strong"]),
    ),
    createAgent: (spec, context) => (spec === "test:outside" ? outsider() : createAgent(spec, context)),
    sink,
    startAt: START,
    durationMs: (options.days ?? 1) * DAY,
    clock: wallClock(HOUR / (options.msPerHour ?? 40), { market: START }),
    onHost: (host) => ready(host),
    ...(options.browseEveryHours ? { browseEveryHours: options.browseEveryHours } : {}),
  });
  return { hostReady, done, sink };
}

/** The first event the feed yields that `match` accepts. */
async function firstOf(feed: AsyncIterable<MarketEvent>, match: (event: MarketEvent) => boolean) {
  for await (const event of feed) if (match(event)) return event;
  throw new Error("the feed ended first");
}

describe("MarketHost", () => {
  it("takes outside input during a wall-clock market, durable when acknowledged, and wakes whom it concerns", async () => {
    const appended: MarketEvent[] = [];
    const sink = new BatchingSink(
      async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        appended.push(...batch);
      },
      { read: async (from, to) => appended.filter((event) => event.seq >= from && event.seq <= to) },
    );
    // Sam alone has an agent, and looks at the market only every 20-30 hours unless woken.
    const { hostReady, done } = startLiveMarket({
      sink,
      days: 2,
      msPerHour: 400,
      only: ["sam"],
      browseEveryHours: [20, 30],
    });
    const host = await hostReady;
    const listed = (await firstOf(
      host.events(),
      (event) => event.type === "listing-posted" && event.actor === "sam",
    )) as Extract<MarketEvent, { type: "listing-posted" }>;
    // Olga comes in from outside: registered by the market, with no agent in this process.
    const olga = people().find((p) => p.id === "olga")!;
    expect((await host.submit("market", { type: "register-participant", participant: olga })).ok).toBe(true);
    expect((await host.submit("olga", { type: "post-want-ad", wantId: "w" })).ok).toBe(true);

    const offer = await host.submit("olga", {
      type: "make-offer",
      listingId: listed.listing.id,
      wantId: "w",
      price: 5200,
      text: "Would you take $52 for the bike?",
    });
    expect(offer.ok).toBe(true);
    // Acknowledged means stored: every event of the action is in the log when submit resolves.
    const seqs = appended.map((event) => event.seq);
    for (const event of offer.events) expect(seqs).toContain(event.seq);

    const offerAt = offer.events[0]!.at;

    const answer = await firstOf(
      host.events({ fromSeq: offer.events.at(-1)!.seq + 1, viewer: "olga" }),
      (event) => event.actor === "sam" && (event.type === "offer-made" || event.type === "deal-accepted"),
    );
    // Sam answers within a reply's delay (2-90 minutes, and a timer's lateness), not at his next
    // browse 6-14 hours later: the offer woke him before the wake-up the market was waiting for.
    expect(answer.at - offerAt).toBeLessThanOrEqual(100 * 60_000);

    // A refusal comes back typed, and is in the log too.
    const refused = await host.submit("olga", { type: "confirm-deal", dealId: "D999" });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.code).toMatch(/^[a-z]+\/[a-z-]+$/);
    expect(appended.at(-1)!.type).toBe("action-refused");
    await host.close();
    expect((await done).ended).toBe("aborted");
  });

  it("lets a person join a running market; their agent lists what they sell", async () => {
    const { hostReady, done } = startLiveMarket();
    const host = await hostReady;
    await firstOf(host.events(), (event) => event.type === "market-opened");
    const lee = participantSchema.parse(
      person("lee", { items: [{ id: "lamp", title: "Desk lamp", asking: 2500, reserve: 1500 }] }),
    );
    const joined = await host.join(lee, "engine:weak");
    expect(joined.ok).toBe(true);
    expect(host.view("lee").me.mandate.items[0]!.id).toBe("lamp");
    const listed = await firstOf(
      host.events({ fromSeq: joined.events[0]!.seq }),
      (event) => event.type === "listing-posted" && event.actor === "lee",
    );
    expect(listed.at).toBeGreaterThanOrEqual(joined.events[0]!.at);
    await expect(host.join(lee, "engine:weak")).rejects.toThrow(/already in this market/);
    expect(() => host.view("nobody")).toThrow(/no participant "nobody"/);
    await host.close();
    await done;
  });

  it("feeds readers from seq 1 and from the live end, each event once, in order, and only what they may see", async () => {
    const sink = new MemorySink();
    const { hostReady, done } = startLiveMarket({ sink, msPerHour: 5 });
    const host = await hostReady;
    const collect = async (feed: AsyncIterable<MarketEvent>) => {
      const seen: MarketEvent[] = [];
      for await (const event of feed) seen.push(event);
      return seen;
    };
    const fromStart = collect(host.events({ fromSeq: 0 }));
    const asOlga = collect(host.events({ viewer: "olga" }));
    await firstOf(host.events(), (event) => event.type === "listing-posted");
    const liveEnd = host.durableSeq + 1;
    const fromLiveEnd = collect(host.events({ fromSeq: liveEnd }));
    const result = await done;
    expect(result.ended).toBe("closed");
    await host.close();

    const all = sink.events;
    expect(all.some((event) => event.type === "market-closed")).toBe(true);
    expect((await fromStart).map((event) => event.seq)).toEqual(all.map((event) => event.seq));
    expect(await fromLiveEnd).toEqual(all.slice(liveEnd - 1));
    const olga = await asOlga;
    expect(olga.length).toBeGreaterThan(0);
    expect(olga.length).toBeLessThan(all.length);
    for (const event of olga) expect(canSee(audienceOf(result.state, event), "olga")).toBe(true);
    // Nobody's mandate but her own reaches her.
    const registered = olga.filter((event) => event.type === "participant-registered");
    expect(registered.map((event) => event.participant.id)).toEqual(["olga"]);
    expect(JSON.stringify(olga)).not.toContain('"reserve"');
  });

  it("stops where it is when closed: the market stays open, feeds end, and no input is taken after", async () => {
    const sink = new MemorySink();
    const { hostReady, done } = startLiveMarket({ sink, days: 7 });
    const host = await hostReady;
    const feed = host.events();
    await firstOf(feed, (event) => event.type === "listing-posted");
    await host.close();
    const result = await done;
    expect(result.ended).toBe("aborted");
    expect(result.state.status).toBe("open");
    expect(sink.events.some((event) => event.type === "market-closed")).toBe(false);
    // The feed that was open ends instead of waiting for events that will not come.
    for await (const _ of feed) {
      // drains what was durable
    }
    await expect(host.submit("olga", { type: "post-want-ad", wantId: "w" })).rejects.toThrow(/closed/);
  });

  it("gives a reader everything written before close, once it is durable, then ends", async () => {
    const appended: MarketEvent[] = [];
    const sink = new BatchingSink(
      async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        appended.push(...batch);
      },
      { batchSize: 1_000_000, maxDelayMs: 60_000, read: async (from, to) => appended.slice(from - 1, to) },
    );
    const genesis = genesisEvent({ marketId: "closing", currency: "USD" }, START);
    const host = new MarketHost({
      state: replay([genesis], emptyState({ transcripts: "all" })),
      sink,
      clock: virtualClock(START),
      genesis,
    });
    for (const participant of people())
      host.apply("market", { type: "register-participant", participant }, START);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const event of host.events()) seen.push(event.seq);
    })();
    // Nothing is durable yet: the reader waits. Closing makes it durable, and the reader drains it.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([]);
    await host.close();
    await reading;
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it("stops as soon as its log cannot be written, before anyone flushes, and refuses input after", async () => {
    const sink = new BatchingSink(async () => Promise.reject(new Error("disk full")), { maxDelayMs: 5 });
    const genesis = genesisEvent({ marketId: "failing", currency: "USD" }, START);
    const host = new MarketHost({
      state: replay([genesis], emptyState({ transcripts: "all" })),
      sink,
      clock: virtualClock(START),
      genesis,
    });
    host.apply("market", { type: "register-participant", participant: people()[0]! }, START);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(host.signal.aborted).toBe(true);
    expect(host.failed?.message).toBe("disk full");
    await expect(host.submit("sam", { type: "post-listing", itemId: "bike" })).rejects.toMatchObject({
      code: "host/failed",
    });
    await host.close();
  });
});
