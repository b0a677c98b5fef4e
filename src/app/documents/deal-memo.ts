import type { Deal } from "../../domain/deal.ts";
import { escapeCode, oneLine, showHidden } from "../../domain/hidden-text.ts";
import { formatMoney } from "../../domain/money.ts";
import type { MarketState } from "../../engine/state.ts";

/**
 * Text written by people or agents (titles, names) as inert Markdown on one line: line breaks become
 * " / " (a title cannot end a table row or start a heading), every hidden character (controls, so no
 * raw escape code reaches the file; zero-width, bidi and tag characters) becomes its `\u001b` code,
 * and every character Markdown or HTML could read as syntax is backslash-escaped: pipes (table
 * cells), `&` (no `&#x202e;` entity turns into a bidi override), `<`, emphasis, links, code spans.
 */
export function markdownText(text: string): string {
  return showHidden(oneLine(text, " / "), escapeCode).replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => `\\${c}`);
}

/** A command in a code span: the fence is longer than any run of backticks inside, on one line. */
function codeSpan(text: string): string {
  const inside = showHidden(oneLine(text, " "), escapeCode);
  const longest = Math.max(0, ...(inside.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return longest > 0 ? `${fence} ${inside} ${fence}` : `${fence}${inside}${fence}`;
}

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
  const md = markdownText;
  // Pick-up terms the owners asked their agents to state (their wishes): meant for the other side.
  const terms = [seller, buyer].flatMap((person) => {
    const meeting = person.mandate.wishes?.meeting;
    return meeting ? [`${md(person.name)} asks: ${md(meeting)}`] : [];
  });
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
    `1. ${md(buyer.name)} and ${md(seller.name)} meet in person to hand over the item.${terms.length > 0 ? ` Pick-up terms: ${terms.join("; ")}.` : ""}`,
    `2. ${md(buyer.name)} checks the item matches the listing, then pays ${formatMoney(deal.price, currency, { alwaysCents: true })}.`,
    `3. Both mark the hand-over done: ${codeSpan(`haggle handover ${deal.id} --as <your id>${options.runDir ? ` --run ${options.runDir}` : ""}`)}.`,
    "",
    ...(deal.handedOverBy.length > 0
      ? [
          `Hand-over marked done by: ${deal.handedOverBy.map((id) => md(state.participants.get(id)?.participant.name ?? id)).join(", ")}${deal.status === "handed-over" ? " (complete)" : ""}.`,
          "",
        ]
      : []),
    // What a person can actually do: the agents cannot change a confirmed deal, and nothing is paid yet.
    `_Drafted by your Haggle agents, who cannot change a confirmed deal. If anything here is wrong, do not pay or hand over the item: read how it was agreed in thread ${deal.threadId}${options.runDir ? ` (${codeSpan(`haggle show ${options.runDir} --thread ${deal.id}`)})` : ""} and settle it with the other person when you meet._`,
    "",
  ].join("\n");
}
