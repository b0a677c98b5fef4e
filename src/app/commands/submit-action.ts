import { MARKET_ACTOR } from "../../engine/action.ts";
import type { MarketEvent } from "../../engine/event.ts";
import type { MarketState } from "../../engine/state.ts";
import { HostError } from "../../runner/host-error.ts";
import type { MarketAccess } from "../market-access.ts";
import { dealIdFor, threadIdFor } from "../queries/thread-transcript.ts";

/**
 * An action with its ids as the engine takes them: a deal named by the thread that made it (T12 for
 * D53) and a thread named by its deal, as people read them in summaries and memos, become the ids the
 * engine keys them by. Ids that name neither are left for the engine to refuse.
 */
export function withCanonicalIds(
  state: MarketState,
  action: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...action };
  if (typeof out.dealId === "string") out.dealId = dealIdFor(state, out.dealId) ?? out.dealId;
  if (typeof out.threadId === "string") out.threadId = threadIdFor(state, out.threadId) ?? out.threadId;
  if (out.type === "send-message" && typeof out.where === "string" && out.where !== "channel") {
    out.where = threadIdFor(state, out.where) ?? out.where;
  }
  return out;
}

/**
 * Submits a typed action on a participant's behalf (a person on the web, an outside agent): through
 * the engine like any agent's (a deal or a thread named by either id, see `withCanonicalIds`), resolving with its events once durable. Acting as the market itself
 * is refused here (system actions are the host's), and so is an action the engine refuses, with
 * the engine's code as the error's and a message that names no one's secrets.
 */
export async function submitAction(
  market: MarketAccess,
  participant: string,
  action: Record<string, unknown>,
): Promise<MarketEvent[]> {
  if (participant === MARKET_ACTOR) {
    throw new HostError("forbidden", "submit/system-actor", "only the market itself acts as the market");
  }
  const state = await market.state();
  if (!state.participants.has(participant)) {
    throw new HostError(
      "not-found",
      "submit/unknown-participant",
      `no participant "${participant}" in this market`,
    );
  }
  const { actor: _ignored, ...body } = action;
  const result = await market.submit(participant, withCanonicalIds(state, body));
  if (!result.ok) throw new HostError("conflict", result.code, result.message);
  return result.events;
}
