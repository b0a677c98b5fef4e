import { resolve } from "node:path";
import type { Command } from "commander";
import { handOver } from "../../../app/commands/hand-over.ts";
import type { MarketAccess } from "../../../app/market-access.ts";
import { openRunHost } from "../../../app/open-run-host.ts";
import { connectToRunningHost } from "../../local/host-client.ts";
import { emit } from "../output.ts";

/**
 * The market's one writer for a command: the host of a market running in another process, or a
 * host opened on the log for this command when none runs.
 */
async function marketFor(run: string, db: string | undefined): Promise<MarketAccess> {
  return (await connectToRunningHost(run)) ?? (await openRunHost(run, db));
}

export function register(program: Command): void {
  program
    .command("handover")
    .description("Mark a deal's hand-over done on your side; when both sides have, the deal is complete")
    .argument("<deal>", "the deal id, e.g. D12 (from the confirmation memo), or its thread's id, e.g. T40")
    .requiredOption("--as <participant>", "your participant id (the memo names it)")
    .option("--run <dir>", "the run folder the deal is in", ".")
    .option("--db <url>", "the PostgreSQL URL the run used, if any (or HAGGLE_DB)")
    .option("--json", "machine-readable output")
    .action(async (dealId: string, options: { as: string; run: string; db?: string; json?: boolean }) => {
      const market = await marketFor(resolve(options.run), options.db);
      try {
        // A refusal is a HaggleError of kind conflict or bad-input: exit code 2 with the engine's message.
        const deal = await handOver(market, dealId, options.as);
        emit(Boolean(options.json), deal, () =>
          deal.status === "handed-over"
            ? `${deal.deal}: both sides have marked the hand-over done. The deal is complete.`
            : `${deal.deal}: hand-over marked done by ${options.as}; waiting for the other side.`,
        );
      } finally {
        await market.close();
      }
    });
}
