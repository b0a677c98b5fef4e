import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AgentUsage } from "../../agents/agent.ts";
import { armRecords } from "../../analysis/deal-record.ts";
import { type MarketSummary, summariseMarket } from "../../analysis/market-summary.ts";
import type { MarketHost } from "../../runner/market-host.ts";

export interface RunArtifactsInput {
  runDir: string;
  /** The label of the run's deals (its experiment arm, or its run id). */
  arm: string;
  /** Agent spec per participant id, as the run assigned them (late joiners included). */
  assignment: () => Record<string, string>;
  /** Model usage per participant, read when the market closes. */
  usage: () => Record<string, AgentUsage & { spec: string }>;
  /** Completes the summary (model totals, refusals) before it is written. */
  complete?: (summary: MarketSummary) => void;
  /** Also keeps the summary as a document of the run (the store's). */
  putSummary?: (summary: MarketSummary) => Promise<void>;
}

/**
 * Writes what people and the analysis read once a market closes, as a subscriber of its event
 * stream: `summary.json` and `records.json` (a record per deal, with both sides' mandates, for
 * `haggle analyze`). Resolves with the summary, or undefined if the host closed before the market.
 */
export async function writeRunArtifacts(
  host: MarketHost,
  input: RunArtifactsInput,
): Promise<MarketSummary | undefined> {
  if (host.state.status !== "closed") {
    let closed = false;
    for await (const event of host.events({ fromSeq: host.durableSeq + 1, viewer: "operator" })) {
      if (event.type === "market-closed") {
        closed = true;
        break;
      }
    }
    if (!closed) return undefined;
  }
  const summary = summariseMarket(host.state);
  summary.refusals = host.refusals;
  input.complete?.(summary);
  const records = armRecords(host.state, input.arm, input.assignment(), input.usage());
  await Promise.all([
    writeFile(join(input.runDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`),
    writeFile(join(input.runDir, "records.json"), `${JSON.stringify(records)}\n`),
    input.putSummary?.(summary),
  ]);
  return summary;
}
