import type { AnalysisResults } from "../../analysis/analyze.ts";
import { PERSONA_GROUP_LABELS } from "../../analysis/persona-groups.ts";
import { counted } from "../../domain/plural.ts";
import {
  capitalise,
  effectInterval,
  effectWords,
  excludesZero,
  money,
  percent,
  percentInterval,
  pValue,
  signedPercent,
  tierLabel,
} from "./format.ts";
import { projectDealComparison } from "./project-deal-comparison.ts";

/** One finding in plain words, under a heading of the report. */
export interface Finding {
  topic:
    | "overview"
    | "tiers"
    | "participation"
    | "pairings"
    | "same-item"
    | "persona"
    | "efficiency"
    | "fairness"
    | "perception"
    | "project-deal";
  text: string;
  /**
   * The finding in a line, for the list at the top of the report (which links to the finding's
   * section); only the findings that carry a result have one.
   */
  headline?: string;
}

const join = (parts: string[]) => parts.filter(Boolean).join(", ");

function overview(results: AnalysisResults): Finding[] {
  const { arms, meta } = results;
  const currency = meta.currency;
  const volume = arms.reduce((sum, arm) => sum + arm.volume, 0);
  const text = [
    `${arms.length} ${arms.length === 1 ? "market" : "markets (arms)"} with ${counted(meta.deals, "deal")} worth ${money(volume, currency)} in all.`,
  ];
  for (const arm of arms) {
    text.push(
      `${arm.arm}: ${counted(arm.deals, "deal")}, ${money(arm.volume, currency)}${arm.listings !== undefined ? ` from ${counted(arm.listings, "listing")} (${percent(arm.saleRate ?? 0, 0)} sold)` : ""}.`,
    );
  }
  return [
    {
      topic: "overview",
      text: text.join(" "),
      headline: `${counted(meta.deals, "deal")} worth ${money(volume, currency)} in ${counted(arms.length, "market")}.`,
    },
  ];
}

function tiers(results: AnalysisResults): Finding[] {
  const out: Finding[] = [];
  const { currency } = results.meta;
  const fixed = results.tierEffects.method === "item-fixed-effects";
  const sameItems = fixed ? "for the same items" : "relative to asking prices";
  for (const c of results.tierEffects.contrasts) {
    const who = `${capitalise(tierLabel(c.tier))} ${c.side}s`;
    const ref = `${tierLabel(c.reference)} ${c.side}s`;
    const verb = c.side === "seller" ? "got" : "paid";
    if (c.tooFew) {
      out.push({
        topic: "tiers",
        text: `${who} against ${ref}: too few to tell (${c.tooFew}), so no interval and no p-value.`,
        headline: `${who} against ${ref}: too few to tell.`,
      });
      continue;
    }
    // Every number below is the table's signed value put into words by effectWords, so the sentence
    // and the tables cannot disagree; when the percent and the money per item point different ways,
    // the sentence says so rather than joining them with "about".
    const pct = (magnitude: number) => percent(magnitude);
    const cash = (magnitude: number) => money(magnitude, currency);
    const interval = effectInterval(c.side, c.percent, pct);
    const centsInterval = effectInterval(c.side, c.cents, cash);
    const cents = `${effectWords(c.side, c.cents.estimate, cash)} per item${centsInterval ? ` (${centsInterval})` : ""}`;
    // Judged on the numbers as shown (0.1%, a cent): one that shows as zero points no way.
    const shownPercent = Math.round(c.percent.estimate * 1000);
    const shownCents = Math.round(c.cents.estimate);
    const agree = shownPercent === 0 || shownCents === 0 || shownPercent > 0 === shownCents > 0;
    const inMoney = agree
      ? `about ${cents}`
      : `in money per item the other way, ${cents}: the percent weighs every item alike, the money is led by the dearer items, so the two disagree`;
    const clear = excludesZero(c.percent);
    const verdict = clear
      ? ""
      : " The interval includes zero: these data cannot tell this apart from no difference.";
    out.push({
      topic: "tiers",
      text: `${who} ${verb} ${effectWords(c.side, c.percent.estimate, pct)} ${sameItems} than ${ref} (${join([interval, pValue(c.pValue)])}); ${inMoney}.${verdict}${c.adjusted ? "" : " Not adjusted for the other side's tier."}`,
      headline: `${who} ${verb} ${effectWords(c.side, c.percent.estimate, pct)} ${sameItems} than ${ref}${interval ? ` (${interval})` : ""}${clear ? "." : ": not clear of zero."}`,
    });
  }
  if (out.length === 0) {
    out.push({
      topic: "tiers",
      text: `No tier comparison. ${results.tierEffects.notes.join(" ") || "Only one tier took part."}`,
    });
  } else {
    out.push({
      topic: "tiers",
      text: fixed
        ? `Estimated with item fixed effects on ${results.tierEffects.dealsUsed} deals of ${results.tierEffects.itemsUsed} items sold more than once; intervals clustered by seller and by buyer (deals that share a person are not independent), p-values from ${results.tierEffects.permutations} re-draws of the tiers the mixed markets' people were given.`
        : `One market: no item sold twice, so ${results.tierEffects.dealsUsed} deals are compared by price over asking price (weaker than the same-item comparison of an experiment); intervals clustered by seller and by buyer, p-values from ${results.tierEffects.permutations} re-draws of the people's tiers.`,
    });
  }
  return out;
}

