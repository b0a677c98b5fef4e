import { type ItemToSell, type ParticipantInput, participantSchema } from "../../domain/mandate.ts";
import type { AgentAction } from "../../engine/action.ts";
import {
  apply,
  createMarket,
  FINAL_THREAD_STATES,
  keywordsOf,
  type MarketEvent,
  viewFor,
} from "../../engine/index.ts";
import type { Agent } from "../agent.ts";
import { type NegotiationScores, scoreNegotiation } from "./negotiation-scores.ts";

/** One seller, one item, one buyer who wants it: the setup of a bilateral negotiation. */
export interface NegotiationSetup {
  /** The seller's item, with its asking price and (secret) reserve. */
  item: ItemToSell;
  /** The buyer's (secret) limits. The budget defaults to the max price plus $20. */
  buyer: { maxPrice: number; budget?: number; keywords?: string[] };
  sellerName?: string;
  buyerName?: string;
  sellerPersona?: string;
  buyerPersona?: string;
  sellerInstructions?: string;
  buyerInstructions?: string;
  currency?: string;
}

/** One line of a transcript: a typed move by one side and the words that came with it. */
export interface TranscriptLine {
  at: number;
  side: "seller" | "buyer";
  name: string;
  kind: "listing" | "want-ad" | "offer" | "message" | "accept" | "confirm" | "decline" | "refused";
  price?: number;
  text?: string;
  /** For a refused action: the engine's code. */
  code?: string;
}

export interface NegotiationResult {
  agreed: boolean;
  price?: number;
  /** Exchanges: the larger of the two sides' offer counts. */
  rounds: number;
  offers: { seller: number; buyer: number };
  /** Who ended it without a deal, if anyone did. */
  walkedAway?: "seller" | "buyer";
  scores: NegotiationScores;
  transcript: TranscriptLine[];
  events: MarketEvent[];
}

export interface RunNegotiationOptions {
  setup: NegotiationSetup;
  seller: Agent;
  buyer: Agent;
  /** Turns per side before giving up (each turn may hold several actions). */
  maxTurns?: number;
  /** Virtual milliseconds between actions. */
  step?: number;
}

/** The buyer's effective limit in a setup: the lower of the max price and the budget. */
export function buyerLimitOf(setup: NegotiationSetup): number {
  return Math.min(setup.buyer.maxPrice, setup.buyer.budget ?? setup.buyer.maxPrice + 2_000);
}

const SELLER = "seller";
const BUYER = "buyer";

function participants(setup: NegotiationSetup): [ParticipantInput, ParticipantInput] {
  const { item } = setup;
  const maxPrice = setup.buyer.maxPrice;
  return [
    {
      id: SELLER,
      name: setup.sellerName ?? "Sam",
      mandate: {
        items: [item],
        wants: [],
        budget: 0,
        persona: setup.sellerPersona ?? "",
        instructions: setup.sellerInstructions ?? "",
      },
    },
    {
      id: BUYER,
      name: setup.buyerName ?? "Robin",
      mandate: {
        items: [],
        wants: [
          {
            id: "want-1",
            description: item.title,
            category: item.category,
            keywords: setup.buyer.keywords ?? keywordsOf(item.title).slice(0, 6),
            maxPrice,
          },
        ],
        budget: setup.buyer.budget ?? maxPrice + 2_000,
        persona: setup.buyerPersona ?? "",
        instructions: setup.buyerInstructions ?? "",
      },
    },
  ];
}

