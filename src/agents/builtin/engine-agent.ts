import type { AgentAction } from "../../engine/action.ts";
import type { AgentView } from "../../engine/view.ts";
import type { Agent, AgentContext } from "../agent.ts";
import { type AgentState, decodePlain, encodePlain } from "../agent-state.ts";
import { type EngineAgentMemory, emptyMemory, rememberRefusal, replaceMemory } from "./agent-memory.ts";
import { answerThread } from "./answer-thread.ts";
import { answerWantAds } from "./answer-want-ads.ts";
import { defaultWords } from "./default-words.ts";
import { withWishes } from "./language/wishes.ts";
import { DEFAULT_OFFER_CAP, type Negotiator } from "./negotiator.ts";
import { openNegotiations } from "./open-negotiations.ts";
import { memoryFromView, restoredPhraserSeed } from "./rebuild-memory.ts";
import { TIERS, type TierName, type TierParams } from "./strategy/tiers.ts";
import { personalised } from "./view-facts.ts";
import type { Phraser, Words } from "./words.ts";

const STATE_KIND = "engine-agent/1";

export interface EngineAgentOptions {
  /** The language and understanding parts; the built-in ones by default. */
  words?: Words;
  /** Most offers one side may make in a thread (the market's cap). */
  offerCap?: number;
  /**
   * The memory to keep, filled in place (a restore replaces its contents); a new empty one by
   * default. Lets a test or a tool look at what the agent remembers.
   */
  memory?: EngineAgentMemory;
}

/**
 * The built-in negotiator: no model, no key. Sellers list their items and buyers post want ads and
 * open negotiations on matching listings; in each thread the strategy picks a move (see
 * `strategy/next-move.ts`), the language part words it and this turns it into typed actions. What it
 * remembers between looks is explicit (agent-memory.ts) and can be rebuilt from the view
 * (rebuild-memory.ts) when a market resumes.
 * @example const agent = createEngineAgent("strong", { participantId: "ann", seed: 1 }); await agent.decide(view)
 */
export function createEngineAgent(
  tierName: TierName,
  context: AgentContext,
  options: EngineAgentOptions = {},
): Agent {
  const words = options.words ?? defaultWords;
  const cap = options.offerCap ?? DEFAULT_OFFER_CAP;
  const memory = options.memory ?? emptyMemory();
  let phraser: Phraser | undefined;
  /** The seed the phraser was started with (the context's, or a restored market's); none before. */
  let phraserSeed: number | undefined;
  let tier: TierParams = TIERS[tierName];

  /** The phraser reads the owner's persona once; the persona's hints adjust the tier. */
  const startPhraser = (view: AgentView, seed: number): void => {
    phraserSeed = seed;
    phraser = withWishes(
      words.phraser({
        persona: view.me.mandate.persona,
        // A "brief" style wish is the terse tone, whatever else the persona says.
        instructions:
          view.me.mandate.wishes?.tone.style === "brief"
            ? `${view.me.mandate.instructions}\nTerse: few words, no small talk.`
            : view.me.mandate.instructions,
        seed,
      }),
      view.me.mandate,
    );
    tier = personalised(TIERS[tierName], phraser.hints);
  };

  return {
    spec: `engine:${tierName}`,
    decide(view: AgentView): AgentAction[] {
      if (view.market.status !== "open") return [];
      if (!phraser) startPhraser(view, context.seed);
      const agent: Negotiator = { tier, cap, words, phraser: phraser!, memory, seed: context.seed };
      const actions: AgentAction[] = [];
      const listed = new Set(view.myListings.map((listing) => listing.itemId));
      for (const item of view.me.mandate.items) {
        if (!listed.has(item.id)) actions.push({ type: "post-listing", itemId: item.id });
      }
      const advertised = new Set(view.myWantAds.map((ad) => ad.wantId));
      for (const want of view.me.mandate.wants) {
        if (!advertised.has(want.id)) actions.push({ type: "post-want-ad", wantId: want.id });
      }
      // A deal waiting for our confirmation is confirmed at once, whatever else waits: it expires
      // if left (the market's acceptTimeout), and confirming takes no thought.
      const awaiting = (thread: AgentView["threads"][number]) =>
        thread.thread.status === "agreed" &&
        thread.deal?.status === "accepted" &&
        thread.deal.acceptedBy !== view.me.id;
      for (const thread of view.threads) {
        if (awaiting(thread)) actions.push(...answerThread(agent, view, thread));
      }
      // Oldest talks first; past the tier's attention the rest wait for the next look.
      let answered = 0;
      for (const thread of view.threads) {
        if (answered >= tier.attention) break;
        if (awaiting(thread)) continue;
        const answers = answerThread(agent, view, thread);
        if (answers.length > 0) answered++;
        actions.push(...answers);
      }
      actions.push(...openNegotiations(agent, view));
      actions.push(...answerWantAds(agent, view));
      return actions;
    },
    onRefused(refusal) {
      rememberRefusal(memory, refusal);
    },
    restore(view: AgentView): void {
      replaceMemory(memory, memoryFromView(view, { offerCap: cap }));
      // A fresh seed: the same one would start every thread's words again from the first ones said.
      startPhraser(view, restoredPhraserSeed(context.seed, view));
    },
    saveState(): AgentState {
      return {
        kind: STATE_KIND,
        data: encodePlain({ memory, phraserSeed, phraser: phraser?.state?.() }),
      };
    },
    loadState(state: AgentState, view: AgentView): void {
      if (state.kind !== STATE_KIND) throw new Error(`not a built-in agent's state: ${state.kind}`);
      const saved = decodePlain<{ memory: EngineAgentMemory; phraserSeed?: number; phraser?: unknown }>(
        state.data,
      );
      replaceMemory(memory, saved.memory);
      phraser = undefined;
      tier = TIERS[tierName];
      if (saved.phraserSeed !== undefined) {
        startPhraser(view, saved.phraserSeed);
        if (saved.phraser !== undefined) phraser!.load?.(saved.phraser);
      }
    },
  };
}
