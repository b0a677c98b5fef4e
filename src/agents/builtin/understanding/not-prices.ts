/**
 * Why a bare number (no currency around it) is not a price, from its neighbours: a unit after it
 * ("27 inch", "8 GB", "3 years old"), a product or label before it ("iPhone 12", "room 4", "size 10"),
 * a year ("a 2019 MacBook"), a time ("at 5 tomorrow"), a count ("2 chairs", "2 for 30"), a phone number.
 */
import { clauseAt, type Doc } from "./doc.ts";
import { parseSpelledNumber } from "./number-words.ts";
import { isWord, type Token } from "./tokens.ts";
import {
  COUNT_ADJECTIVES,
  CURRENCY_SYMBOLS,
  IDENTIFIER_WORDS,
  looksLikePluralNoun,
  MONTHS,
  PRODUCT_LINE_WORDS,
  PRODUCT_TRIM_WORDS,
  RESOLUTION_FOLLOW_WORDS,
  TIME_FOLLOW_WORDS,
  unitReason,
  YEAR_CUE_WORDS,
} from "./units.ts";

/** A number read from the text, with how it was written. */
export interface BareNumber {
  /** Token span of the whole mention, and where the number itself starts. */
  tokenStart: number;
  tokenEnd: number;
  coreStart: number;
  /** Character span in the normalised text. */
  start: number;
  end: number;
  cents: number;
  spelled: boolean;
  scaled: boolean;
  grouped: boolean;
  decimals: number;
  /** Digits before the decimal mark. */
  whole: string;
  smallSingle: boolean;
}

export interface JudgeOptions {
  /** A price on the table, in cents: a four-digit number near it is a price, not a year. */
  reference?: number;
  /** Token indices that form phone numbers (see phoneTokens). */
  phone: ReadonlySet<number>;
}

export interface Judgement {
  reason: string;
  shownStart?: number;
  shownEnd?: number;
}

/** Words that can follow a price: "45 for chairs" counts no chairs, "2 dining chairs" does. */
const FUNCTION_WORDS = new Set(
  (
    "for and or if to at is are was be each the a an per with without including plus but so then firm cash obo " +
    "tops max min it this that these those them you your my our his her their on in of by as like from total " +
    "only just bucks dollars euros quid pounds cents usd eur gbp ok okay please thanks sounds works seems would " +
    "could will can should more less off extra"
  ).split(" "),
);
const TIME_PREPOSITIONS = new Set([
  "at",
  "by",
  "around",
  "after",
  "before",
  "until",
  "till",
  "til",
  "'til",
  "from",
]);
const STRICT_TIME_PREPOSITIONS = new Set(["after", "before", "until", "till", "til", "'til"]);
const MEETING =
  /\b(?:pick(?:ing)? (?:it |them |this |that )?up|pickup|meet(?! (?:in the middle|halfway|half way|me halfway|you halfway))|come (?:by|over|get|round|around|grab)|swing by|stop by|drop (?:it |them )?off|free|available|be (?:there|home|around)|get off|off work|see you|call|text|arrive|show up|grab it|collect|deliver|home)\b/;
const SIZE_NOUNS = new Set([
  "tv",
  "tvs",
  "monitor",
  "screen",
  "display",
  "laptop",
  "wheel",
  "wheels",
  "frame",
  "x",
  "by",
]);
const PRICE_SLOT =
  /(?:\b(?:take|do|pay|offer|give|accept|for|at|asking|ask|want|how about|what about|is|be|go|sell|make it|price|budget|max|min|only|just|under|over|than|to)|[$€£~])\s*$/;
