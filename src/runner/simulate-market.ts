import type { Agent, AgentContext } from "../agents/agent.ts";
import type { Participant } from "../domain/mandate.ts";
import { createRng, hashString, type Rng } from "../domain/random.ts";
import type { AgentAction } from "../engine/action.ts";
import { apply } from "../engine/apply.ts";
import { emptyState, genesisEvent } from "../engine/create-market.ts";
import type { MarketEvent } from "../engine/event.ts";
import type { Caps } from "../engine/market-config.ts";
import { listingsMatching, wantAdsMatching } from "../engine/match-index.ts";
import { replay } from "../engine/replay.ts";
import type { MarketState } from "../engine/state.ts";
import { viewFor } from "../engine/view.ts";
import type { EventSink } from "./event-sink.ts";
import { WakeQueue } from "./wake-queue.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Wall-clock ms the loop runs before it lets the event loop turn (see the loop). */
const YIELD_EVERY_MS = 10;

export interface SimulationInput {
  marketId: string;
  seed: number;
  participants: Participant[];
  /** Agent spec per participant id, e.g. "engine:strong". */
  assignment: Record<string, string>;
  createAgent: (spec: string, context: AgentContext) => Agent | Promise<Agent>;
  sink: EventSink;
  /** Market-clock start, ms since the epoch. */
  startAt: number;
  durationMs: number;
  currency?: string;
  caps?: Partial<Caps>;
  /** Most actions one wake-up may propose (stops a runaway agent). */
  maxActionsPerWake?: number;
  /** Hours between an idle agent's browsing visits, as [min, max]. */
  browseEveryHours?: [number, number];
  /** Minutes a counterpart takes to reply, as [min, max]. */
  replyMinutes?: [number, number];
  onProgress?: (progress: { fraction: number; events: number; deals: number }) => void;
  /**
   * Awaited before the market acts at market time `at` (each wake-up, and the close): a wall-clock
   * run waits there until that time comes. Without it the market runs as fast as agents answer.
   */
  pace?: (at: number) => Promise<void>;
  /** Wall-clock ms, read to decide when to let the event loop turn; `performance.now` by default. */
  wallClock?: () => number;
  /**
   * "live" (the default) drops the transcripts of threads that end without a deal from the state,
   * as the log keeps them; "all" keeps every one (see `MarketState.transcripts`).
   */
  transcripts?: MarketState["transcripts"];
}

export interface SimulationResult {
  state: MarketState;
  events: number;
  wakeUps: number;
  refusals: number;
}

/** The thread's other side, for the events that call for a reply. */
function counterpartOf(state: MarketState, event: MarketEvent): string | undefined {
  let threadId: string | undefined;
  switch (event.type) {
    case "thread-opened":
      threadId = event.thread.id;
      break;
    case "offer-made":
      threadId = event.offer.threadId;
      break;
    case "message-posted":
      if (event.message.where !== "channel") threadId = event.message.where;
      break;
    case "deal-accepted":
      threadId = event.deal.threadId;
      break;
    case "deal-cancelled":
    case "deal-confirmed":
      threadId = state.deals.get(event.dealId)?.threadId;
      break;
    case "thread-declined":
      threadId = event.threadId;
      break;
    default:
      return undefined;
  }
  const thread = threadId ? state.threads.get(threadId) : undefined;
  if (!thread) return undefined;
  return thread.seller === event.actor ? thread.buyer : thread.seller;
}

/**
 * Runs one market on a virtual clock: a discrete-event loop where each participant's agent wakes
 * on what concerns it (a matching post, a reply in its thread) and to browse, proposes actions, and
 * the engine applies them in order. Deterministic for a seed, so a resumed run re-derives the same log.
 */
