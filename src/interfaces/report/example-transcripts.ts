import type { ExampleDeal, ExamplePair } from "../../analysis/example-deals.ts";
import { escapeCode, showHidden } from "../../domain/hidden-text.ts";
import { escapeHtml as esc, money, percent, tierLabel } from "./format.ts";

/** One example deal's negotiation as the report shows it: who said what, in order. */
export interface ExampleTranscript {
  seller: string;
  buyer: string;
  messages: { side: "seller" | "buyer"; name: string; text: string }[];
}

/**
 * Reads one deal's negotiation from its arm's run folder (the CLI opens the run's log); undefined
 * when it cannot be read, and the report then goes without the examples.
 */
export type TranscriptLoader = (
  armDir: string,
  arm: string,
  dealId: string,
) => Promise<ExampleTranscript | undefined>;

export interface ExampleTranscripts {
  pair: ExamplePair;
  strong: ExampleTranscript;
  weak: ExampleTranscript;
}

/** The longest negotiation shown whole; longer ones show their opening and their close. */
const SHOWN = 16;

/** Agent-written words: hidden characters shown as their codes, then escaped for HTML. */
const words = (text: string) => esc(showHidden(text, escapeCode));

function messages(transcript: ExampleTranscript): string {
  const all = transcript.messages;
  const line = (m: ExampleTranscript["messages"][number]) =>
    `<li class="${m.side}"><span class="who">${words(m.name)}</span> ${words(m.text)}</li>`;
  if (all.length <= SHOWN) return all.map(line).join("\n");
  const head = all.slice(0, SHOWN / 2);
  const tail = all.slice(all.length - SHOWN / 2);
  const skipped = all.length - head.length - tail.length;
  return [
    ...head.map(line),
    `<li class="skipped">… ${skipped} more message${skipped === 1 ? "" : "s"} …</li>`,
    ...tail.map(line),
  ].join("\n");
}

function column(deal: ExampleDeal, transcript: ExampleTranscript, currency: string, label: string): string {
  return `<div class="example" data-deal="${esc(deal.dealId)}">
<h3>${esc(label.charAt(0).toUpperCase() + label.slice(1))}: sold for ${esc(money(deal.price, currency))}</h3>
<p class="example-meta">${words(transcript.seller)} (${esc(tierLabel(deal.sellerTier))} seller) to ${words(transcript.buyer)} (${esc(tierLabel(deal.buyerTier))} buyer), arm ${esc(deal.arm)}, deal ${esc(deal.dealId)}</p>
<ol class="transcript">
${messages(transcript)}
</ol>
</div>`;
}

/** The section of two deals of the same item side by side; "" without them. */
export function exampleSection(examples: ExampleTranscripts | undefined, currency: string): string {
  if (!examples) return "";
  const { pair, strong, weak } = examples;
  const title = pair.title ?? pair.item;
  const gap = pair.strong.price - pair.weak.price;
  const strongTier = tierLabel(pair.tier);
  const weakTier = tierLabel(pair.reference);
  return `<h2 id="examples">Two deals of the same item</h2>
<p>The same person's ${words(title)}${pair.askingPrice !== undefined ? ` (asking ${esc(money(pair.askingPrice, currency))})` : ""}, sold in two markets: once by a ${esc(strongTier)} agent, once by a ${esc(weakTier)} one, each time to a ${esc(tierLabel(pair.strong.buyerTier))} buyer. The ${esc(strongTier)} seller got ${esc(money(Math.abs(gap), currency))} ${gap >= 0 ? "more" : "less"} (${esc(percent(Math.abs(gap) / pair.weak.price, 0))}).</p>
<div class="examples">
${column(pair.strong, strong, currency, `${strongTier} seller`)}
${column(pair.weak, weak, currency, `${weakTier} seller`)}
</div>
<p class="method">Chosen as the item sold both ways whose price gap is nearest the measured seller premium (${esc(percent(pair.typicalGap))}), so it shows a typical difference, not the largest one.</p>`;
}

/** The examples' styles, part of the report's stylesheet. */
export const EXAMPLE_CSS = `
.examples { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.example { background: white; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
.example h3 { font-size: 15px; margin: 0 0 2px; }
.example-meta { color: var(--muted); font-size: 12px; margin: 0 0 8px; }
.transcript { list-style: none; margin: 0; padding: 0; font-size: 13px; }
.transcript li { margin: 0 0 6px; padding: 6px 8px; border-radius: 6px; overflow-wrap: anywhere; }
.transcript li.seller { background: #eef4fb; margin-right: 18px; }
.transcript li.buyer { background: #f4f1ea; margin-left: 18px; }
.transcript li.skipped { color: var(--muted); text-align: center; background: none; }
.transcript .who { font-weight: 600; margin-right: 4px; }
@media (max-width: 760px) { .examples { grid-template-columns: 1fr; } }
`;
