import { describe, expect, it } from "vitest";
import type { Participant } from "../../domain/mandate.ts";
import { offersMadeBy } from "../../domain/thread.ts";
import type { AgentAction } from "../../engine/action.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { FINAL_THREAD_STATES } from "../../engine/index.ts";
import type { AgentView } from "../../engine/view.ts";
import { MemorySink } from "../../runner/event-sink.ts";
import { generatePopulation, PROJECT_DEAL_POPULATION } from "../../runner/population.ts";
import { simulateMarket } from "../../runner/simulate-market.ts";
import type { Agent, AgentContext } from "../agent.ts";
import { type EngineAgentMemory, emptyMemory, emptyThreadMemory } from "./agent-memory.ts";
import { createEngineAgent } from "./engine-agent.ts";
import { DEFAULT_OFFER_CAP } from "./negotiator.ts";
import { memoryFromView, restoredPhraserSeed } from "./rebuild-memory.ts";
import type { TierName } from "./strategy/tiers.ts";

const DAY = 24 * 3600 * 1000;
const START = Date.UTC(2026, 0, 5, 9);

function people(seed: number): Participant[] {
  return generatePopulation({ ...PROJECT_DEAL_POPULATION, participants: 24, seed });
}

/** Half the people on each built-in tier. */
function tiers(participants: Participant[]): Record<string, string> {
  return Object.fromEntries(participants.map((p, i) => [p.id, i % 2 ? "engine:strong" : "engine:weak"]));
}

async function market(seed: number, createAgent: (spec: string, context: AgentContext) => Agent) {
  const participants = people(seed);
  const sink = new MemorySink();
  const result = await simulateMarket({
    marketId: "restore",
    seed,
    participants,
    assignment: tiers(participants),
    createAgent,
    sink,
    startAt: START,
    durationMs: 7 * DAY,
  });
  return { result, events: sink.events };
}

const tierOf = (spec: string) => spec.slice("engine:".length) as TierName;

/** An action without its words: what binds. A restored agent words its moves afresh. */
function typed(actions: readonly AgentAction[]): unknown[] {
  return actions.map((action) => {
    const { text: _text, ...rest } = action as AgentAction & { text?: string };
    return rest;
  });
}

/**
 * What the agent reads of its memory in each thread (see answer-thread.ts): whether the other side's
 * latest offer and message are answered, whether it has spoken (only read by a seller before its
 * first offer), whether it confirmed the deal, thanked, and whether its offers are spent. The raw ids
 * can differ where nothing reads them: after answering an offer that the other side then revised, a
 * live agent keeps the old version's key, which the view no longer shows.
 */
function bookkeeping(view: AgentView, memory: EngineAgentMemory) {
  const me = view.me.id;
  const read: Record<string, Record<string, boolean | undefined>> = {};
  for (const thread of view.threads) {
    if (FINAL_THREAD_STATES.has(thread.thread.status) && !thread.deal) continue;
    const memo = memory.threads.get(thread.thread.id) ?? emptyThreadMemory();
    const latestOffer = thread.offers.filter((offer) => offer.from !== me).at(-1);
    const latestMessage = thread.messages.filter((message) => message.from !== me).at(-1);
    const offered = thread.offers.some((offer) => offer.from === me);
    const deal = thread.deal;
    read[thread.thread.id] = {
      offerAnswered: latestOffer
        ? memo.answeredOffer === `${latestOffer.id}#${latestOffer.version}`
        : undefined,
      messageAnswered: latestMessage ? memo.answeredMessage === latestMessage.id : undefined,
      spoken: thread.role === "seller" && !offered ? memo.answeredOffer !== undefined : undefined,
      confirmed: deal && deal.acceptedBy !== me ? memo.answeredOffer === `deal:${deal.id}` : undefined,
      thanked: memo.thanked,
      capped: memo.capped || offersMadeBy(thread.thread, me) >= DEFAULT_OFFER_CAP,
    };
  }
  return read;
}

/** The thread a proposed action was about. */
function threadOf(view: AgentView | undefined, action: AgentAction): string | undefined {
  if ("threadId" in action && typeof action.threadId === "string") return action.threadId;
  if (action.type === "send-message") return action.where;
  if (action.type === "accept-offer")
    return view?.threads.find((thread) => thread.offers.some((offer) => offer.id === action.offerId))?.thread
      .id;
  if (action.type === "confirm-deal")
    return view?.threads.find((thread) => thread.deal?.id === action.dealId)?.thread.id;
  return undefined;
}

/**
 * Per thread, the messages in which one side spoke again with nothing from the other side since:
 * an answer given twice. A seller's first offer after the greeting that opened its pitch is not one.
 */
function repeatedAnswers(events: readonly MarketEvent[], after = 0): { thread: string; from: string }[] {
  const said = new Map<string, string[]>();
  const repeated: { thread: string; from: string }[] = [];
  for (const event of events) {
    if (event.type !== "message-posted" || event.message.where === "channel") continue;
    const { where, from } = event.message;
    const speakers = said.get(where) ?? [];
    said.set(where, speakers);
    const pitch = speakers.length === 1 && speakers[0] === from;
    if (speakers.at(-1) === from && !pitch && event.at >= after) repeated.push({ thread: where, from });
    speakers.push(from);
  }
  return repeated;
}

