import type { MarketSummary, SampleDeal } from "../../analysis/market-summary.ts";
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
  for (const sample of summary.samples) lines.push("", ...formatSample(sample));
  const example = summary.samples[0]?.dealId ?? "<deal id>";
  lines.push(
    "",
    `Run folder: ${extra.dir}`,
    `  strong agents against weak ones:   haggle analyze ${extra.dir}   (and a report, report.html)`,
    `  one deal's whole negotiation:      haggle show ${extra.dir} --thread ${example}   (a deal or thread id)`,
    `  each deal's memo to its owners:    ${extra.dir}/memos/${example}.md`,
  );
  return lines.join("\n");
}

/** Offers shown in a sample's price line before its middle is cut to "...". */
const MOST_PRICES = 7;

/**
 * How a sample deal's price got there, in a few lines: who sold what to whom, the offers (the opening
 * of each side, each change of price, the close), the first messages and the last ones.
 */
export function formatSample(sample: SampleDeal): string[] {
  const money = (cents: number) => formatMoney(cents, "USD", { alwaysCents: true });
  const lines = [
    `  ${sample.dealId} (thread ${sample.threadId}): ${terminalText(sample.seller)} sold "${terminalText(sample.item)}" to ${terminalText(sample.buyer)} for ${money(sample.price)} (asked ${money(sample.askingPrice)})`,
  ];
  // Older summaries (summary.json of earlier runs) have no offers or closing messages.
  const prices = sample.offerPrices ?? [];
  if (prices.length > 0) {
    const made = sample.offersMade ?? prices.length;
    lines.push(`    offers: ${priceStory(prices)} (${made} offer${made === 1 ? "" : "s"})`);
  }
  const said = (line: { from: string; text: string }) =>
    `    ${terminalText(line.from)}: ${oneLine(line.text)}`;
  const closing = sample.closing ?? [];
  const total = sample.messages ?? sample.opening.length;
  if (closing.length === 0) {
    lines.push(...sample.opening.map(said));
    return lines;
  }
  const first = sample.opening.slice(0, 2);
  const skipped = total - first.length - closing.length;
  lines.push(...first.map(said));
  if (skipped > 0) lines.push(`    ... ${skipped} more message${skipped === 1 ? "" : "s"} ...`);
  lines.push(...closing.map(said));
  return lines;
}

/**
 * A negotiation's offers as "$43 -> $95 -> $60 -> ... -> $82": each side's first offer, then only
 * the offers that changed that side's price (a side standing firm adds nothing), the last always; a
 * long story keeps its first and last three, "..." between.
 */
export function priceStory(offers: readonly { from: string; price: number }[]): string {
  const money = (cents: number) => formatMoney(cents);
  const lastBy = new Map<string, number>();
  const turns: number[] = [];
  offers.forEach((offer, i) => {
    const before = lastBy.get(offer.from);
    lastBy.set(offer.from, offer.price);
    if (before !== offer.price || i === offers.length - 1) turns.push(offer.price);
  });
  const shown =
    turns.length > MOST_PRICES
      ? [...turns.slice(0, 3).map(money), "...", ...turns.slice(-3).map(money)]
      : turns.map(money);
  return shown.join(" -> ");
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