const YEAR_FOLLOW = new Set([
  "model",
  "models",
  "edition",
  "version",
  "release",
  "vintage",
  "build",
  "season",
  "production",
  "macbook",
  "mac",
  "imac",
  "car",
  "bike",
  "honda",
  "toyota",
  "ford",
  "version",
]);
const PRICE_AFTER_YEAR =
  /^\s*(?:is (?:my|the|our)\b|firm\b|obo\b|or best|max\b|tops\b|minimum\b|min\b|and it'?s yours|ok\b|okay\b|works\b|cash\b|for it\b)/;

/**
 * Judges a number written without money around it: undefined when it can be a price, else why not.
 * `shownStart`/`shownEnd` widen what is shown to include the unit or product name ("27 inch", "iPhone 12").
 */
export function judgeBareNumber(doc: Doc, n: BareNumber, options: JudgeOptions): Judgement | undefined {
  const { tokens } = doc;
  const phone = options.phone;
  const startsNumberOrMoney = (k: number): boolean => startsMoneyOrNumber(doc, k);
  const first = n.tokenStart;
  const end = n.tokenEnd;
  const prevIndex = tokens[first - 1]?.text === "-" && tokens[first - 1]!.joinedPrev ? first - 2 : first - 1;
  const prev = tokens[prevIndex];
  const prev2 = tokens[prevIndex - 1];
  const hyphenAfter = tokens[end]?.text === "-" && tokens[end + 1]?.joinedPrev === true;
  const nextIndex = hyphenAfter ? end + 1 : end;
  const next = tokens[nextIndex];
  const next2 = tokens[nextIndex + 1];
  const value = n.cents / 100;
  const integer = n.cents % 100 === 0;
  const wholeLength = n.whole.length;

  if (phone.has(n.coreStart)) return { reason: "phone number" };

  // A unit after the number.
  if (next) {
    const joined = next.joinedPrev && !hyphenAfter;
    if (next.kind === "word") {
      if (next.lower === "min") {
        if (isWord(next2, "away", "drive", "walk", "ago", "wait", "later", "ride"))
          return { reason: "age or duration", shownEnd: next.end };
      } else if (next.lower === "in") {
        if (joined || (next2 && next2.kind === "word" && SIZE_NOUNS.has(next2.lower)))
          return { reason: "size", shownEnd: next.end };
      } else if (
        (next.lower === "x" || next.lower === "by") &&
        next2 &&
        (next2.kind === "num" || next2.kind === "alnum")
      ) {
        if (
          next.lower === "x" ||
          isWord(tokens[nextIndex + 2], "inch", "inches", "ft", "feet", "cm", "mm", "in", "m")
        )
          return { reason: "size", shownEnd: next2.end };
      } else {
        const unit = unitReason(next.lower, joined);
        if (unit) return { reason: unit, shownEnd: next.end };
      }
      if (n.scaled && (next.lower === "miles" || next.lower === "km"))
        return { reason: "distance", shownEnd: next.end };
      if (n.scaled && RESOLUTION_FOLLOW_WORDS.has(next.lower))
        return { reason: "specification", shownEnd: next.end };
    } else if (next.kind === "sym" && next.joinedPrev && (next.text === '"' || next.text === "'")) {
      const quoted = prev?.kind === "sym" && prev.text === next.text && tokens[first]!.joinedPrev;
      if (!quoted) return { reason: "size", shownEnd: next.end };
    }
  }

  // The number after "x" or "by" in a size: "27 x 18".
  if (isWord(prev, "x") && prev2 && (prev2.kind === "num" || prev2.kind === "alnum"))
    return { reason: "size" };
  if (isWord(prev, "by") && prev2?.kind === "num" && isWord(next, "inch", "inches", "ft", "feet", "cm", "in"))
    return { reason: "size" };

  // Words before the number.
  if (prev?.kind === "word") {
    const p = prev.lower;
    const hyphenated = prevIndex === first - 2;
    if (
      PRODUCT_LINE_WORDS.has(p) ||
      (PRODUCT_TRIM_WORDS.has(p) && prev2 && PRODUCT_LINE_WORDS.has(prev2.lower))
    )
      return { reason: "model number", shownStart: (PRODUCT_TRIM_WORDS.has(p) ? prev2! : prev).start };
    if (hyphenated && /^[a-z]{1,4}$/.test(p)) return { reason: "model number", shownStart: prev.start };
    if (p === "size" || p === "sz") return { reason: "size", shownStart: prev.start };
    if (IDENTIFIER_WORDS.has(p)) return { reason: "identifier", shownStart: prev.start };
    if (p === "age" || p === "aged" || p === "ages") return { reason: "age", shownStart: prev.start };
    if (p === "rated" || p === "rating" || p === "score" || p === "scored")
      return { reason: "rating", shownStart: prev.start };
    if (p === "mileage" || p === "odometer") return { reason: "distance", shownStart: prev.start };
    if (p === "of" && isWord(prev2, "out")) return { reason: "rating" };
    if (MONTHS.has(p) && integer && value >= 1 && value <= 31) {
      const ambiguous = p === "may" || p === "march";
      if (!ambiguous || (!doc.shouting && /^[A-Z]/.test(prev.text)))
        return { reason: "date", shownStart: prev.start };
    }
    if (
      !doc.shouting &&
      /^(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,5})$/.test(prev.text) &&
      !["I", "OK", "USD", "EUR", "GBP", "OBO", "LOL", "TBH", "PS", "ASAP", "FYI", "BTW", "IMO"].includes(
        prev.text,
      )
    )
      return { reason: "model number", shownStart: prev.start };
  }
  if (prev?.kind === "sym" && prev.text === "#" && tokens[first]!.joinedPrev)
    return { reason: "identifier", shownStart: prev.start };
  if (prev?.text === "." && isWord(prev2, "no", "nr"))
    return { reason: "identifier", shownStart: prev2!.start };
  if (isWord(next, "out") && isWord(next2, "of")) return { reason: "rating" };
  if (
    next?.kind === "word" &&
    MONTHS.has(next.lower) &&
    next.lower !== "may" &&
    integer &&
    value >= 1 &&
    value <= 31
  )
    return { reason: "date", shownEnd: next.end };

  // Years.
  if (
    !n.spelled &&
    !n.scaled &&
    !n.grouped &&
    n.decimals === 0 &&
    wholeLength === 4 &&
    value >= 1950 &&
    value <= 2035
  ) {
    const clause = clauseAt(doc, n.start);
    const before = doc.lower.slice(Math.max(clause.start, n.start - 30), n.start);
    const yearCue = (prev?.kind === "word" && YEAR_CUE_WORDS.has(prev.lower)) || prev?.text === "'";
    const priceSlot = PRICE_SLOT.test(before);
    const productAfter =
      next?.kind === "word" && (YEAR_FOLLOW.has(next.lower) || PRODUCT_LINE_WORDS.has(next.lower));
    const priceAfter = PRICE_AFTER_YEAR.test(doc.lower.slice(n.end, n.end + 30));
    const ref = options.reference;
    const nearReference = ref !== undefined && n.cents * 3 >= ref && n.cents <= ref * 3;
    if (productAfter || !((priceSlot && !yearCue) || priceAfter || nearReference)) return { reason: "year" };
  }

  // Times of day: "at 5 tomorrow", "pick it up at 6", "after 7".
  if (integer && value >= 1 && value <= 12 && prev?.kind === "word" && TIME_PREPOSITIONS.has(prev.lower)) {
    const clause = clauseAt(doc, n.start);
    const before = doc.lower.slice(clause.start, clause.end);
    const timeAfter = next?.kind === "word" && TIME_FOLLOW_WORDS.has(next.lower);
    if (
      STRICT_TIME_PREPOSITIONS.has(prev.lower) ||
      timeAfter ||
      (MEETING.test(before) && !/middle|halfway|half way/.test(before))
    )
      return { reason: "time", shownStart: prev.start, ...(timeAfter ? { shownEnd: next!.end } : {}) };
  }

  // Counts: "2 chairs", "3 more people", "2 of them", "2 for 30", "all 3".
  if (next?.kind === "word") {
    if (looksLikePluralNoun(next.lower)) return { reason: "quantity", shownEnd: next.end };
    // "3 more people", "2 dining chairs", "3 old wooden chairs": a count, up to two words before the noun.
    if (integer && value <= 100) {
      for (let k = nextIndex; k < nextIndex + 3; k++) {
        const t = tokens[k];
        if (t?.kind !== "word" || (FUNCTION_WORDS.has(t.lower) && !COUNT_ADJECTIVES.has(t.lower))) break;
        if (k > nextIndex && looksLikePluralNoun(t.lower)) return { reason: "quantity", shownEnd: t.end };
      }
    }
    if (
      next.lower === "of" &&
      isWord(next2, "them", "these", "those", "the", "my", "your", "em", "each", "us", "you")
    )
      return { reason: "quantity", shownEnd: next2!.end };
    if (next.lower === "for" && integer && value <= 12 && startsNumberOrMoney(nextIndex + 1))
      return { reason: "quantity" };
  }
  if (isWord(prev, "all", "both", "these", "those") && integer && value <= 50)
    return { reason: "quantity", shownStart: prev!.start };
  if (
    isWord(prev, "of") &&
    isWord(
      prev2,
      "box",
      "pack",
      "set",
      "lot",
      "bag",
      "case",
      "bundle",
      "pair",
      "stack",
      "bunch",
      "collection",
      "total",
    )
  )
    return { reason: "quantity", shownStart: prev2!.start };
  if (isWord(prev, "for") && integer && value <= 12) {
    for (let k = prevIndex - 1; k >= Math.max(0, prevIndex - 4); k--) {
      const t = tokens[k]!;
      if (t.kind === "num" || (t.kind === "sym" && CURRENCY_SYMBOLS.has(t.text)))
        return { reason: "quantity" };
    }
  }

  if (n.decimals > 2) return { reason: "not money (more than two decimals)" };
  if (!n.spelled && wholeLength >= 7 && !n.grouped) return { reason: "long number (phone or id)" };
  if (!n.spelled && /^0\d/.test(n.whole)) return { reason: "identifier" };
  if (n.smallSingle) return { reason: "count" };
  // "1 chair", "1 more thing": a bare 1 followed by a word counts things; "I can do 1" stays a price.
  if (!n.spelled && !n.scaled && n.cents === 100 && next?.kind === "word") return { reason: "count" };
  return undefined;
}

