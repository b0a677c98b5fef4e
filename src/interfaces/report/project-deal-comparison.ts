import type { AnalysisResults } from "../../analysis/analyze.ts";
import type { Interval } from "../../analysis/stats.ts";
import type { Finding } from "./findings.ts";
import { capitalise, excludesZero, money, signedPercent, tierLabel } from "./format.ts";

/** What Project Deal published (Anthropic, Dec 2025), as design.md and the experiment issue quote it. */
const PUBLISHED =
  "Project Deal (Anthropic, 2025) found that the stronger model's agents got more as sellers ($2.68 more per item), paid less as buyers ($2.45 less per item) and closed more deals";

/** Project Deal's published figure for each effect, as the comparison table shows it. */
const PUBLISHED_FIGURES = {
  sellers: "got more: $2.68 more per item",
  buyers: "paid less: $2.45 less per item",
  deals: "closed more deals",
} as const;

/** One row of the side-by-side table: what Project Deal published, what this experiment found. */
export interface ProjectDealRow {
  effect: string;
  published: string;
  ours: string;
  /** The 95% interval, "" when there is none. */
  interval: string;
  /** "yes": the same way and the interval leaves out zero; "unclear": the same way, the interval includes zero. */
  agrees: "yes" | "unclear" | "no" | "too few to tell";
}

export interface ProjectDealTable {
  strong: string;
  weak: string;
  rows: ProjectDealRow[];
  verdict: string;
}

interface Effect {
  name: string;
  /** True when the estimate points the way Project Deal found. */
  sameWay: boolean;
  clear: boolean;
  text: string;
  /** Too few data to tell (minimums.ts): the effect takes no part in the verdict. */
  tooFew?: boolean;
  rows: ProjectDealRow[];
}

const agreement = (sameWay: boolean, clear: boolean): ProjectDealRow["agrees"] =>
  !sameWay ? "no" : clear ? "yes" : "unclear";

const interval = (i: Interval, format: (value: number) => string): string =>
  i.low !== undefined && i.high !== undefined ? `${format(i.low)} to ${format(i.high)}` : "";

const signedNumber = (value: number) => `${value >= 0 ? "+" : "-"}${Math.abs(value).toFixed(2)}`;

function ci(interval: Interval, format: (value: number) => string): string {
  return interval.low !== undefined && interval.high !== undefined
    ? `95% CI ${format(interval.low)} to ${format(interval.high)}`
    : "no interval";
}

/**
 * One finding that sets the experiment's three tier effects beside Project Deal's: the direction of
 * each, and whether its interval leaves out zero. Only when exactly one tier is compared with the
 * reference on prices and on deals, as in Project Deal's design.
 */
export function projectDealComparison(results: AnalysisResults): Finding[] {
  const table = projectDealTable(results);
  if (!table) return [];
  return [
    {
      topic: "project-deal",
      text: `${PUBLISHED}. Here, ${table.strong} against ${table.weak}, where a positive number points Project Deal's way: ${table.text}. ${table.verdict}`,
      headline: `Against Project Deal: ${table.verdict.charAt(0).toLowerCase()}${table.verdict.slice(1)}`,
    },
  ];
}

/**
 * The three tier effects beside Project Deal's, row by row (the deals effect in two rows when some
 * people were on both tiers), with the verdict. Undefined unless exactly one tier is compared with the
 * reference on prices and on deals, as in Project Deal's design.
 */
