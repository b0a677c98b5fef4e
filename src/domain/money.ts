import { z } from "zod";
import { errorBase } from "./errors.ts";

/** An amount of money in integer minor units (cents). Never a float. */
export type Cents = number;

/** Money with its currency, for input and output at the edges. Inside a market one currency applies. */
export interface Money {
  cents: Cents;
  currency: string;
}

export class MoneyError extends errorBase("bad-input", "money/invalid") {
  override name = "MoneyError";
}

const SYMBOLS: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP" };
const CURRENCY_SYMBOL: Record<string, string> = { USD: "$", EUR: "€", GBP: "£" };

/** True when `value` is a safe, non-negative integer number of cents. */
export function isCents(value: unknown): value is Cents {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** Throws unless `value` is a non-negative integer of cents; `what` names the field in the message. */
export function assertCents(value: unknown, what = "amount"): Cents {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new MoneyError(`${what} must be an integer number of cents, got ${String(value)}`);
  }
  if (!Number.isInteger(value)) {
    throw new MoneyError(
      `${what} must be whole cents, got ${value}: write ${Math.round(value * 100)} cents or a string like "$${value.toFixed(2)}"`,
    );
  }
  if (value < 0) throw new MoneyError(`${what} cannot be negative, got ${value}`);
  if (!Number.isSafeInteger(value)) throw new MoneyError(`${what} is too large: ${value}`);
  return value;
}

/**
 * Parses a written amount into cents: "$12.50", "12.50", "USD 12.50", "1,234", "€3". Refuses
 * negatives, more than two decimals and anything that is not a number.
 * @example parseMoney("$12.50") // { cents: 1250, currency: "USD" }
 */
export function parseMoney(text: string, defaultCurrency = "USD"): Money {
  const trimmed = text.trim();
  if (/^-|^\(.*\)$|^[$€£]\s*-/.test(trimmed)) throw new MoneyError(`amount cannot be negative: "${text}"`);
  const match =
    /^(?:([$€£])\s*|([A-Z]{3})\s+)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?:\s*([A-Z]{3}))?$/.exec(trimmed);
  if (!match) {
    throw new MoneyError(`"${text}" is not an amount of money: write it like "$12.50" or "12.50"`);
  }
  const [, symbol, prefixCode, whole, fraction, suffixCode] = match;
  const currency = (symbol ? SYMBOLS[symbol] : undefined) ?? prefixCode ?? suffixCode ?? defaultCurrency;
  const cents = Number((whole ?? "0").replaceAll(",", "")) * 100 + Number((fraction ?? "0").padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) throw new MoneyError(`"${text}" is too large`);
  return { cents, currency };
}

/** Formats cents for people: 1250 -> "$12.50", 4000 -> "$40". */
export function formatMoney(cents: Cents, currency = "USD", options: { alwaysCents?: boolean } = {}): string {
  const symbol = CURRENCY_SYMBOL[currency];
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = abs % 100;
  const body =
    fraction === 0 && !options.alwaysCents
      ? whole.toLocaleString("en-US")
      : `${whole.toLocaleString("en-US")}.${String(fraction).padStart(2, "0")}`;
  return symbol ? `${sign}${symbol}${body}` : `${sign}${body} ${currency}`;
}

/** Schema for cents given as an integer. */
export const centsSchema = z
  .number({ error: "expected an integer number of cents" })
  .int({ error: 'expected whole cents (an integer), e.g. 1250 for $12.50, or a string like "$12.50"' })
  .nonnegative({ error: "cannot be negative" });

/**
 * The most any one amount written by a person may be: $1,000,000. Second-hand items, budgets and
 * their deals stay far below it; more is a slip (an extra digit, dollars written where cents go), and
 * left in it would swamp every total and average.
 */
export const MAX_AMOUNT_CENTS = 100_000_000;

/** Why `cents` is not a usable amount written by a person, or undefined. */
export function amountProblem(cents: number): string | undefined {
  if (cents > MAX_AMOUNT_CENTS) {
    return `${formatMoney(cents)} is more than ${formatMoney(MAX_AMOUNT_CENTS)}, the most one amount may be: check for an extra digit`;
  }
  return undefined;
}

/**
 * Schema for an amount written by a person: either integer cents or a string like "$12.50".
 * Always yields integer cents, at most {@link MAX_AMOUNT_CENTS}. A number that is not whole cents
 * (12.5) is refused with a message that says numbers are cents here.
 */
export const moneyInputSchema = z
  .union([z.number(), z.string()], {
    error: 'expected an amount: integer cents (1250 for $12.50) or a string like "$12.50"',
  })
  .transform((value, ctx): Cents => {
    let cents: number;
    if (typeof value === "number") {
      if (!Number.isFinite(value) || !Number.isInteger(value)) {
        const dollars = Number.isFinite(value) ? value.toFixed(2) : "12.50";
        ctx.addIssue({
          code: "custom",
          message: `${value} is not whole cents: a number here is money in integer cents (${Math.round(Number(dollars) * 100)} for $${dollars}); write ${Math.round(Number(dollars) * 100)} or a string like "$${dollars}"`,
        });
        return z.NEVER;
      }
      if (value < 0) {
        ctx.addIssue({ code: "custom", message: `cannot be negative, got ${value}` });
        return z.NEVER;
      }
      cents = value;
    } else {
      try {
        cents = parseMoney(value).cents;
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }
    const problem = amountProblem(cents);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return cents;
  });
