import type { LlmBudget } from "../agents/llm/budget.ts";
import type { TurnTaker } from "../runner/turn-taker.ts";

/**
 * Takes each window's turns with the run's model budget held as the window found it
 * (`LlmBudget.hold`): whether a turn may call its model does not depend on which of the window's
 * other calls returned first, so a budget that runs out mid-window gives one log, in this process
 * and on turn workers alike.
 */
export function budgetHeldTurns(taker: TurnTaker, budget: LlmBudget): TurnTaker {
  return {
    async take(turns, timeoutMs) {
      const release = budget.hold();
      try {
        return await taker.take(turns, timeoutMs);
      } finally {
        release();
      }
    },
    ...(taker.close ? { close: () => taker.close!() } : {}),
  };
}
