import { MARKET_ACTOR } from "../../engine/action.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { HostError } from "../../runner/host-error.ts";
import type { MarketAccess } from "../market-access.ts";

/**
 * Submits a typed action on a participant's behalf (a person on the web, an outside agent): through
 * the engine like any agent's, resolving with its events once durable. Acting as the market itself
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
  if (!(await market.state()).participants.has(participant)) {
    throw new HostError(
      "not-found",
      "submit/unknown-participant",
      `no participant "${participant}" in this market`,
    );
  }
  const { actor: _ignored, ...body } = action;
  const result = await market.submit(participant, body);
  if (!result.ok) throw new HostError("conflict", result.code, result.message);
  return result.events;
}