function startsMoneyOrNumber(doc: Doc, k: number): boolean {
  const tok = doc.tokens[k];
  if (!tok) return false;
  if (tok.kind === "sym" && CURRENCY_SYMBOLS.has(tok.text)) return true;
  if (tok.kind === "num") return true;
  if (tok.kind === "alnum") return /^\d/.test(tok.lower);
  if (tok.kind === "word")
    return (
      parseSpelledNumber(
        doc.tokens.map((t) => t.lower),
        k,
      ) !== undefined
    );
  return false;
}

/** Token indices of numbers that form a phone number: 555-1234, 555-123-4567, 1-555-123-4567. */
export function phoneTokens(tokens: readonly Token[]): Set<number> {
  const result = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== "num" || (i > 0 && tokens[i - 1]!.text === "-" && tokens[i]!.joinedPrev))
      continue;
    const group = [i];
    let k = i;
    while (
      tokens[k + 1]?.text === "-" &&
      tokens[k + 1]!.joinedPrev &&
      tokens[k + 2]?.kind === "num" &&
      tokens[k + 2]!.joinedPrev
    ) {
      k += 2;
      group.push(k);
    }
    const lengths = group.map((g) => tokens[g]!.text.length).join(",");
    if (["3,4", "3,3,4", "1,3,3,4"].includes(lengths) && group.every((g) => /^\d+$/.test(tokens[g]!.text)))
      for (const g of group) result.add(g);
  }
  return result;
}