function participation(results: AnalysisResults): Finding[] {
  const rows = results.participation.filter((row) => row.arm === "all");
  if (rows.length === 0) return [];
  const parts = rows.map(
    (row) =>
      `${tierLabel(row.tier)} participants closed ${row.perPersonAsSeller.toFixed(2)} deals each as sellers and ${row.perPersonAsBuyer.toFixed(2)} as buyers${row.saleRate !== undefined ? ` (${percent(row.saleRate, 0)} of their listings sold` : ""}${row.wantsFilled !== undefined ? `, ${percent(row.wantsFilled, 0)} of their wants filled)` : row.saleRate !== undefined ? ")" : ""}`,
  );
  const findings: Finding[] = [{ topic: "participation", text: `${capitalise(parts.join("; "))}.` }];
  for (const rate of results.dealRates) {
    if (rate.tooFew) {
      findings.push({
        topic: "participation",
        text: `In the markets where both traded side by side, ${tierLabel(rate.tier)} participants closed ${rate.perPerson.toFixed(2)} deals each and ${tierLabel(rate.reference)} participants ${rate.referencePerPerson.toFixed(2)}: too few to tell whether they differ (${rate.tooFew}), so no interval and no p-value.`,
      });
      continue;
    }
    findings.push({
      topic: "participation",
      text: `In the markets where both traded side by side, ${tierLabel(rate.tier)} participants closed ${rate.perPerson.toFixed(2)} deals each and ${tierLabel(rate.reference)} participants ${rate.referencePerPerson.toFixed(2)}: ${signed(rate.difference)} deals per person (${signedInterval(rate.interval)}${pText(rate.p)}; ${rate.persons} and ${rate.referencePersons} people).`,
      headline: `Side by side, ${tierLabel(rate.tier)} participants closed ${Math.abs(rate.difference).toFixed(2)} ${rate.difference >= 0 ? "more" : "fewer"} deals each than ${tierLabel(rate.reference)} ones (${signedInterval(rate.interval)}).`,
    });
    const within = rate.withinPerson;
    if (within) {
      findings.push({
        topic: "participation",
        text: `The same people, compared with themselves (${within.people} were ${tierLabel(rate.tier)} in one mixed market and ${tierLabel(rate.reference)} in another), closed ${Math.abs(within.difference).toFixed(2)} ${within.difference >= 0 ? "more" : "fewer"} deals when ${tierLabel(rate.tier)} than when ${tierLabel(rate.reference)}, each market's average taken off (${signedInterval(within.interval)}${pText(within.p, "sign-flip")}).`,
      });
    }
  }
  return findings;
}

function signedInterval(interval: { low?: number; high?: number }): string {
  return interval.low !== undefined && interval.high !== undefined
    ? `95% CI ${signed(interval.low)} to ${signed(interval.high)}`
    : "no interval";
}