describe("memoryFromView", () => {
  it.each([5, 8])(
    "rebuilds the live agent's bookkeeping from its view, and a restored agent decides as it would (seed %i)",
    async (seed) => {
      // Every 6 market hours, at each person's next look, a fresh agent is restored from that view and
      // its decision set beside the live agent's, which has run all along and alone drives the market.
      const checkpoints = Array.from({ length: 27 }, (_, i) => START + (i + 1) * 0.25 * DAY);
      const counts = { looks: 0, withoutCorner: 0, cornerThreads: 0 };
      const createAgent = (spec: string, context: AgentContext): Agent => {
        const tier = tierOf(spec);
        const memory = emptyMemory();
        const live = createEngineAgent(tier, context, { memory });
        /** Threads where the market refused one of the live agent's actions: the documented corner. */
        const refused = new Set<string>();
        let lastView: AgentView | undefined;
        let next = 0;
        return {
          spec: live.spec,
          decide(view) {
            lastView = view;
            if (next >= checkpoints.length || view.now < checkpoints[next]!) return live.decide(view);
            while (next < checkpoints.length && view.now >= checkpoints[next]!) next++;
            counts.looks++;
            const liveRead = bookkeeping(view, memory);
            const rebuilt = memoryFromView(view);
            const rebuiltRead = bookkeeping(view, rebuilt);
            const corner = Object.keys(liveRead).filter((id) => refused.has(id));
            counts.cornerThreads += corner.length;
            for (const id of corner) {
              delete liveRead[id];
              delete rebuiltRead[id];
            }
            expect(rebuiltRead, `${context.participantId} at ${view.now}`).toEqual(liveRead);

            // Restored as a resumed market would, and given the live agent's memory of the corners only.
            const restoredMemory = emptyMemory();
            const restored = createEngineAgent(tier, context, { memory: restoredMemory });
            restored.restore!(view);
            expect(restoredMemory.threads).toEqual(rebuilt.threads);
            for (const id of corner) {
              const kept = memory.threads.get(id);
              if (kept) restoredMemory.threads.set(id, structuredClone(kept));
              else restoredMemory.threads.delete(id);
            }
            for (const [listing, until] of memory.noAdUntil) restoredMemory.noAdUntil.set(listing, until);
            const helped = restored.decide(view) as AgentAction[];

            // Restored from the view alone.
            const alone = createEngineAgent(tier, context);
            alone.restore!(view);
            const aloneActions = alone.decide(view) as AgentAction[];

            const actions = live.decide(view) as AgentAction[];
            expect(typed(helped), `${context.participantId} at ${view.now}`).toEqual(typed(actions));
            if (corner.length === 0) {
              counts.withoutCorner++;
              // The other corner: when to look for want ads again is not in the log, so a restored
              // seller may answer one sooner than the live one, which found none a little earlier.
              const waiting = [...memory.noAdUntil.values()].some((until) => until > view.now);
              const compared = (list: AgentAction[]) =>
                typed(waiting ? list.filter((action) => action.type !== "open-thread") : list);
              expect(compared(aloneActions), `${context.participantId} at ${view.now}`).toEqual(
                compared(actions),
              );
            }
            return actions;
          },
          onRefused(refusal) {
            const id = threadOf(lastView, refusal.action);
            if (id) refused.add(id);
            live.onRefused!(refusal);
          },
        };
      };
      const { result } = await market(seed, createAgent);
      expect(result.state.counters.deal).toBeGreaterThan(30);
      // Most looks have no corner at all, so the comparison of the agent restored alone is not empty.
      expect(counts.withoutCorner).toBeGreaterThan(counts.looks * 0.8);
      expect(counts.looks).toBeGreaterThan(300);
    },
  );

  it("restores an agent that does not answer again what it had answered, and goes on to trade", async () => {
    const restoreAt = START + DAY / 2;
    /** Each person's agent is replaced at its first look after `restoreAt`, as in a resumed market. */
    const replacedAt =
      (restore: boolean) =>
      (spec: string, context: AgentContext): Agent => {
        let agent = createEngineAgent(tierOf(spec), context);
        let replaced = false;
        return {
          spec,
          decide(view) {
            if (!replaced && view.now >= restoreAt) {
              replaced = true;
              agent = createEngineAgent(tierOf(spec), context);
              if (restore) agent.restore!(view);
            }
            return agent.decide(view);
          },
          onRefused: (refusal) => agent.onRefused!(refusal),
        };
      };
    const uninterrupted = await market(5, (spec, context) => createEngineAgent(tierOf(spec), context));
    const restored = await market(5, replacedAt(true));
    const forgetful = await market(5, replacedAt(false));

    expect(repeatedAnswers(uninterrupted.events)).toEqual([]);
    expect(repeatedAnswers(restored.events)).toEqual([]);
    // Without its memory, a fresh agent answers again what it had answered (the check can fail).
    expect(repeatedAnswers(forgetful.events, restoreAt).length).toBeGreaterThan(10);

    const dealsAfter = (events: readonly MarketEvent[]) =>
      events.filter((event) => event.type === "deal-confirmed" && event.at >= restoreAt).length;
    const all = uninterrupted.result.state.counters.deal;
    // Most of a market's deals come on its first day: half of them after the restore here.
    expect(dealsAfter(restored.events)).toBeGreaterThanOrEqual(
      Math.max(10, dealsAfter(uninterrupted.events) * 0.8),
    );
    expect(restored.result.state.counters.deal).toBeGreaterThanOrEqual(all * 0.9);
  });

  it("seeds a restored agent's words by the time it is restored", () => {
    const seeds = [1, 2].flatMap((seed) =>
      [0, 1, 3_600_000].map((now) => restoredPhraserSeed(seed, { now })),
    );
    expect(new Set(seeds).size).toBe(6);
    expect(seeds).not.toContain(1);
    expect(seeds).not.toContain(2);
  });
});
