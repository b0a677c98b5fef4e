/**
 * Numbers written in digits, read into integer hundredths (cents when they are money) without floats:
 * "45", "12.50", "1,200", "1,200.50", European "45,00" and "1.200,50".
 */

export interface Numeral {
  /** The value times 100, rounded to a whole number. */
  cents: number;
  /** Digits after the decimal mark (0 for whole numbers). */
  decimals: number;
  /** Written with thousands separators ("1,200"). */
  grouped: boolean;
  /** Digits before the decimal mark, separators removed ("2019" for "2019", "1200" for "1,200"). */
  whole: string;
}

function build(whole: string, fraction: string, grouped: boolean): Numeral | undefined {
  const digits = whole.replace(/[.,]/g, "");
  if (digits.length > 13) return undefined;
  const wholeValue = Number(digits);
  let hundredths: number;
  if (fraction.length <= 2) hundredths = Number(fraction.padEnd(2, "0"));
  else hundredths = Math.round(Number(`0.${fraction}`) * 100);
  const cents = wholeValue * 100 + hundredths;
  if (!Number.isSafeInteger(cents)) return undefined;
  return { cents, decimals: fraction.length, grouped, whole: digits };
}

/** Reads digits with separators; undefined when it is not one number ("1.2.3", "12,34,5"). */
export function parseNumeral(text: string): Numeral | undefined {
  let m = /^(\d+)$/.exec(text);
  if (m) return build(m[1]!, "", false);
  // US grouping: 1,200 or 1,200.50
  m = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(text);
  if (m) return build(m[1]!, m[2] ?? "", true);
  // Plain decimal: 12.50
  m = /^(\d+)\.(\d+)$/.exec(text);
  if (m) {
    // "1.200" with exactly three decimals reads as European grouping, money rarely has three decimals.
    if (m[2]!.length === 3 && m[1]!.length <= 3 && m[1] !== "0") return build(`${m[1]}${m[2]}`, "", true);
    return build(m[1]!, m[2]!, false);
  }
  // European decimal: 45,00 or 12,5
  m = /^(\d+),(\d{1,2})$/.exec(text);
  if (m) return build(m[1]!, m[2]!, false);
  // European grouping: 1.200.000 or 1.200,50
  m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/.exec(text);
  if (m) return build(m[1]!, m[2] ?? "", true);
  return undefined;
}