function pText(p: number | undefined, test = "permutation"): string {
  if (p === undefined) return "";
  return `, ${test} p ${p < 0.001 ? "< 0.001" : `= ${p.toFixed(3)}`}`;
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : "-"}${Math.abs(value).toFixed(2)}`;
}

function pairings(results: AnalysisResults): Finding[] {
  const cells = results.priceMatrix.cells.filter(
    (cell) => cell.vsItemAverage !== undefined && cell.comparableDeals >= 5,
  );
  if (cells.length < 2) return [];
  const sorted = [...cells].sort((a, b) => b.vsItemAverage! - a.vsItemAverage!);
  const high = sorted[0]!;
  const low = sorted[sorted.length - 1]!;
  const name = (cell: (typeof cells)[number]) =>
    `${tierLabel(cell.sellerTier)} sellers met ${tierLabel(cell.buyerTier)} buyers`;
  return [
    {
      topic: "pairings",
      text: `Prices were highest when ${name(high)} (${signedPercent(high.vsItemAverage!)} against the same items' average, ${counted(high.comparableDeals, "deal")}) and lowest when ${name(low)} (${signedPercent(low.vsItemAverage!)}, ${counted(low.comparableDeals, "deal")}).`,
      headline: `Prices were highest when ${name(high)} (${signedPercent(high.vsItemAverage!)}) and lowest when ${name(low)} (${signedPercent(low.vsItemAverage!)}).`,
    },
  ];
}

function sameItem(results: AnalysisResults): Finding[] {
  const { sameItem, meta } = results;
  if (sameItem.itemsSoldInSeveralArms === 0) return [];
  const out: Finding[] = [
    {
      topic: "same-item",
      text: `${sameItem.itemsSoldInSeveralArms} items sold in more than one arm; the median gap between an item's highest and lowest price was ${percent(sameItem.medianGapRatio ?? 0, 0)} (${money(sameItem.medianGap ?? 0, meta.currency)}).`,
      headline: `The same item's price varied by ${percent(sameItem.medianGapRatio ?? 0, 0)} across arms (the median gap, over ${counted(sameItem.itemsSoldInSeveralArms, "item")}).`,
    },
  ];
  const top = sameItem.examples[0];
  if (top && top.gap > 0) {
    out.push({
      topic: "same-item",
      text: `The largest gap: "${top.title ?? top.item}" sold for ${money(top.highest.price, meta.currency)} in ${top.highest.arm} (${tierLabel(top.highest.sellerTier)} seller, ${tierLabel(top.highest.buyerTier)} buyer) and for ${money(top.lowest.price, meta.currency)} in ${top.lowest.arm} (${tierLabel(top.lowest.sellerTier)} seller, ${tierLabel(top.lowest.buyerTier)} buyer).`,
    });
  }
  return out;
}

/** -0.155 -> "15.5% under", 0.02 -> "2.0% over". */
function versus(value: number, under: string, over: string): string {
  return `${percent(Math.abs(value))} ${value < 0 ? under : over}`;
}

function persona(results: AnalysisResults): Finding[] {
  const out: Finding[] = [];
  const ci = (interval: { low?: number; high?: number; estimate: number }) =>
    interval.low !== undefined && interval.high !== undefined
      ? `, 95% CI ${signedPercent(interval.low)} to ${signedPercent(interval.high)}`
      : "";
  const sellers = results.persona.filter((p) => p.side === "seller" && p.price && p.deals >= 5);
  if (sellers.length >= 2) {
    const sorted = [...sellers].sort((a, b) => b.price!.estimate - a.price!.estimate);
    const best = sorted[0]!;
    const worst = sorted[sorted.length - 1]!;
    out.push({
      topic: "persona",
      text: `Sellers whose instructions read "${PERSONA_GROUP_LABELS[best.group]}" sold ${versus(best.price!.estimate, "under", "over")} their asking price on average (${counted(best.deals, "deal")}${ci(best.price!)}); "${PERSONA_GROUP_LABELS[worst.group]}" sellers ${versus(worst.price!.estimate, "under", "over")} (${counted(worst.deals, "deal")}${ci(worst.price!)}).`,
    });
  }
  const buyers = results.persona.filter((p) => p.side === "buyer" && p.price && p.deals >= 5);
  if (buyers.length >= 2) {
    const sorted = [...buyers].sort((a, b) => a.price!.estimate - b.price!.estimate);
    const best = sorted[0]!;
    const worst = sorted[sorted.length - 1]!;
    out.push({
      topic: "persona",
      text: `Buyers with "${PERSONA_GROUP_LABELS[best.group]}" instructions paid ${versus(best.price!.estimate, "less", "more")} than the same items' average (${counted(best.deals, "deal")}${ci(best.price!)}); "${PERSONA_GROUP_LABELS[worst.group]}" buyers ${versus(worst.price!.estimate, "less", "more")} (${counted(worst.deals, "deal")}${ci(worst.price!)}).`,
    });
  }
  if (out.length > 0) {
    out.push({
      topic: "persona",
      text: "Persona groups are not randomly assigned (the same people keep their instructions in every arm), so these are associations, not effects.",
    });
  }
  return out;
}

