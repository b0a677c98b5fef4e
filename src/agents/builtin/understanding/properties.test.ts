import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseUtterance, type Understanding, understand } from "./parse-utterance.ts";

const SMALL = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS = [
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** English words for 1..999, with "and" after the hundreds when `and` is set. */
function toWords(n: number, and: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${SMALL[hundreds]} hundred`);
  if (rest > 0) {
    if (hundreds > 0 && and) parts.push("and");
    if (rest < 10) parts.push(SMALL[rest]!);
    else if (rest < 20) parts.push(TEENS[rest - 10]!);
    else
      parts.push(rest % 10 === 0 ? TENS[rest / 10]! : `${TENS[Math.floor(rest / 10)]}-${SMALL[rest % 10]}`);
  }
  return parts.join(" ");
}

function checkShape(u: Understanding): void {
  expect(["offer", "counter", "accept", "reject", "question", "walk-away", "info"]).toContain(u.intent);
  for (const cents of [
    u.price,
    u.range?.low,
    u.range?.high,
    u.bound?.price,
    ...u.references.map((r) => r.price),
  ])
    if (cents !== undefined) expect(Number.isSafeInteger(cents) && cents >= 0).toBe(true);
  if (u.range) expect(u.range.low).toBeLessThan(u.range.high);
  expect(u.confidence).toBeGreaterThanOrEqual(0);
  expect(u.confidence).toBeLessThanOrEqual(1);
  expect(Array.isArray(u.conditions) && Array.isArray(u.ignored) && typeof u.isQuestion === "boolean").toBe(
    true,
  );
}

const n = fc.integer({ min: 1, max: 999 });

describe("properties", () => {
  test('"$n", "n bucks", "I can do n" read as n dollars', () => {
    fc.assert(
      fc.property(n, (k) => {
        for (const text of [`$${k}`, `${k} bucks`, `I can do ${k}`]) {
          const u = understand(text);
          expect(u.price, text).toBe(k * 100);
          expect(u.intent, text).toBe("offer");
        }
      }),
      { numRuns: 300 },
    );
  });

  test("every n from 1 to 999 reads the same in all three forms", () => {
    for (let k = 1; k <= 999; k++) {
      expect(understand(`$${k}`).price).toBe(k * 100);
      expect(understand(`${k} bucks`).price).toBe(k * 100);
      expect(understand(`I can do ${k}`).price).toBe(k * 100);
    }
  });

  test("dollars and cents: $n.cc", () => {
    fc.assert(
      fc.property(n, fc.integer({ min: 0, max: 99 }), (k, c) => {
        const text = `$${k}.${String(c).padStart(2, "0")}`;
        expect(understand(text).price, text).toBe(k * 100 + c);
      }),
    );
  });

  test("spelled numbers: '<words> dollars' and 'I can do <words>'", () => {
    fc.assert(
      fc.property(n, fc.boolean(), (k, and) => {
        const words = toWords(k, and);
        expect(understand(`${words} dollars`).price, words).toBe(k * 100);
        if (k >= 10) expect(understand(`I can do ${words}`).price, words).toBe(k * 100);
      }),
      { numRuns: 300 },
    );
  });

  test("a price in context keeps its reading: 'would you take n?' with a nearby last price", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 999 }), (k) => {
        const u = understand(`would you take ${k}?`, { lastPrice: k * 100 + 500 });
        expect(u.price).toBe(k * 100);
        expect(u.isQuestion).toBe(true);
      }),
    );
  });

  test("never throws on arbitrary strings, and answers in shape", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        checkShape(understand(text));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        checkShape(understand(text));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        checkShape(understand(text));
      }),
      { numRuns: 300 },
    );
  });

  test("never throws on haggling-shaped noise, and is deterministic", () => {
    const vocabulary = fc.constantFrom(
      "$",
      "45",
      "1,200",
      "12.50",
      "45,00",
      "1.5k",
      "2019",
      "sixty-five",
      "a",
      "hundred",
      "and",
      "twenty",
      "deal",
      "no",
      "not",
      "can't",
      "do",
      "would",
      "you",
      "take",
      "?",
      "!",
      ".",
      ",",
      "-",
      "to",
      "between",
      "max",
      "min",
      "at",
      "least",
      "off",
      "%",
      "more",
      "less",
      "than",
      "inch",
      "GB",
      "iPhone",
      "12",
      "for",
      "both",
      "cash",
      "today",
      "if",
      "pick",
      "it",
      "up",
      "meet",
      "in",
      "the",
      "middle",
      "paid",
      "retail",
      "👍",
      "I'm",
      "out",
      "pass",
      "fiver",
      "quid",
      "bucks",
      "USD",
      "€",
      "£",
      "+",
      "x",
      "or",
      "one",
      "fifty",
      "oh",
    );
    fc.assert(
      fc.property(
        fc.array(vocabulary, { maxLength: 25 }),
        fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
        (words, lastPrice, counterpartLastPrice) => {
          const text = words.join(" ");
          const context = {
            ...(lastPrice !== undefined ? { lastPrice } : {}),
            ...(counterpartLastPrice !== undefined ? { counterpartLastPrice } : {}),
          };
          const first = understand(text, context);
          checkShape(first);
          expect(understand(text, context)).toEqual(first);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("parseUtterance takes anything a caller might pass", () => {
    for (const odd of [
      undefined,
      null,
      42,
      {},
      [],
      "x".repeat(100_000),
      "9".repeat(400),
      "\u0000\uD800",
      "$".repeat(50),
    ])
      checkShape(
        parseUtterance(odd as unknown as string, { lastPrice: -5, counterpartLastPrice: Number.NaN }),
      );
  });
});
