import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { dealMemoMarkdown } from "../../../app/documents/deal-memo.ts";
import { apply } from "../../../engine/apply.ts";
import { replay } from "../../../engine/replay.ts";
import { readRunRecord } from "../../../runner/run-folder.ts";
import { openStore } from "../../../store/index.ts";
import { UsageError } from "../errors.ts";
import { emit } from "../output.ts";

export function register(program: Command): void {
  program
    .command("handover")
    .description("Mark a deal's hand-over done on your side; when both sides have, the deal is complete")
    .argument("<deal>", "the deal id, e.g. D12 (from the confirmation memo)")
    .requiredOption("--as <participant>", "your participant id (the memo names it)")
    .option("--run <dir>", "the run folder the deal is in", ".")
    .option("--db <url>", "the PostgreSQL URL the run used, if any (or HAGGLE_DB)")
    .option("--json", "machine-readable output")
    .action(async (dealId: string, options: { as: string; run: string; db?: string; json?: boolean }) => {
      const dir = resolve(options.run);
      const record = await readRunRecord(dir);
      const url = options.db ?? process.env.HAGGLE_DB;
      const store = await openStore({ ...(url ? { db: url } : {}), dataDir: join(dir, "db") });
      try {
        const state = replay(await store.read(record.marketId));
        if (!state.participants.has(options.as)) {
          throw new UsageError(
            `--as "${options.as}" is not a participant of this run: use the id your memo names`,
          );
        }
        const outcome = apply(
          state,
          { type: "mark-handed-over", actor: options.as, dealId },
          Math.max(state.now, Date.now()),
        );
        // Refusals are logged too: the log is complete.
        await store.append(record.marketId, outcome.events);
        if (!outcome.ok) throw new UsageError(outcome.rejection.message);
        const deal = state.deals.get(dealId)!;
        await writeFile(join(dir, "memos", `${deal.id}.md`), dealMemoMarkdown(state, deal, { runDir: dir }));
        emit(
          Boolean(options.json),
          { deal: deal.id, status: deal.status, handedOverBy: deal.handedOverBy },
          () =>
            deal.status === "handed-over"
              ? `${deal.id}: both sides have marked the hand-over done. The deal is complete.`
              : `${deal.id}: hand-over marked done by ${options.as}; waiting for the other side.`,
        );
      } finally {
        await store.close();
      }
    });
}
