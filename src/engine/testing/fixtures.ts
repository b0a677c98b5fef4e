import type { ParticipantInput } from "../../domain/mandate.ts";
import { participantSchema } from "../../domain/mandate.ts";
import { apply } from "../apply.ts";
import { emptyState, genesisEvent } from "../create-market.ts";
import type { Outcome } from "../decide.ts";
import type { MarketEvent } from "../event.ts";
import type { MarketConfigInput } from "../market-config.ts";
import { replay } from "../replay.ts";
import type { MarketState } from "../state.ts";

/** A participant for tests: a seller of `items` and a buyer of `wants`, with small defaults. */
export function person(
  id: string,
  options: {
    items?: { id: string; title: string; asking: number; reserve: number; category?: string }[];
    wants?: { id: string; description: string; max: number; category?: string; keywords?: string[] }[];
    budget?: number;
  } = {},
): ParticipantInput {
  return {
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    mandate: {
      budget: options.budget ?? 10_000,
      items: (options.items ?? []).map((item) => ({
        id: item.id,
        title: item.title,
        category: item.category ?? "sports",
        askingPrice: item.asking,
        reserve: item.reserve,
      })),
      wants: (options.wants ?? []).map((want) => ({
        id: want.id,
        description: want.description,
        category: want.category ?? "sports",
        keywords: want.keywords ?? [],
        maxPrice: want.max,
      })),
      persona: "friendly",
      instructions: "",
    },
  };
}

/** A market and its full log, kept in step: every `act` appends what the engine produced. */
export interface RecordedMarket {
  state: MarketState;
  log: MarketEvent[];
  act(action: unknown, now: number): Outcome;
}

/** An open market with the given people registered, recording its log from the genesis event. */
export function recordedMarket(
  people: ParticipantInput[],
  config: Partial<MarketConfigInput> = {},
  options: { transcripts?: MarketState["transcripts"] } = {},
): RecordedMarket {
  const genesis = genesisEvent({ marketId: "test", ...config }, 0);
  const state = replay([genesis], emptyState(options));
  const log: MarketEvent[] = [genesis];
  const act = (action: unknown, now: number): Outcome => {
    const outcome = apply(state, action, now);
    log.push(...outcome.events);
    return outcome;
  };
  for (const input of people) {
    const outcome = act(
      { type: "register-participant", actor: "market", participant: participantSchema.parse(input) },
      0,
    );
    if (!outcome.ok) throw new Error(outcome.rejection.message);
  }
  const opened = act({ type: "open-market", actor: "market" }, 0);
  if (!opened.ok) throw new Error(opened.rejection.message);
  return { state, log, act };
}

/** An open market with the given people registered. */
export function openMarketWith(
  people: ParticipantInput[],
  config: Partial<MarketConfigInput> = {},
): MarketState {
  return recordedMarket(people, config).state;
}
