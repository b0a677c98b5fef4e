import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { MarketEvent } from "../../engine/event.ts";
import type { MarketHost } from "../../runner/market-host.ts";
import { dealMemoMarkdown } from "../documents/deal-memo.ts";

/** The events after which a deal's memo is (re)written: it settled, or both sides handed over. */
function settledDeal(event: MarketEvent): string | undefined {
  if (event.type === "deal-confirmed" || event.type === "deal-handed-over") return event.dealId;
  return undefined;
}

/**
 * Keeps `<run>/memos/<deal>.md` in step with the market: a subscriber of the host's event stream
 * that writes a deal's confirmation memo when it is confirmed and again when it is handed over,
 * from the state as it stands. Starts at `fromSeq` (1 rewrites every memo, which is idempotent) and
 * ends when the host closes.
 */
export async function writeDealMemos(host: MarketHost, runDir: string, fromSeq = 1): Promise<number> {
  const dir = join(runDir, "memos");
  await mkdir(dir, { recursive: true });
  let written = 0;
  for await (const event of host.events({ fromSeq, viewer: "operator" })) {
    const deal = host.state.deals.get(settledDeal(event) ?? "");
    if (!deal) continue;
    await writeFile(join(dir, `${deal.id}.md`), dealMemoMarkdown(host.state, deal, { runDir }));
    written++;
  }
  return written;
}
