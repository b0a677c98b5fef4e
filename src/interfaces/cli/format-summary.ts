import type { MarketSummary } from "../../analysis/market-summary.ts";
import type { RunOutcome } from "../../app/run-market.ts";
import { formatMoney } from "../../domain/money.ts";
import { emit } from "./output.ts";
import { terminalText } from "./terminal-text.ts";

/** The human summary printed after a market run. */
export function formatSummary(
  summary: MarketSummary,
  extra: { dir: string; wallMs: number; events: number },
): string {
  const lines = [
    "",
    `Market ${summary.marketId}: ${summary.participants} participants`,
    `  listings        ${summary.listings}`,
    `  want ads        ${summary.wantAds}`,
    `  negotiations    ${summary.threads}`,
    `  deals           ${summary.deals}`,
    `  volume          ${formatMoney(summary.volume)}`,
    `  deals/person    ${summary.dealsPerPerson.toFixed(2)} (as buyer or seller)`,
    `  median price    ${formatMoney(Math.round(summary.medianPrice), "USD", { alwaysCents: true })}`,
    `  below asking    ${(summary.meanDiscountFromAsking * 100).toFixed(1)}% on average`,
    `  events          ${extra.events.toLocaleString("en-US")} in ${(extra.wallMs / 1000).toFixed(2)} s`,
  ];
  if (summary.models) {
    const { total, stopped } = summary.models;
    lines.push(
      `  model calls     ${total.calls.toLocaleString("en-US")} (${total.replayedCalls} replayed), ${total.inputTokens.toLocaleString("en-US")} tokens in (${total.cachedInputTokens.toLocaleString("en-US")} cached), ${total.outputTokens.toLocaleString("en-US")} out, about $${(total.costCents / 100).toFixed(2)}${total.costNote ? ` (${total.costNote})` : ""}`,
    );
    if (stopped) lines.push(`  model budget    ${stopped}`);
  }
  if (summary.samples.length > 0) lines.push("", "Sample deals:");
  for (const sample of summary.samples) {
    lines.push(
      "",
      `  ${sample.dealId}: ${terminalText(sample.seller)} sold "${terminalText(sample.item)}" to ${terminalText(sample.buyer)} for ${formatMoney(sample.price, "USD", { alwaysCents: true })} (asked ${formatMoney(sample.askingPrice, "USD", { alwaysCents: true })})`,
    );
    for (const line of sample.opening) lines.push(`    ${terminalText(line.from)}: ${oneLine(line.text)}`);
  }
  lines.push(
    "",
    `Run folder: ${extra.dir}`,
    `  memos in ${extra.dir}/memos, transcripts with: haggle show ${extra.dir} --thread <id>`,
  );
  return lines.join("\n");
}

function oneLine(text: string): string {
  const flat = terminalText(text.replace(/\s+/g, " ").trim());
  return flat.length > 140 ? `${flat.slice(0, 137)}...` : flat;
}

/**
 * Prints how a run ended: its summary, or, for a market stopped before its close (Ctrl-C on a live
 * market), where it stopped and how to go on.
 */
export function emitOutcome(json: boolean, outcome: RunOutcome, options: { resumed?: boolean } = {}): void {
  const { dir, summary, events, wallMs, stopped, resumedFrom } = outcome;
  emit(
    json,
    {
      dir,
      ...(options.resumed ? { resumedFrom } : {}),
      ...(stopped ? { stopped } : {}),
      summary,
      events,
      wallMs,
    },
    () => {
      const head = options.resumed ? `Resumed after event ${resumedFrom}.\n` : "";
      if (stopped) {
        return `${head}Stopped the market at event ${events}, before its close. Go on with: haggle resume ${dir}`;
      }
      return `${head}${formatSummary(summary, outcome)}`;
    },
  );
}
