import type { AnalysisResults } from "../../analysis/analyze.ts";
import type { Interval } from "../../analysis/stats.ts";
import type { Finding } from "./findings.ts";
import { excludesZero, signedPercent, tierLabel } from "./format.ts";

/** What Project Deal published (Anthropic, Dec 2025), as design.md and the experiment issue quote it. */
const PUBLISHED =
  "Project Deal (Anthropic, 2025) found that the stronger model's agents got more as sellers ($2.68 more per item), paid less as buyers ($2.45 less per item) and closed more deals";

interface Effect {
  name: string;
  /** True when the estimate points the way Project Deal found. */
  sameWay: boolean;
  clear: boolean;
  text: string;
  /** Too few data to tell (minimums.ts): the effect takes no part in the verdict. */
  tooFew?: boolean;
}

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
  const { contrasts } = results.tierEffects;
  const tiers = new Set(contrasts.map((c) => c.tier));
  const seller = contrasts.find((c) => c.side === "seller");
  const buyer = contrasts.find((c) => c.side === "buyer");
  if (tiers.size !== 1 || !seller || !buyer) return [];
  const deals = results.dealRates.find(
    (rate) => rate.tier === seller.tier && rate.reference === seller.reference,
  );
  if (!deals) return [];
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
  return [
    {
      topic: "tiers",
      text: `${PUBLISHED}. Here, ${strong} against ${weak}, where a positive number points Project Deal's way: ${effects.map((effect) => effect.text).join("; ")}. ${verdict}`,
    },
  ];
}