function describe(events: MarketEvent[], names: Record<string, string>): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  // An action's events share one timestamp and actor: fold the words into the typed move they came with.
  for (const event of events) {
    if (event.actor !== SELLER && event.actor !== BUYER) continue;
    const side = event.actor;
    const base = { at: event.at, side, name: names[side]! } as const;
    const last = lines.at(-1);
    switch (event.type) {
      case "listing-posted":
        lines.push({ ...base, kind: "listing", price: event.listing.askingPrice, text: event.listing.title });
        break;
      case "want-ad-posted":
        lines.push({ ...base, kind: "want-ad", text: event.wantAd.description });
        break;
      case "offer-made":
        lines.push({ ...base, kind: "offer", price: event.offer.price });
        break;
      case "deal-accepted":
        lines.push({ ...base, kind: "accept", price: event.deal.price });
        break;
      case "deal-confirmed":
        lines.push({ ...base, kind: "confirm" });
        break;
      case "thread-declined":
        lines.push({ ...base, kind: "decline" });
        break;
      case "message-posted":
        if (
          last &&
          last.at === event.at &&
          last.side === side &&
          last.text === undefined &&
          last.kind !== "refused"
        ) {
          last.text = event.message.text;
        } else {
          lines.push({ ...base, kind: "message", text: event.message.text });
        }
        break;
      case "action-refused":
        lines.push({ ...base, kind: "refused", code: event.code, text: event.message });
        break;
      default:
        break;
    }
  }
  // A decline is logged after its message: move the words onto it.
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]!;
    if (
      line.kind === "message" &&
      next.kind === "decline" &&
      next.at === line.at &&
      next.side === line.side
    ) {
      next.text = line.text!;
      lines.splice(i, 1);
    }
  }
  return lines;
}

/**
 * Runs one bilateral negotiation through the market engine: a market with the two people, the seller's
 * listing and the buyer's want, the agents taking turns (seller, then buyer) until a deal settles,
 * someone walks away, or nobody acts any more. Deterministic for deterministic agents.
 * @example const result = await runNegotiation({ setup, seller: createEngineAgent("strong", ...), buyer: ... })
 */
export async function runNegotiation(options: RunNegotiationOptions): Promise<NegotiationResult> {
  const { setup } = options;
  const step = options.step ?? 60_000;
  const maxTurns = options.maxTurns ?? 40;
  let now = 0;
  const state = createMarket({ marketId: "negotiation", currency: setup.currency ?? "USD" }, now);
  const events: MarketEvent[] = [];
  const system = (action: Record<string, unknown>): void => {
    const outcome = apply(state, { ...action, actor: "market" }, now);
    if (!outcome.ok) throw new Error(`negotiation setup refused: ${outcome.rejection.message}`);
    events.push(...outcome.events);
  };
  const people = participants(setup).map((person) => participantSchema.parse(person));
  for (const participant of people) system({ type: "register-participant", participant });
  system({ type: "open-market" });

  const sides: [string, Agent][] = [
    [SELLER, options.seller],
    [BUYER, options.buyer],
  ];
  let idleRounds = 0;
  let finishedRounds = 0;
  for (let turn = 0; turn < maxTurns; turn++) {
    let acted = 0;
    for (const [id, agent] of sides) {
      let actions: AgentAction[];
      try {
        actions = await agent.decide(viewFor(state, id));
      } catch (error) {
        throw new Error(`agent ${agent.spec} (${id}) failed in decide: ${(error as Error).message}`, {
          cause: error,
        });
      }
      for (const action of actions ?? []) {
        now += step;
        const outcome = apply(state, { ...action, actor: id }, now);
        events.push(...outcome.events);
        acted++;
        if (!outcome.ok) {
          agent.onRefused?.({ action, code: outcome.rejection.code, message: outcome.rejection.message });
        }
      }
    }
    const thread = [...state.threads.values()][0];
    if (thread && FINAL_THREAD_STATES.has(thread.status)) finishedRounds++;
    idleRounds = acted === 0 ? idleRounds + 1 : 0;
    // One more round after the end lets a side say goodbye; two idle rounds mean nobody will act.
    if (finishedRounds >= 2 || idleRounds >= 2) break;
  }

  const thread = [...state.threads.values()][0];
  const deal = thread?.dealId ? state.deals.get(thread.dealId) : undefined;
  const agreed = deal !== undefined && (deal.status === "confirmed" || deal.status === "handed-over");
  const offers = thread?.offerCount ?? { seller: 0, buyer: 0 };
  const declined = events.find((event) => event.type === "thread-declined");
  const buyerLimit = buyerLimitOf(setup);
  const names = { [SELLER]: people[0]!.name, [BUYER]: people[1]!.name };
  return {
    agreed,
    ...(agreed ? { price: deal.price } : {}),
    rounds: Math.max(offers.seller, offers.buyer),
    offers,
    ...(!agreed && declined ? { walkedAway: declined.actor as "seller" | "buyer" } : {}),
    scores: scoreNegotiation({
      reserve: setup.item.reserve,
      buyerLimit,
      ...(agreed ? { price: deal.price } : {}),
    }),
    transcript: describe(events, names),
    events,
  };
}
