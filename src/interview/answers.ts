import { type Condition, conditionSchema } from "../domain/mandate.ts";
import { formatMoney, parseMoney } from "../domain/money.ts";

/** Reading a person's answers: each reader gives the value, or the problem in words they can act on. */
export type Read<T> = { value: T } | { problem: string };

/** An amount of money: "$45", "45.50", "1,200". Refuses negatives, words and, unless allowed, zero. */
export function readAmount(
  answer: string,
  options: { allowZero?: boolean; what?: string } = {},
): Read<number> {
  const what = options.what ?? "the price";
  const text = answer.trim();
  if (text === "") return { problem: `Please give ${what}, e.g. $45 or 45.50.` };
  if (/^-|^\$\s*-|^\(/.test(text))
    return { problem: `${capital(what)} cannot be negative: give an amount like $45.` };
  let cents: number;
  try {
    cents = parseMoney(text.replace(/^(?:US)?\$?\s*(?=\d)/i, "$")).cents;
  } catch {
    return { problem: `"${text}" is not an amount of money: write it like $45 or 45.50.` };
  }
  if (cents === 0 && !options.allowZero) return { problem: `${capital(what)} must be more than $0.` };
  return { value: cents };
}

/** The least acceptable price: an amount no higher than the asking price. */
export function readReserve(answer: string, asking: number): Read<number> {
  const amount = readAmount(answer, { what: "the least you would accept" });
  if ("problem" in amount) return amount;
  if (amount.value > asking) {
    return {
      problem: `The least you would accept (${formatMoney(amount.value)}) is above your asking price (${formatMoney(asking)}): give at most ${formatMoney(asking)}.`,
    };
  }
  return amount;
}

export function readYesNo(answer: string): Read<boolean> {
  const text = answer.trim().toLowerCase();
  if (/^(y|yes|yeah|yep|sure|ok|okay)$/.test(text)) return { value: true };
  if (/^(n|no|nope|nah|none)$/.test(text)) return { value: false };
  return { problem: 'Please answer "yes" or "no".' };
}

const CONDITIONS: Record<string, Condition> = {
  new: "new",
  "like-new": "like-new",
  "like new": "like-new",
  "as new": "like-new",
  good: "good",
  fair: "fair",
  poor: "poor",
};

export function readCondition(answer: string): Read<Condition> {
  const text = answer.trim().toLowerCase();
  if (text === "") return { value: "good" };
  const condition = CONDITIONS[text];
  if (condition && conditionSchema.safeParse(condition).success) return { value: condition };
  return { problem: "Please answer one of: new, like-new, good, fair, poor." };
}

export function readText(answer: string, what: string, max: number, required = true): Read<string> {
  const text = answer.trim();
  if (required && text === "") return { problem: `Please give ${what}.` };
  if (text.length > max) return { problem: `That is too long: keep ${what} under ${max} characters.` };
  return { value: text };
}

/** A comma-separated list; blank for none. */
export function readList(answer: string, max = 200): Read<string[]> {
  const items = answer
    .split(/[,;]/)
    .map((item) => item.trim())
    .filter((item) => item !== "" && !/^(none|no|nothing|-)$/i.test(item));
  const long = items.find((item) => item.length > max);
  if (long) return { problem: `"${long.slice(0, 40)}..." is too long: keep each under ${max} characters.` };
  return { value: items };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
