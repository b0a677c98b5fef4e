/**
 * Numbers written in words, read into integer hundredths (cents when they are money):
 * "sixty-five", "a hundred and twenty", "fifteen hundred", "two grand", "one fifty" (150, as prices are
 * said), "twelve fifty" (12.50, or 1,250: both are given), "one oh five", "a fiver", "a tenner",
 * "a couple hundred", "half a grand". Common misspellings ("fourty", "ninty") are read too.
 */

const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Readonly<Record<string, number>> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  ninty: 90,
};
/** Scale words and their factor. "k" and "grand" only count after a number or "a". */
const SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000, grand: 1000, k: 1000 };
/** Slang for notes and sums, in whole units. */
const SLANG: Readonly<Record<string, number>> = { fiver: 5, tenner: 10, hundo: 100, hundy: 100 };

export interface SpelledNumber {
  /** The value times 100 (cents when money): "twelve fifty" -> 1250. */
  cents: number;
  /** Other readings of the same words, most likely first ("twelve fifty" -> [125000]). */
  alternatives: number[];
  /** How many entries of the word list were read (hyphens included). */
  length: number;
  /** Words such as "a couple hundred", "a few hundred": a rough amount. */
  approx: boolean;
  /** Read from slang ("a fiver", "a grand", "a hundo"). */
  slang: boolean;
  /** A single number word below ten ("one", "five"): rarely a price on its own. */
  smallSingle: boolean;
}

/** True for words that can be part of a spelled number (not "a", "and"). */
export function isNumberWord(word: string): boolean {
  return (
    word in UNITS ||
    word in TEENS ||
    word in TENS ||
    word === "hundred" ||
    word === "thousand" ||
    word in SLANG
  );
}

interface Group {
  value: number;
  next: number;
}

function skipHyphen(words: readonly string[], i: number): number {
  return words[i] === "-" ? i + 1 : i;
}

/** A number below one hundred: "seven", "fifteen", "sixty", "sixty five", "sixty-five". */
function readGroup(words: readonly string[], i: number): Group | undefined {
  const w = words[i];
  if (w === undefined) return undefined;
  if (Object.hasOwn(UNITS, w)) return { value: UNITS[w]!, next: i + 1 };
  if (Object.hasOwn(TEENS, w)) return { value: TEENS[w]!, next: i + 1 };
  if (Object.hasOwn(TENS, w)) {
    const j = skipHyphen(words, i + 1);
    const u = words[j];
    if (u !== undefined && Object.hasOwn(UNITS, u) && UNITS[u]! > 0)
      return { value: TENS[w]! + UNITS[u]!, next: j + 1 };
    return { value: TENS[w]!, next: i + 1 };
  }
  return undefined;
}

function result(
  cents: number,
  start: number,
  end: number,
  extra: Partial<Omit<SpelledNumber, "cents" | "length">> = {},
): SpelledNumber {
  return {
    cents,
    alternatives: extra.alternatives ?? [],
    length: end - start,
    approx: extra.approx ?? false,
    slang: extra.slang ?? false,
    smallSingle: extra.smallSingle ?? false,
  };
}

/**
 * Reads a spelled number starting at `words[start]` (lower-case words, hyphens as "-" entries).
 * Undefined when no number starts there.
 */
