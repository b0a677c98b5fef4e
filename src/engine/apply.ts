import { decide, type Outcome } from "./decide.ts";
import { evolve } from "./evolve.ts";
import type { Rejection } from "./rejection.ts";
import type { MarketState } from "./state.ts";

/**
 * Decides an action and folds its events into `state` (in place): the sequencer's one step. Returns
 * the outcome, whose events the caller appends to the log.
 */
export function apply(
  state: MarketState,
  action: unknown,
  now: number,
  options: { refuse?: Rejection } = {},
): Outcome {
  const outcome = decide(state, action, now, options);
  for (const event of outcome.events) evolve(state, event);
  return outcome;
}
