import type { MarketState } from "../../engine/state.ts";

/** A participant as others see them: id and display name only. */
export interface PersonRef {
  id: string;
  name: string;
}

/** The participant's public reference; the id stands in for the name of someone not registered. */
export function personRef(state: MarketState, id: string): PersonRef {
  return { id, name: state.participants.get(id)?.participant.name ?? id };
}
