import type { ActionOf } from "../action.ts";
import type { EventBody } from "../event.ts";
import { FINAL_THREAD_STATES } from "../evolve.ts";
import { reject } from "../rejection.ts";
import type { MarketState } from "../state.ts";
import type { Decision } from "./decision.ts";

export function registerParticipant(state: MarketState, action: ActionOf<"register-participant">): Decision {
  if (state.status === "closed") return reject("market/closed", "The market is closed; no one can join.");
  if (state.participants.has(action.participant.id)) {
    return reject(
      "participant/exists",
      `A participant with id "${action.participant.id}" is already registered; choose another id.`,
    );
  }
  return [{ type: "participant-registered", participant: action.participant }];
}

export function openMarket(state: MarketState, action: ActionOf<"open-market">, now: number): Decision {
  if (state.status !== "setup") return reject("market/already-open", "The market has already been opened.");
  if (action.closesAt !== undefined && action.closesAt <= now) {
    return reject("action/invalid", "closesAt must be later than now.");
  }
  return [{ type: "market-opened", ...(action.closesAt !== undefined ? { closesAt: action.closesAt } : {}) }];
}

/**
 * The runner reports that a participant's agent failed a turn (threw, timed out, answered with
 * something that is not actions, or proposed more than a turn allows): the log keeps it, so an
 * agent's failures are as visible as its actions, and a suspension survives a resume.
 */
export function reportAgentFault(state: MarketState, action: ActionOf<"report-agent-fault">): Decision {
  if (!state.participants.has(action.participant)) {
    return reject("participant/unknown", `"${action.participant}" is not registered in this market.`);
  }
  return [
    {
      type: "agent-faulted",
      participant: action.participant,
      fault: action.fault,
      reason: action.reason,
      suspended: action.suspended,
    },
  ];
}

/** Closing cancels deals awaiting confirmation and expires every live thread, in a stable order. */
export function closeMarket(state: MarketState): Decision {
  if (state.status !== "open") return reject("market/not-open", "Only an open market can be closed.");
  const events: EventBody[] = [{ type: "market-closed" }];
  for (const thread of state.threads.values()) {
    if (FINAL_THREAD_STATES.has(thread.status)) continue;
    const deal = thread.dealId ? state.deals.get(thread.dealId) : undefined;
    if (deal && deal.status === "accepted") {
      events.push({
        type: "deal-cancelled",
        dealId: deal.id,
        reason: "The market closed before the deal was confirmed.",
      });
    }
    events.push({ type: "thread-expired", threadId: thread.id });
  }
  return events;
}
