import type { ArmRecords } from "./deal-record.ts";

/** Model use by agent spec in one arm: what running the arm's LLM agents took. */
export interface ModelUsageRow {
  arm: string;
  spec: string;
  participants: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Share of input tokens read from the provider's prompt cache. */
  cachedShare: number;
  /** Estimated, in fractional cents. */
  costCents: number;
  /** Deals in which an agent of this spec took part, and the calls per such deal. */
  deals: number;
  callsPerDeal?: number;
}

/** Tokens, calls and cost per arm and agent spec, from the arms' usage records (LLM arms only). */
export function modelUsage(arms: readonly { id: string; records: ArmRecords }[]): ModelUsageRow[] {
  const rows: ModelUsageRow[] = [];
  for (const arm of arms) {
    const bySpec = new Map<string, ModelUsageRow & { cached: number }>();
    for (const used of arm.records.usage ?? []) {
      const row = bySpec.get(used.spec) ?? {
        arm: arm.id,
        spec: used.spec,
        participants: 0,
        calls: 0,
        inputTokens: 0,
        outputTokens: 0,
        cachedShare: 0,
        costCents: 0,
        deals: 0,
        cached: 0,
      };
      row.participants++;
      row.calls += used.calls;
      row.inputTokens += used.inputTokens;
      row.outputTokens += used.outputTokens;
      row.cached += used.cachedInputTokens;
      row.costCents += used.costCents;
      bySpec.set(used.spec, row);
    }
    for (const row of bySpec.values()) {
      row.deals = arm.records.deals.filter(
        (deal) => deal.sellerTier === row.spec || deal.buyerTier === row.spec,
      ).length;
      row.cachedShare = row.inputTokens > 0 ? row.cached / row.inputTokens : 0;
      const { cached: _cached, ...plain } = row;
      rows.push(row.deals > 0 ? { ...plain, callsPerDeal: row.calls / row.deals } : plain);
    }
  }
  return rows;
}