export async function simulateMarket(input: SimulationInput): Promise<SimulationResult> {
  const rng = createRng(input.seed);
  const delays: Rng = rng.fork("delays");
  const endAt = input.startAt + input.durationMs;
  const [browseMin, browseMax] = input.browseEveryHours ?? [6, 14];
  const [replyMin, replyMax] = input.replyMinutes ?? [2, 90];
  const maxActions = input.maxActionsPerWake ?? 40;

  const genesis = genesisEvent(
    {
      marketId: input.marketId,
      currency: input.currency ?? "USD",
      ...(input.caps ? { caps: { ...input.caps } } : {}),
    },
    input.startAt,
  );
  const state = replay([genesis], emptyState({ transcripts: input.transcripts ?? "live" }));
  input.sink.write([genesis]);
  let events = 1;
  let refusals = 0;
  let wakeUps = 0;

  const agents = new Map<string, Agent>();
  for (const participant of input.participants) {
    const spec = input.assignment[participant.id];
    if (!spec) throw new Error(`no agent assigned to participant "${participant.id}"`);
    agents.set(
      participant.id,
      await input.createAgent(spec, {
        participantId: participant.id,
        seed: hashString(`${input.seed}:${participant.id}`),
      }),
    );
  }

  const queue = new WakeQueue();
  const reply = (who: string, now: number) =>
    queue.schedule(who, now + delays.int(replyMin * MINUTE, replyMax * MINUTE), "reply");

  const submit = (action: unknown, now: number) => {
    const outcome = apply(state, action, now);
    if (outcome.events.length > 0) {
      input.sink.write(outcome.events);
      events += outcome.events.length;
    }
    if (!outcome.ok) refusals++;
    return outcome;
  };

  /** Who should look because of these events. Bounded per event, so cost follows what matches. */
  const notify = (produced: readonly MarketEvent[], now: number) => {
    for (const event of produced) {
      if (event.type === "listing-posted") {
        const accept = (adId: string) => state.wantAds.get(adId)!.buyer !== event.actor;
        for (const adId of wantAdsMatching(state.index, event.listing, {
          limit: 12,
          accept,
          asker: event.listing.id,
        })) {
          reply(state.wantAds.get(adId)!.buyer, now);
        }
      } else if (event.type === "want-ad-posted") {
        const accept = (listingId: string) => state.listings.get(listingId)!.seller !== event.actor;
        for (const listingId of listingsMatching(state.index, event.wantAd, {
          limit: 12,
          accept,
          asker: event.wantAd.id,
        })) {
          reply(state.listings.get(listingId)!.seller, now);
        }
      } else {
        const other = counterpartOf(state, event);
        if (other) reply(other, now);
      }
    }
  };

  for (const participant of input.participants) {
    submit({ type: "register-participant", actor: "market", participant }, input.startAt);
  }
  submit({ type: "open-market", actor: "market", closesAt: endAt }, input.startAt);
  for (const participant of input.participants) {
    queue.schedule(participant.id, input.startAt + delays.int(0, 3 * HOUR), "start");
  }
  // Anchors a wall clock at the market's opening, so the first wake-ups come hours (scaled) after it.
  if (input.pace) await input.pace(input.startAt);

  let lastReported = -1;
  const wallClock = input.wallClock ?? (() => performance.now());
  let lastYield = wallClock();
  for (let wake = queue.pop(); wake && wake.at < endAt; wake = queue.pop()) {
    if (input.pace) await input.pace(wake.at);
    wakeUps++;
    const now = wake.at;
    const agent = agents.get(wake.who)!;
    const proposed: AgentAction[] = await agent.decide(viewFor(state, wake.who, { now }));
    for (const action of proposed.slice(0, maxActions)) {
      const outcome = submit({ ...action, actor: wake.who }, now);
      if (outcome.ok) notify(outcome.events, now);
      else agent.onRefused?.({ action, code: outcome.rejection.code, message: outcome.rejection.message });
    }
    queue.schedule(wake.who, now + delays.int(browseMin * HOUR, browseMax * HOUR), "browse");
    const percent = Math.floor(((now - input.startAt) / input.durationMs) * 100);
    if (percent !== lastReported) {
      lastReported = percent;
      input.onProgress?.({ fraction: percent / 100, events, deals: state.counters.deal });
    }
    // Built-in agents answer synchronously, so without this the loop would never let the event loop
    // run: the store's replies, signals and timers would all wait. The store writes one batch per
    // reply, so yielding only at each 1% left it far behind (up to 65% of a 10x market unwritten,
    // all of it held in memory); every few milliseconds keeps it within about a batch.
    if (wallClock() - lastYield >= YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = wallClock();
    }
  }
  if (input.pace) await input.pace(endAt);
  submit({ type: "close-market", actor: "market" }, endAt);
  input.onProgress?.({ fraction: 1, events, deals: state.counters.deal });
  await input.sink.flush();
  return { state, events, wakeUps, refusals };
}
