import { HostError } from "../../runner/host-error.ts";
import type { MarketAccess } from "../market-access.ts";
import { dealIdFor } from "../queries/thread-transcript.ts";

export interface HandOverResult {
  deal: string;
  status: string;
  handedOverBy: string[];
}

/**
 * Marks a deal handed over on `participant`'s side (named by its id, D12, or its thread's, T40), through whoever holds the market. When both
 * sides have, the deal is complete. A refusal (not a party, not confirmed, already marked) comes
 * back as an error with the engine's code.
 */
export async function handOver(
  market: MarketAccess,
  dealId: string,
  participant: string,
): Promise<HandOverResult> {
  const before = await market.state();
  if (!before.participants.has(participant)) {
    throw new HostError(
      "bad-input",
      "handover/unknown-participant",
      `--as "${participant}" is not a participant of this run: use the id your memo names`,
    );
  }
  const thread = before.threads.get(dealId);
  if (thread && !thread.dealId) {
    throw new HostError(
      "not-found",
      "handover/no-deal",
      `thread ${dealId} made no deal (it is ${thread.status}): name a deal (D12) or the thread of one`,
    );
  }
  const id = dealIdFor(before, dealId) ?? dealId;
  const result = await market.submit(participant, { type: "mark-handed-over", dealId: id });
  if (!result.ok) throw new HostError("conflict", result.code, result.message);
  const deal = (await market.state()).deals.get(id)!;
  return { deal: deal.id, status: deal.status, handedOverBy: [...deal.handedOverBy] };
}
