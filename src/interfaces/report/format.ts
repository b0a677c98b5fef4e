import type { Interval } from "../../analysis/stats.ts";
import { formatMoney } from "../../domain/money.ts";

/** 0.1123 -> "11.2%". */
export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** 0.1123 -> "+11.2%", -0.05 -> "-5.0%". */
export function signedPercent(value: number, digits = 1): string {
  const text = percent(value, digits);
  return value > 0 ? `+${text}` : text;
}

/** A p-value as people read it: "p = 0.002", "p < 0.001". */
export function pValue(p: number | undefined): string {
  if (p === undefined) return "no permutation test";
  if (p < 0.001) return "permutation p < 0.001";
  return `permutation p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** A p-value in a table's column, written as the findings write it: "0.002", "< 0.001". */
export function pCell(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/** "95% CI 6.1% to 16.0%" or "" when there is no interval. */
export function percentInterval(interval: Interval): string {
  if (interval.low === undefined || interval.high === undefined) return "";
  return `95% CI ${percent(interval.low)} to ${percent(interval.high)}`;
}

/**
 * A tier effect in words from its signed value as the tables hold it. Sellers' values are premiums
 * (+0.05: got 5.0% more), buyers' are discounts (+0.05: paid 5.0% less), in percent or in cents; the
 * sign alone picks the word, so a sentence can never say the opposite of the table.
 */
export function effectWords(side: "seller" | "buyer", value: number, format: (magnitude: number) => string) {
  const up = side === "seller" ? value >= 0 : value < 0;
  return `${format(Math.abs(value))} ${up ? "more" : "less"}`;
}

/** "95% CI 2.0% less to 5.0% more", each bound in words as effectWords gives it; "" without bounds. */
export function effectInterval(
  side: "seller" | "buyer",
  interval: Interval,
  format: (magnitude: number) => string,
): string {
  if (interval.low === undefined || interval.high === undefined) return "";
  return `95% CI ${effectWords(side, interval.low, format)} to ${effectWords(side, interval.high, format)}`;
}

/** Money from possibly fractional cents (a mean or a model coefficient), rounded to the cent. */
export function money(cents: number, currency = "USD"): string {
  return formatMoney(Math.round(cents), currency, { alwaysCents: true });
}

export function moneyInterval(interval: Interval, currency = "USD"): string {
  if (interval.low === undefined || interval.high === undefined) return "";
  return `95% CI ${money(interval.low, currency)} to ${money(interval.high, currency)}`;
}

/** True when an interval lies wholly above or below zero. */
export function excludesZero(interval: Interval): boolean {
  return interval.low !== undefined && interval.high !== undefined && (interval.low > 0 || interval.high < 0);
}

/** "engine:strong" -> "strong"; other specs are shown as they are. */
export function tierLabel(tier: string): string {
  const match = /^engine:(.+)$/.exec(tier);
  return match ? match[1]! : tier;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Escapes text for HTML content and attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
