import type { Deal } from "../domain/deal.ts";
import { DEFAULT_ACCEPT_TIMEOUT_MS, type MarketConfig } from "./market-config.ts";
import type { MarketState } from "./state.ts";

/** Market ms an accepted deal waits for its confirmation (a log from before the setting: the default). */
export function acceptTimeoutOf(config: MarketConfig): number {
  return (config as Partial<MarketConfig>).acceptTimeoutMs ?? DEFAULT_ACCEPT_TIMEOUT_MS;
}

/** The market ms at which an accepted deal expires: it can be confirmed before, and expired from then on. */
export function confirmDeadline(state: MarketState, deal: Pick<Deal, "acceptedAt">): number {
  return deal.acceptedAt + acceptTimeoutOf(state.config);
}

/**
 * The accepted deals whose confirmation is overdue at `now`, earliest deadline first (then by id):
 * what the market expires before anything else happens at `now`. Scans every deal; the scheduler
 * keeps its own index of pending deals instead.
 */
export function overdueDeals(state: MarketState, now: number): { dealId: string; at: number }[] {
  const due: { dealId: string; at: number }[] = [];
  for (const deal of state.deals.values()) {
    if (deal.status !== "accepted") continue;
    const at = confirmDeadline(state, deal);
    if (at <= now) due.push({ dealId: deal.id, at });
  }
  return due.sort((a, b) => a.at - b.at || compareIds(a.dealId, b.dealId));
}

/** Orders ids like "D9" before "D10". */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
