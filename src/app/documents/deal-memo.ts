import type { Deal } from "../../domain/deal.ts";
import { formatMoney } from "../../domain/money.ts";
import type { MarketState } from "../../engine/state.ts";

/**
 * The confirmation memo both people receive for a settled deal, in Markdown: who, what, the price,
 * and the hand-over step. Names only public facts and the agreed price.
 */
export function dealMemoMarkdown(state: MarketState, deal: Deal, options: { runDir?: string } = {}): string {
  const seller = state.participants.get(deal.seller)!.participant;
  const buyer = state.participants.get(deal.buyer)!.participant;
  const listing = state.listings.get(deal.listingId)!;
  const currency = state.config.currency;
  const when = new Date(deal.confirmedAt ?? deal.acceptedAt).toISOString().replace("T", " ").slice(0, 16);
  const md = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
  return [
    `# Deal confirmation ${deal.id}`,
    "",
    `**${md(seller.name)}** sells **${md(listing.title)}** to **${md(buyer.name)}** for **${formatMoney(deal.price, currency, { alwaysCents: true })}**.`,
    "",
    "| | |",
    "|---|---|",
    `| Item | ${md(listing.title)} (${listing.condition}${listing.ageYears !== undefined ? `, about ${listing.ageYears} years old` : ""}) |`,
    `| Listed at | ${formatMoney(listing.askingPrice, currency, { alwaysCents: true })} |`,
    `| Agreed price | ${formatMoney(deal.price, currency, { alwaysCents: true })} |`,
    `| Seller | ${md(seller.name)} (${seller.id}) |`,
    `| Buyer | ${md(buyer.name)} (${buyer.id}) |`,
    `| Confirmed | ${when} UTC, market ${md(state.config.marketId)}, thread ${deal.threadId} |`,
    "",
    "## Next step: the hand-over",
    "",
    `1. ${md(buyer.name)} and ${md(seller.name)} meet in person to hand over the item.`,
    `2. ${md(buyer.name)} checks the item matches the listing, then pays ${formatMoney(deal.price, currency, { alwaysCents: true })}.`,
    `3. Both mark the hand-over done: \`haggle handover ${deal.id} --as <your id>${options.runDir ? ` --run ${options.runDir}` : ""}\`.`,
    "",
    ...(deal.handedOverBy.length > 0
      ? [
          `Hand-over marked done by: ${deal.handedOverBy.map((id) => md(state.participants.get(id)?.participant.name ?? id)).join(", ")}${deal.status === "handed-over" ? " (complete)" : ""}.`,
          "",
        ]
      : []),
    "_Drafted by your Haggle agents. Reply to your agent if anything here is wrong._",
    "",
  ].join("\n");
}