export function parseSpelledNumber(words: readonly string[], start = 0): SpelledNumber | undefined {
  let i = start;
  const first = words[i];
  if (first === undefined) return undefined;
  const article = first === "a" || first === "an";
  if (article) i++;
  const w = words[i];
  if (w === undefined) return undefined;

  // Slang: "a fiver", "a tenner", "a hundo", "a grand", "a buck fifty", "a c-note".
  if (Object.hasOwn(SLANG, w)) return result(SLANG[w]! * 100, start, i + 1, { slang: true });
  if (article && w === "grand") return result(100000, start, i + 1, { slang: true });
  if (article && w === "c" && words[i + 1] === "-" && words[i + 2] === "note")
    return result(10000, start, i + 3, { slang: true });
  if (article && w === "buck") {
    const cents = readGroup(words, i + 1);
    if (cents && cents.value >= 10) return result(100 + cents.value, start, cents.next, { slang: true });
    return result(100, start, i + 1, { slang: true });
  }
  // "a couple (of) hundred", "a few thousand".
  if (article && (w === "couple" || w === "few")) {
    let j = i + 1;
    if (words[j] === "of") j++;
    const scale = words[j];
    if (scale !== undefined && Object.hasOwn(SCALES, scale) && scale !== "k")
      return result((w === "couple" ? 2 : 3) * SCALES[scale]! * 100, start, j + 1, { approx: true });
    return undefined;
  }
  // "half a hundred", "half a grand".
  if (!article && w === "half" && (words[i + 1] === "a" || words[i + 1] === "an")) {
    const scale = words[i + 2];
    if (scale !== undefined && Object.hasOwn(SCALES, scale) && scale !== "k")
      return result(SCALES[scale]! * 50, start, i + 3);
    return undefined;
  }

  let total = 0; // thousands already closed
  let current = 0; // below the last thousand
  let groups = 0;
  let sawScale = false;
  let lastWasScale = false;
  let firstGroup: Group | undefined;
  let end = i;

  // "a hundred", "a thousand"; a bare "hundred" at the start ("hundred bucks") reads the same.
  const impliedOne = article || w === "hundred";
  if (impliedOne) {
    if (!Object.hasOwn(SCALES, w) || w === "k" || w === "grand") return undefined;
    current = 1;
  }

  while (i < words.length) {
    const word = words[i]!;
    if (Object.hasOwn(SCALES, word)) {
      if (!impliedOne && groups === 0) break;
      if (word === "k" && lastWasScale) break;
      const factor = SCALES[word]!;
      if (factor === 100) {
        if (current >= 100 || current === 0) break;
        current *= 100;
      } else {
        if (total > 0) break;
        total = (current === 0 ? 1 : current) * factor;
        current = 0;
      }
      sawScale = true;
      lastWasScale = true;
      i++;
      end = i;
      continue;
    }
    if (word === "and" && lastWasScale && readGroup(words, i + 1)) {
      i++;
      continue;
    }
    const group = readGroup(words, i);
    if (group) {
      if (groups === 0 && !impliedOne) {
        current = group.value;
        firstGroup = group;
      } else if (lastWasScale) {
        if (current % 100 !== 0 && current !== 0) break;
        current += group.value;
      } else {
        break;
      }
      groups++;
      lastWasScale = false;
      i = group.next;
      end = i;
      continue;
    }
    break;
  }

  if (end === start || (impliedOne && !sawScale)) return undefined;

  // Prices said in pairs: "one fifty" (150), "two twenty-five" (225), "twelve fifty" (12.50 or 1,250),
  // "one oh five" (105). Only for a lone first group with no scale word.
  if (firstGroup && groups === 1 && !sawScale && firstGroup.value >= 1) {
    const a = firstGroup.value;
    const j = end;
    let pair: Group | undefined;
    if ((words[j] === "oh" || words[j] === "o") && a < 100) {
      const unit = words[j + 1];
      if (unit !== undefined && Object.hasOwn(UNITS, unit) && UNITS[unit]! > 0)
        pair = { value: UNITS[unit]!, next: j + 2 };
    } else {
      const g = readGroup(words, skipHyphen(words, j));
      if (g && g.value >= 10) pair = g;
    }
    if (pair) {
      const hundreds = (a * 100 + pair.value) * 100;
      const dollarsAndCents = a * 100 + pair.value;
      if (a < 10) return result(hundreds, start, pair.next, { alternatives: [dollarsAndCents] });
      return result(dollarsAndCents, start, pair.next, { alternatives: [hundreds] });
    }
  }

  const value = total + current;
  const cents = value * 100;
  if (!Number.isSafeInteger(cents)) return undefined;
  const smallSingle = groups === 1 && !sawScale && value < 10 && end - start === 1;
  return result(cents, start, end, { smallSingle });
}

/** Reads a whole text as a spelled number ("sixty-five" -> 65, "twelve fifty" -> 12.5); else undefined. */
export function wordsToNumber(text: string): number | undefined {
  const words = text
    .toLowerCase()
    .replace(/-/g, " - ")
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const parsed = parseSpelledNumber(words, 0);
  if (!parsed || parsed.length !== words.length) return undefined;
  return parsed.cents / 100;
}
