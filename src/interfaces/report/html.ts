import type { AnalysisResults } from "../../analysis/analyze.ts";
import { PERSONA_GROUP_LABELS } from "../../analysis/persona-groups.ts";
import type { Interval } from "../../analysis/stats.ts";
import { EXAMPLE_CSS, type ExampleTranscripts, exampleSection } from "./example-transcripts.ts";
import type { Finding } from "./findings.ts";
import {
  effectInterval,
  effectWords,
  escapeHtml as esc,
  money,
  pCell,
  percent,
  signedPercent,
  tierLabel,
} from "./format.ts";
import type { RenderedPlot } from "./plots.ts";
import { projectDealTable } from "./project-deal-comparison.ts";

const CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #e3e6ec; --accent: #2171b5; }
* { box-sizing: border-box; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: #f7f8fa; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-top: 12px; border-top: 1px solid var(--line); }
.meta { color: var(--muted); margin: 0 0 20px; }
.findings { background: white; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px 16px 36px; }
.findings li { margin: 6px 0; }
.findings a { color: inherit; text-decoration: none; border-bottom: 1px dotted var(--muted); }
.findings a:hover { color: var(--accent); border-bottom-color: var(--accent); }
.findings .section { color: var(--muted); font-size: 12px; margin-left: 6px; }
td.agrees-yes { color: #1b7a3a; font-weight: 600; }
td.agrees-no { color: #b42318; font-weight: 600; }
td.agrees-unclear, td.agrees-too-few-to-tell { color: var(--muted); }
figure { background: white; border: 1px solid var(--line); border-radius: 8px; margin: 12px 0; padding: 12px; overflow-x: auto; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; background: white; margin: 10px 0; font-size: 13px; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: right; vertical-align: top; }
th { background: #eef1f6; }
td.text, th.text { text-align: left; }
.notes { color: var(--muted); font-size: 13px; }
.method { color: var(--muted); font-size: 13px; }
code { background: #eef1f6; padding: 0 4px; border-radius: 3px; }
`;

type Cell = string | number | undefined;

/** Where each topic's findings are told in full. */
const SECTION_OF: Record<Finding["topic"], string> = {
  overview: "arms",
  tiers: "tiers",
  participation: "participation",
  "project-deal": "project-deal",
  pairings: "pairings",
  "same-item": "same-item",
  persona: "persona",
  efficiency: "efficiency",
  fairness: "fairness",
  perception: "perception",
};
const SECTION_NAMES: Record<Finding["topic"], string> = {
  overview: "arms",
  tiers: "tier effects",
  participation: "deals per person",
  "project-deal": "against Project Deal",
  pairings: "price matrix",
  "same-item": "same item",
  persona: "persona",
  efficiency: "efficiency",
  fairness: "fairness audit",
  perception: "perception gap",
};
const AGREES = {
  yes: "yes",
  unclear: "same way, interval includes zero",
  no: "no: the other way",
  "too few to tell": "too few to tell",
} as const;

function table(headers: string[], rows: Cell[][], textColumns = 1): string {
  const head = headers.map((h, i) => `<th${i < textColumns ? ' class="text"' : ""}>${esc(h)}</th>`).join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => `<td${i < textColumns ? ' class="text"' : ""}>${esc(cell === undefined ? "" : String(cell))}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const ci = (interval: Interval | undefined, format: (n: number) => string) =>
  interval?.low !== undefined && interval.high !== undefined
    ? `${format(interval.low)} to ${format(interval.high)}`
    : "";

function figure(plots: readonly RenderedPlot[], id: string): string {
  const plot = plots.find((p) => p.id === id);
  if (!plot) return "";
  return `<figure id="plot-${esc(plot.id)}" data-plot="${esc(plot.id)}">
<div class="plot-title"><strong>${esc(plot.title)}</strong></div>
${plot.svg}
<figcaption>${esc(plot.caption)}</figcaption>
</figure>`;
}

function paragraphs(list: readonly Finding[], topic: Finding["topic"]): string {
  return list
    .filter((f) => f.topic === topic)
    .map((f) => `<p>${esc(f.text)}</p>`)
    .join("\n");
}

/** The self-contained HTML report: inline CSS and SVG, nothing loaded from anywhere. */
export function reportHtml(
  results: AnalysisResults,
  list: readonly Finding[],
  plots: readonly RenderedPlot[],
  options: { generatedAt?: string; examples?: ExampleTranscripts } = {},
): string {
  const { meta } = results;
  const c = meta.currency;
  const m = (cents: number | undefined) => (cents === undefined ? "" : money(cents, c));
  const p = (value: number | undefined, digits = 1) => (value === undefined ? "" : percent(value, digits));
  const sections: string[] = [];

  sections.push(`<h2 id="arms">Arms: listings, deals and volume</h2>
${paragraphs(list, "overview")}
${table(
  ["arm", "config arm", "people", "listings", "sold", "deals", "volume", "median price"],
  results.arms.map((a) => [
    a.arm,
    a.armName,
    a.participants,
    a.listings,
    p(a.saleRate, 0),
    a.deals,
    m(a.volume),
    m(a.medianPrice),
  ]),
  2,
)}`);

  sections.push(`<h2 id="tiers">Seller premium and buyer discount by tier</h2>
${paragraphs(list, "tiers")}
${figure(plots, "price-by-tier")}
${table(
  ["side", "tier", "vs", "effect", "95% CI", "per item", "95% CI", "p", "deals", "adjusted"],
  results.tierEffects.contrasts.map((t) => [
    t.side,
    tierLabel(t.tier),
    tierLabel(t.reference),
    effectWords(t.side, t.percent.estimate, (n) => percent(n)),
    t.tooFew
      ? "too few to tell"
      : effectInterval(t.side, t.percent, (n) => percent(n)).replace("95% CI ", ""),
    effectWords(t.side, t.cents.estimate, (n) => money(n, c)),
    t.tooFew ? "" : effectInterval(t.side, t.cents, (n) => money(n, c)).replace("95% CI ", ""),
    t.pValue === undefined ? "" : pCell(t.pValue),
    t.deals,
    t.adjusted ? "yes" : "no",
  ]),
  3,
)}`);

  sections.push(`<h2 id="participation">Deals per participant by tier</h2>
${paragraphs(list, "participation")}
${table(
  [
    "arm",
    "tier",
    "people",
    "deals as seller",
    "per person",
    "deals as buyer",
    "per person",
    "listings sold",
    "wants filled",
  ],
  results.participation.map((r) => [
    r.arm,
    tierLabel(r.tier),
    r.participants,
    r.dealsAsSeller,
    r.perPersonAsSeller.toFixed(2),
    r.dealsAsBuyer,
    r.perPersonAsBuyer.toFixed(2),
    p(r.saleRate, 0),
    p(r.wantsFilled, 0),
  ]),
  2,
)}`);

  const against = projectDealTable(results);
  if (against) {
    const rows = against.rows
      .map(
        (row) =>
          `<tr><td class="text">${esc(row.effect)}</td><td class="text">${esc(row.published)}</td><td class="text">${esc(row.ours)}</td><td>${esc(row.interval)}</td><td class="text agrees-${row.agrees.replaceAll(" ", "-")}">${esc(AGREES[row.agrees])}</td></tr>`,
      )
      .join("\n");
    sections.push(`<h2 id="project-deal">Against Project Deal</h2>
<p>Project Deal (Anthropic, 2025) ran the same design with Claude models: the same people in markets where everyone had the stronger model and markets where each person had one of the two at random. Its figures beside this experiment's, ${esc(against.strong)} against ${esc(against.weak)}; a positive number points Project Deal's way.</p>
<table class="project-deal"><thead><tr><th class="text">effect</th><th class="text">Project Deal (published)</th><th class="text">here</th><th>95% CI</th><th class="text">agrees?</th></tr></thead><tbody>
${rows}
</tbody></table>
<p>${esc(against.verdict)} Project Deal's figures are in dollars per item of its own market; ours are for the same items across this experiment's arms, so the direction and whether the interval leaves out zero are compared, not the size.</p>`);
  }

  sections.push(`<h2 id="pairings">Price matrix: seller tier x buyer tier</h2>
${paragraphs(list, "pairings")}
${figure(plots, "pairing-matrix")}
${table(
  ["seller tier", "buyer tier", "deals", "mean price", "comparable deals", "vs item average"],
  results.priceMatrix.cells
    .filter((cell) => cell.deals > 0)
    .map((cell) => [
      tierLabel(cell.sellerTier),
      tierLabel(cell.buyerTier),
      cell.deals,
      m(cell.meanPrice),
      cell.comparableDeals,
      cell.vsItemAverage === undefined ? "" : signedPercent(cell.vsItemAverage),
    ]),
  2,
)}`);

  sections.push(`<h2 id="same-item">The same item across arms</h2>
${paragraphs(list, "same-item") || "<p>No item sold in more than one arm.</p>"}
${figure(plots, "same-item")}
${table(
  ["item", "highest", "in", "lowest", "in", "gap"],
  results.sameItem.examples.map((e) => [
    e.title ?? e.item,
    m(e.highest.price),
    `${e.highest.arm} (${tierLabel(e.highest.sellerTier)} seller, ${tierLabel(e.highest.buyerTier)} buyer)`,
    m(e.lowest.price),
    `${e.lowest.arm} (${tierLabel(e.lowest.sellerTier)} seller, ${tierLabel(e.lowest.buyerTier)} buyer)`,
    `${m(e.gap)} (${percent(e.gapRatio, 0)})`,
  ]),
  1,
)}`);

  const examples = exampleSection(options.examples, c);
  if (examples) sections.push(examples);

  sections.push(`<h2 id="persona">Persona and strategy instructions</h2>
${paragraphs(list, "persona")}
${table(
  ["side", "instructions", "people (per arm)", "deals", "price", "95% CI", "surplus share", "success", "of"],
  results.persona.map((r) => [
    r.side,
    PERSONA_GROUP_LABELS[r.group],
    r.people,
    r.deals,
    r.price ? signedPercent(r.price.estimate) : "",
    ci(r.price, (n) => signedPercent(n)),
    p(r.surplusShare, 0),
    p(r.successRate, 0),
    r.opportunities,
  ]),
  2,
)}
<p class="method">Price: for sellers, the price against their asking price; for buyers, against the same items' average price across arms. Success: listings sold (sellers) or wants filled (buyers).</p>`);

  sections.push(`<h2 id="efficiency">Market efficiency</h2>
${paragraphs(list, "efficiency") || "<p>Not computed: the input has no listings and wants.</p>"}
${figure(plots, "efficiency")}
${table(
  [
    "arm",
    "realised surplus",
    "best possible",
    "proven upper bound",
    "efficiency",
    "exact",
    "best without budgets",
    "possible pairs",
  ],
  results.efficiency.map((e) => [
    e.arm,
    m(e.realisedSurplus),
    m(e.bestSurplus),
    m(e.upperBound),
    e.exact ? p(e.efficiency) : `${p(e.efficiencyAtLeast)} to ${p(e.efficiency)}`,
    e.exact ? "yes" : "no",
    m(e.unconstrainedSurplus),
    e.possiblePairs,
  ]),
  1,
)}
<p class="method">Wants match listings by the rule "${esc(meta.matchRule)}"; a pair that actually traded always counts. Each want and each listing is used at most once, and the reserves of a buyer's listings must fit in the buyer's budget.</p>`);

  sections.push(`<h2 id="fairness">Fairness audit: each side's share of the surplus</h2>
${paragraphs(list, "fairness") || "<p>Not computed: no deal has both a reserve and a max price.</p>"}
${figure(plots, "surplus-shares")}
${table(
  ["side", "tier", "deals", "mean share", "95% CI", "mean surplus per deal"],
  results.surplusShares.byTier.map((s) => [
    s.side,
    tierLabel(s.tier),
    s.deals,
    p(s.share.estimate),
    ci(s.share, (n) => percent(n)),
    m(s.meanSurplus),
  ]),
  2,
)}`);

  if (results.perception) {
    sections.push(`<h2 id="perception">Perception gap: rated fairness against measured share</h2>
${paragraphs(list, "perception")}
${figure(plots, "perception")}
${table(
  ["tier", "side", "responses", "rated fairness", "satisfaction", "would pay", "measured share"],
  results.perception.byTier.map((r) => [
    tierLabel(r.tier),
    r.side,
    r.responses,
    r.meanFairness?.toFixed(2) ?? "",
    r.meanSatisfaction?.toFixed(2) ?? "",
    p(r.wouldPayRate, 0),
    p(r.meanShare, 0),
  ]),
  2,
)}`);
  }

  if (results.modelUsage.length > 0) {
    sections.push(`<h2 id="models">Model use and cost</h2>
<p>Calls, tokens and the estimated cost of the model agents, per arm and agent. The cached share is the
part of the input the provider read from its prompt cache.</p>
${table(
  [
    "arm",
    "agent",
    "people",
    "calls",
    "input tokens",
    "output tokens",
    "cached",
    "est. cost",
    "deals",
    "calls/deal",
  ],
  results.modelUsage.map((r) => [
    r.arm,
    tierLabel(r.spec),
    r.participants,
    r.calls,
    r.inputTokens.toLocaleString("en-US"),
    r.outputTokens.toLocaleString("en-US"),
    p(r.cachedShare, 0),
    `$${(r.costCents / 100).toFixed(2)}`,
    r.deals,
    r.callsPerDeal === undefined ? "" : r.callsPerDeal.toFixed(1),
  ]),
  2,
)}`);
  }

  const notes = results.notes.length
    ? `<h2 id="notes">Notes</h2><ul class="notes">${results.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`
    : "";
  // The headline findings, one line each, each linking to its section, where the full text and the tables are.
  const headline = list
    .filter((f) => f.headline !== undefined)
    .map(
      (f) =>
        `<li><a href="#${SECTION_OF[f.topic]}">${esc(f.headline!)}</a><span class="section">${esc(SECTION_NAMES[f.topic])}</span></li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(meta.name)}: Haggle experiment report</title>
<style>${CSS}${EXAMPLE_CSS}</style>
</head>
<body>
<main>
<h1>${esc(meta.name)}</h1>
<p class="meta">${esc(
    `${meta.kind === "experiment" ? "Experiment" : meta.kind === "run" ? "Market run" : "Deals file"} with ${meta.arms.length} arm${meta.arms.length === 1 ? "" : "s"}, ${meta.deals} deals, tiers ${meta.tiers.map(tierLabel).join(", ")}${meta.reference ? ` (compared with ${tierLabel(meta.reference)}: ${meta.referenceChoice.reason})` : ""}. Seed ${meta.seed}, ${meta.bootstrap} bootstrap resamples, ${meta.permutations} permutations.${options.generatedAt ? ` Generated ${options.generatedAt}.` : ""}`,
  )}</p>
<h2 id="findings">What we found</h2>
<ul class="findings">
${headline}
</ul>
${sections.join("\n")}
${notes}
<p class="method">Money in ${esc(c)}. ${results.tierEffects.method === "item-fixed-effects" ? "Tier effects use item fixed effects: each deal's (log) price is compared with the same item's prices in the other arms, so differences between items drop out." : "Tier effects compare each deal's price with its asking price (one market, no item sold twice)."} Tables as CSV are in <code>tables/</code>; every number is in <code>results.json</code>.</p>
</main>
</body>
</html>
`;
}