export function projectDealTable(
  results: AnalysisResults,
): (ProjectDealTable & { text: string }) | undefined {
  const { contrasts } = results.tierEffects;
  const tiers = new Set(contrasts.map((c) => c.tier));
  const seller = contrasts.find((c) => c.side === "seller");
  const buyer = contrasts.find((c) => c.side === "buyer");
  if (tiers.size !== 1 || !seller || !buyer) return undefined;
  const deals = results.dealRates.find(
    (rate) => rate.tier === seller.tier && rate.reference === seller.reference,
  );
  if (!deals) return undefined;
  const currency = results.meta?.currency ?? "USD";
  const strong = tierLabel(seller.tier);
  const weak = tierLabel(seller.reference);
  // Both comparisons of deals, so neither is picked for how it came out.
  const dealEstimates = [
    ...(deals.tooFew
      ? []
      : [
          {
            ...deals.interval,
            estimate: deals.difference,
            label: "between people",
            how: "in the mixed markets",
          },
        ]),
    ...(deals.withinPerson
      ? [
          {
            ...deals.withinPerson.interval,
            estimate: deals.withinPerson.difference,
            label: "within people",
            how: "compared with themselves",
          },
        ]
      : []),
  ];
  const dealsUnclear = dealEstimates.filter((estimate) => !excludesZero(estimate));
  const effects: Effect[] = [
    {
      name: "sellers",
      sameWay: seller.percent.estimate > 0,
      clear: excludesZero(seller.percent),
      text: seller.tooFew
        ? `${strong} sellers' premium: too few to tell (${seller.tooFew})`
        : `${strong} sellers' premium ${signedPercent(seller.percent.estimate)} for the same items (${ci(seller.percent, signedPercent)})`,
      ...(seller.tooFew ? { tooFew: true } : {}),
      rows: [
        {
          effect: `${capitalise(strong)} sellers' premium`,
          published: PUBLISHED_FIGURES.sellers,
          ours: seller.tooFew
            ? "too few to tell"
            : `${signedPercent(seller.percent.estimate)} for the same items (${signedMoney(seller.cents.estimate, currency)} per item)`,
          interval: seller.tooFew ? "" : interval(seller.percent, signedPercent),
          agrees: seller.tooFew
            ? "too few to tell"
            : agreement(seller.percent.estimate > 0, excludesZero(seller.percent)),
        },
      ],
    },
    {
      // A buyer contrast is already a discount: positive means the tier paid less.
      name: "buyers",
      sameWay: buyer.percent.estimate > 0,
      clear: excludesZero(buyer.percent),
      text: buyer.tooFew
        ? `${strong} buyers' discount: too few to tell (${buyer.tooFew})`
        : `${strong} buyers' discount ${signedPercent(buyer.percent.estimate)} (${ci(buyer.percent, signedPercent)})`,
      ...(buyer.tooFew ? { tooFew: true } : {}),
      rows: [
        {
          effect: `${capitalise(strong)} buyers' discount`,
          published: PUBLISHED_FIGURES.buyers,
          ours: buyer.tooFew
            ? "too few to tell"
            : `${signedPercent(buyer.percent.estimate)} for the same items (${signedMoney(buyer.cents.estimate, currency)} per item)`,
          interval: buyer.tooFew ? "" : interval(buyer.percent, signedPercent),
          agrees: buyer.tooFew
            ? "too few to tell"
            : agreement(buyer.percent.estimate > 0, excludesZero(buyer.percent)),
        },
      ],
    },
    {
      // The verdict names which deal comparison includes zero when only one of them does.
      name:
        dealsUnclear.length > 0 && dealsUnclear.length < dealEstimates.length
          ? `deals ${dealsUnclear.map((estimate) => estimate.label).join(" and ")}`
          : "deals",
      sameWay: dealEstimates.every((estimate) => estimate.estimate > 0),
      clear: dealsUnclear.length === 0,
      text:
        dealEstimates.length === 0
          ? `${strong} participants' extra deals: too few to tell (${deals.tooFew})`
          : `${strong} participants' extra deals ${dealEstimates
              .map(
                (estimate) =>
                  `${signedNumber(estimate.estimate)} each ${estimate.label}, ${estimate.how} (${ci(estimate, signedNumber)})`,
              )
              .join(" and ")}`,
      ...(dealEstimates.length === 0 ? { tooFew: true } : {}),
      rows:
        dealEstimates.length === 0
          ? [
              {
                effect: `${capitalise(strong)} participants' extra deals`,
                published: PUBLISHED_FIGURES.deals,
                ours: "too few to tell",
                interval: "",
                agrees: "too few to tell",
              },
            ]
          : dealEstimates.map((estimate) => ({
              effect: `${capitalise(strong)} participants' extra deals, ${estimate.label}`,
              published: PUBLISHED_FIGURES.deals,
              ours: `${signedNumber(estimate.estimate)} deals each, ${estimate.how}`,
              interval: interval(estimate, signedNumber),
              agrees: agreement(estimate.estimate > 0, excludesZero(estimate)),
            })),
    },
  ];
  // Effects with too few data say nothing about direction: they are named apart and left out.
  const told = effects.filter((effect) => !effect.tooFew);
  const untold = effects.filter((effect) => effect.tooFew).map((effect) => effect.name);
  const against = told.filter((effect) => !effect.sameWay).map((effect) => effect.name);
  const unclear = told.filter((effect) => !effect.clear).map((effect) => effect.name);
  const one = told.length === 1;
  const subject =
    told.length === 3
      ? "All three"
      : one
        ? `The ${told[0]!.name} effect`
        : `Both ${told.map((effect) => effect.name).join(" and ")}`;
  const point = one ? "points" : "point";
  const judged =
    told.length === 0
      ? "There are too few data to tell any of the three."
      : against.length === 0
        ? unclear.length === 0
          ? `${subject} ${point} the same way, and ${one ? "its interval leaves out" : "no interval includes"} zero.`
          : `${subject} ${point} the same way; the interval for ${unclear.join(" and ")} includes zero.`
        : `The ${against.join(" and ")} ${against.length === 1 ? "effect points" : "effects point"} the other way${unclear.length > 0 ? `; the interval for ${unclear.join(" and ")} includes zero` : ""}.`;
  const verdict =
    told.length > 0 && untold.length > 0 ? `${judged} Too few to tell: ${untold.join(" and ")}.` : judged;
  return {
    strong,
    weak,
    rows: effects.flatMap((effect) => effect.rows),
    verdict,
    text: effects.map((effect) => effect.text).join("; "),
  };
}

/** +$3.31, -$0.40: money with its sign, the way the table's other columns are signed. */
function signedMoney(cents: number, currency: string): string {
  const text = money(Math.abs(cents), currency);
  return cents < 0 ? `-${text}` : `+${text}`;
}