function efficiency(results: AnalysisResults): Finding[] {
  const rows = results.efficiency.filter((row) => row.efficiency !== undefined);
  if (rows.length === 0) return [];
  const values = rows.map((row) => row.efficiency!);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const exact = rows.every((row) => row.exact);
  const { currency } = results.meta;
  const per = rows
    .map(
      (row) =>
        `${row.arm} ${percent(row.efficiency!, 0)} (${money(row.realisedSurplus, currency)} of ${money(row.bestSurplus, currency)})`,
    )
    .join(", ");
  return [
    {
      topic: "efficiency",
      headline: `The markets realised ${percent(mean, 0)} of the best possible surplus.`,
      text: `The markets realised ${percent(mean, 0)} of the best possible surplus on average (${per}). The best possible pairs buyers' wants with matching listings within each buyer's budget${exact ? " and was solved exactly" : "; the search stopped before proving optimality in some arms, so the efficiency there is between the two figures in the table"}.`,
    },
  ];
}

function fairness(results: AnalysisResults): Finding[] {
  const rows = results.surplusShares.byTier;
  if (rows.length === 0) return [];
  const out: Finding[] = [];
  for (const side of ["seller", "buyer"] as const) {
    const mine = rows.filter((row) => row.side === side);
    if (mine.length === 0) continue;
    out.push({
      topic: "fairness",
      headline: `As ${side}s, ${mine.map((row) => `${tierLabel(row.tier)} participants kept ${percent(row.share.estimate, 0)}`).join(", ")} of the surplus.`,
      text: `As ${side}s, ${mine
        .map(
          (row) =>
            `${tierLabel(row.tier)} participants kept ${percent(row.share.estimate)} of their deals' surplus${row.share.low !== undefined ? ` (${percentInterval(row.share)})` : ""}`,
        )
        .join("; ")}.`,
    });
  }
  return out;
}

function perception(results: AnalysisResults): Finding[] {
  const gap = results.perception;
  if (!gap) return [];
  const rows = gap.byTier.filter((row) => row.side === "both" && row.meanFairness !== undefined);
  const out: Finding[] = [];
  if (rows.length > 0) {
    out.push({
      topic: "perception",
      text: `People rated their deals' fairness ${rows.map((row) => `${row.meanFairness!.toFixed(2)} (${tierLabel(row.tier)}${row.meanShare !== undefined ? `, measured share ${percent(row.meanShare, 0)}` : ""})`).join(" vs ")} on 1-7.`,
    });
  }
  const r = gap.fairnessVsShare;
  out.push({
    topic: "perception",
    ...(r.pearson !== undefined
      ? {
          headline: `Rated fairness and the surplus share people got correlate at r = ${r.pearson.toFixed(2)} (n = ${r.n}).`,
        }
      : {}),
    text:
      r.pearson !== undefined
        ? `The correlation between rated fairness and the surplus share people actually got was r = ${r.pearson.toFixed(2)} (Spearman ${r.spearman!.toFixed(2)}, n = ${r.n}).`
        : `Too few ratings with known surplus shares to correlate (n = ${r.n}).`,
  });
  return out;
}

/** The report's findings in plain words, with numbers and intervals. */
export function findings(results: AnalysisResults): Finding[] {
  return [
    ...overview(results),
    ...tiers(results),
    ...participation(results),
    ...projectDealComparison(results),
    ...pairings(results),
    ...sameItem(results),
    ...persona(results),
    ...efficiency(results),
    ...fairness(results),
    ...perception(results),
  ];
}
