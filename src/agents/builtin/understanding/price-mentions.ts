/**
 * Finds every number in a message, reads its amount and decides whether it can be a price.
 * Money is named ("$65", "65 bucks", "65$", "USD 65", "twenty-five quid", "a fiver") or bare ("45",
 * "forty"); a bare number is a price unless its neighbours say otherwise: a year ("2019"), a size
 * ("27 inch", "10 ft"), a specification ("8GB"), a model number ("DP-UB820", "iPhone 12"), a count
 * ("2 chairs"), a percentage, a time ("at 5pm"), an age ("3 years old"), a rating ("5 stars"), a date.
 * What a price is for (a proposal, a bound, what they paid) is decided later, in price-roles.ts.
 */
import type { Doc } from "./doc.ts";
import { judgeBareNumber, phoneTokens } from "./not-prices.ts";
import { parseSpelledNumber } from "./number-words.ts";
import { parseNumeral } from "./numerals.ts";
import { isWord } from "./tokens.ts";
import {
  CENT_WORDS,
  CURRENCY_PREFIX_WORDS,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  RESOLUTION_FOLLOW_WORDS,
  unitReason,
} from "./units.ts";

export interface Mention {
  /** Span of the amount in the normalised text, currency marks included. */
  start: number;
  end: number;
  text: string;
  /** Span to show when the number is ignored: with its unit or product name ("27 inch", "iPhone 12"). */
  shown: string;
  tokenStart: number;
  tokenEnd: number;
  /** The amount in cents, as if it were money. */
  cents: number;
  /** Other readings, in cents ("twelve fifty": 1250, alternative 125000). */
  alternatives: number[];
  /** Money is named: a currency symbol, code or word, cents, "k" or "grand". */
  marked: boolean;
  /** Written in words. */
  spelled: boolean;
  /** Said roughly: "45ish", "around 45", "a couple hundred". */
  approx: boolean;
  /** Scaled by a word or suffix: "1.5k", "2 grand", "45 hundred". */
  scaled: boolean;
  /** Followed by "%" or "percent". */
  percent: boolean;
  /** Set when the number is judged not to be a price: "year", "size", "model number"... */
  reason?: string;
}

export interface MentionOptions {
  /** A price already on the table, in cents: bare numbers far from it are doubted, and readings chosen. */
  reference?: number;
  currency?: string;
}

interface Core {
  cents: number;
  alternatives: number[];
  end: number;
  spelled: boolean;
  approx: boolean;
  scaled: boolean;
  marked: boolean;
  smallSingle: boolean;
  decimals: number;
  grouped: boolean;
  whole: string;
  reason?: string;
}

const SCALE_AFTER: Readonly<Record<string, number>> = { k: 1000, grand: 1000, thousand: 1000, hundred: 100 };
const APPROX_BEFORE = new Set(["around", "about", "roughly", "approximately", "approx", "~", "circa"]);

function words(doc: Doc): string[] {
  return doc.tokens.map((t) => t.lower);
}

export function findMentions(doc: Doc, options: MentionOptions = {}): Mention[] {
  const { tokens } = doc;
  const lowerWords = words(doc);
  const phone = phoneTokens(tokens);
  const mentions: Mention[] = [];

  const readCore = (j: number): Core | undefined => {
    const tok = tokens[j];
    if (!tok) return undefined;
    const base = {
      alternatives: [] as number[],
      spelled: false,
      approx: false,
      scaled: false,
      marked: false,
      smallSingle: false,
      decimals: 0,
      grouped: false,
      whole: "",
    };
    if (tok.kind === "num") {
      const n = parseNumeral(tok.text);
      if (!n)
        return {
          ...base,
          cents: 0,
          end: j + 1,
          reason: tok.text.includes(".") ? "version or code" : "not a number",
        };
      let cents = n.cents;
      let end = j + 1;
      let scaled = false;
      const next = tokens[end];
      if (next?.kind === "word" && Object.hasOwn(SCALE_AFTER, next.lower)) {
        const factor = SCALE_AFTER[next.lower]!;
        const ok = factor === 100 ? n.decimals === 0 && n.cents < 10000 : n.decimals <= 2;
        if (ok && Number.isSafeInteger(cents * factor)) {
          cents *= factor;
          scaled = true;
          end++;
        }
      }
      return { ...base, cents, end, scaled, decimals: n.decimals, grouped: n.grouped, whole: n.whole };
    }
    if (tok.kind === "alnum") {
      const lower = tok.lower;
      let m = /^(\d[\d.,]*?)([a-z][a-z']*)$/.exec(lower);
      if (m) {
        const n = parseNumeral(m[1]!);
        const suffix = m[2]!;
        if (!n) return { ...base, cents: 0, end: j + 1, reason: "model number" };
        const shared = { ...base, decimals: n.decimals, grouped: n.grouped, whole: n.whole, end: j + 1 };
        if (suffix === "k" || suffix === "kish") {
          const next = tokens[j + 1];
          if (next && next.kind === "word" && RESOLUTION_FOLLOW_WORDS.has(next.lower))
            return { ...shared, cents: n.cents, reason: "specification" };
          return { ...shared, cents: n.cents * 1000, scaled: true, approx: suffix === "kish" };
        }
        if (CURRENCY_WORDS.has(suffix)) return { ...shared, cents: n.cents, marked: true };
        if (suffix === "ish") return { ...shared, cents: n.cents, approx: true };
        if (CENT_WORDS.has(suffix) || suffix === "c") {
          if (n.decimals > 0) return { ...shared, cents: n.cents, reason: "not a number" };
          return { ...shared, cents: n.cents / 100, marked: true };
        }
        if (suffix === "am" || suffix === "pm") return { ...shared, cents: n.cents, reason: "time" };
        if (suffix === "yo") return { ...shared, cents: n.cents, reason: "age" };
        if (suffix === "s")
          return { ...shared, cents: n.cents, reason: n.whole.length === 4 ? "year" : "decade" };
        const reason = unitReason(suffix, true);
        return { ...shared, cents: n.cents, reason: reason ?? "model number" };
      }
      m = /^(usd|eur|gbp|us)(\d[\d.,]*)$/.exec(lower);
      if (m) {
        const n = parseNumeral(m[2]!);
        if (n)
          return { ...base, cents: n.cents, end: j + 1, marked: true, decimals: n.decimals, whole: n.whole };
      }
      if (/^\d+(?:\.\d+)?x\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?$/.test(lower))
        return { ...base, cents: 0, end: j + 1, reason: "size" };
      if (/^\d{1,2}(?::\d{2})?(?:am|pm)$/.test(lower))
        return { ...base, cents: 0, end: j + 1, reason: "time" };
      if (/^x\d+$/.test(lower)) return { ...base, cents: 0, end: j + 1, reason: "quantity" };
      return { ...base, cents: 0, end: j + 1, reason: "model number" };
    }
    if (tok.kind === "time") return { ...base, cents: 0, end: j + 1, reason: "time" };
    if (tok.kind === "slash") {
      const m = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(tok.text);
      const rating = m && ["5", "10", "100"].includes(m[2]!) && Number(m[1]) <= Number(m[2]);
      return { ...base, cents: 0, end: j + 1, reason: rating ? "rating" : "date or fraction" };
    }
    if (tok.kind === "word") {
      const spelled = parseSpelledNumber(lowerWords, j);
      if (!spelled) return undefined;
      return {
        ...base,
        cents: spelled.cents,
        alternatives: spelled.alternatives,
        end: j + spelled.length,
        spelled: true,
        approx: spelled.approx,
        marked: spelled.slang,
        smallSingle: spelled.smallSingle,
      };
    }
    return undefined;
  };

  const startsNumber = (j: number): boolean => {
    const tok = tokens[j];
    if (!tok) return false;
    if (tok.kind === "num") return true;
    if (tok.kind === "alnum") return /^\d/.test(tok.lower);
    if (tok.kind === "word") return parseSpelledNumber(lowerWords, j) !== undefined;
    return false;
  };

  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i]!;
    let j = i;
    let marked = false;
    // A currency before the number: "$45", "$ 45", "USD 65", "US$45".
    if (tok.kind === "sym" && CURRENCY_SYMBOLS.has(tok.text) && startsNumber(i + 1)) {
      marked = true;
      j = i + 1;
    } else if (tok.kind === "word" && CURRENCY_PREFIX_WORDS.has(tok.lower)) {
      const skip = tok.lower === "us" ? (tokens[i + 1]?.text === "$" ? 2 : 0) : 1;
      if (skip > 0 && startsNumber(i + skip) && (tok.lower === "us" || tokens[i + skip]?.kind !== "word")) {
        marked = true;
        j = i + skip;
      }
    }
    const core = readCore(j);
    if (!core) {
      i++;
      continue;
    }
    const mention = finish(i, j, core, marked);
    mentions.push(mention);
    i = Math.max(mention.tokenEnd, i + 1);
  }

  propagateAcrossPairs(doc, mentions);
  return mentions;

  function finish(first: number, coreStart: number, core: Core, prefixMarked: boolean): Mention {
    let marked = prefixMarked || core.marked;
    let cents = core.cents;
    let end = core.end;
    let reason = core.reason;
    let approx = core.approx;
    let percent = false;
    let shownStart = tokens[first]!.start;
    let shownEnd = tokens[end - 1]!.end;

    if (!reason) {
      // Money after the number: "65$", "65 bucks", "65 dollars", "50 cents", "45 US dollars".
      const next = tokens[end];
      let currencyWord = false;
      if (next?.kind === "sym" && CURRENCY_SYMBOLS.has(next.text)) {
        marked = true;
        end++;
      } else if (next?.kind === "sym" && next.text === "¢" && core.decimals === 0 && !core.scaled) {
        marked = true;
        cents = Math.round(cents / 100);
        end++;
      } else if (next?.kind === "word" && CURRENCY_WORDS.has(next.lower)) {
        marked = true;
        currencyWord = true;
        end++;
      } else if (isWord(next, "us") && isWord(tokens[end + 1], "dollars", "dollar", "$")) {
        marked = true;
        currencyWord = true;
        end += 2;
      } else if (isWord(next, "pound", "pounds", "quids")) {
        end++;
        if (options.currency === "GBP" || moneyVerbBefore(first)) {
          marked = true;
          currencyWord = true;
        } else if (!marked) {
          reason = "weight";
        }
      } else if (next?.kind === "word" && CENT_WORDS.has(next.lower) && core.decimals === 0 && !core.scaled) {
        marked = true;
        cents = Math.round(cents / 100);
        end++;
      }
      // "twelve dollars fifty", "12 dollars and 50 cents".
      if (currencyWord && !reason) {
        let k = end;
        const withAnd = isWord(tokens[k], "and");
        if (withAnd) k++;
        const small = readSmallNumber(k);
        if (small) {
          const after = tokens[small.end];
          if (after && (CENT_WORDS.has(after.lower) || after.lower === "c")) {
            cents += small.value;
            end = small.end + 1;
          } else if (
            !withAnd &&
            small.value >= 10 &&
            (!after ||
              after.kind === "sym" ||
              [
                "each",
                "for",
                "if",
                "and",
                "or",
                "ok",
                "okay",
                "then",
                "cash",
                "firm",
                "obo",
                "tops",
                "max",
              ].includes(after.lower))
          ) {
            cents += small.value;
            end = small.end;
          }
        }
      }
      // "45-ish", "45 ish".
      if (tokens[end]?.text === "-" && isWord(tokens[end + 1], "ish") && tokens[end]!.joinedPrev) {
        approx = true;
        end += 2;
      } else if (isWord(tokens[end], "ish")) {
        approx = true;
        end++;
      }
      const before = tokens[first - 1];
      const howAbout = before?.lower === "about" && isWord(tokens[first - 2], "how", "what");
      if (before && APPROX_BEFORE.has(before.lower) && !howAbout) approx = true;
      // Percent.
      const after = tokens[end];
      if (
        after?.text === "%" ||
        isWord(after, "percent", "pct") ||
        (isWord(after, "per") && isWord(tokens[end + 1], "cent"))
      ) {
        percent = true;
        reason = "percentage";
        shownEnd = (isWord(after, "per") ? tokens[end + 1]! : after!).end;
      }
    }

    shownEnd = Math.max(shownEnd, tokens[end - 1]!.end);
    const mention: Mention = {
      start: tokens[first]!.start,
      end: tokens[end - 1]!.end,
      text: "",
      shown: "",
      tokenStart: first,
      tokenEnd: end,
      cents,
      alternatives: core.alternatives,
      marked,
      spelled: core.spelled,
      approx,
      scaled: core.scaled,
      percent,
    };
    mention.text = doc.text.slice(mention.start, mention.end);

    if (!reason && !marked) {
      const judged = judgeBareNumber(
        doc,
        { ...core, ...mention, coreStart },
        {
          ...(options.reference !== undefined ? { reference: options.reference } : {}),
          phone,
        },
      );
      if (judged) {
        reason = judged.reason;
        if (judged.shownStart !== undefined) shownStart = Math.min(shownStart, judged.shownStart);
        if (judged.shownEnd !== undefined) shownEnd = Math.max(shownEnd, judged.shownEnd);
      }
    }
    if (!reason && cents === 0) reason = "zero";
    if (!reason && marked && core.scaled && isWord(tokens[end], "miles", "mile", "km", "kms", "steps")) {
      reason = "distance";
      shownEnd = tokens[end]!.end;
    }
    if (reason) {
      mention.reason = reason;
      if (reason === "age or duration" && isWord(tokens[end + 1], "old")) {
        mention.reason = "age";
        shownEnd = Math.max(shownEnd, tokens[end + 1]!.end);
      }
    } else {
      chooseReading(mention);
    }
    mention.shown = doc.text.slice(shownStart, shownEnd);
    return mention;
  }

  function readSmallNumber(k: number): { value: number; end: number } | undefined {
    const tok = tokens[k];
    if (!tok) return undefined;
    if (tok.kind === "num" && /^\d{1,2}$/.test(tok.text)) return { value: Number(tok.text), end: k + 1 };
    if (tok.kind === "word") {
      const spelled = parseSpelledNumber(lowerWords, k);
      if (spelled && spelled.cents < 10000 && spelled.alternatives.length === 0)
        return { value: spelled.cents / 100, end: k + spelled.length };
    }
    return undefined;
  }

  function moneyVerbBefore(first: number): boolean {
    const prev = tokens[first - 1];
    const prev2 = tokens[first - 2];
    const verbs = [
      "pay",
      "take",
      "give",
      "offer",
      "do",
      "for",
      "at",
      "accept",
      "want",
      "is",
      "be",
      "only",
      "just",
    ];
    return isWord(prev, ...verbs) || (isWord(prev2, ...verbs) && isWord(prev, "you", "me", "it", "them"));
  }

  /** Picks among readings ("twelve fifty") the one nearest a price on the table, and doubts far-off bare numbers. */
  function chooseReading(mention: Mention): void {
    const ref = options.reference;
    if (ref === undefined || ref <= 0) return;
    if (mention.alternatives.length > 0) {
      const all = [mention.cents, ...mention.alternatives];
      let best = mention.cents;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (const c of all) {
        const d = c > 0 ? Math.abs(Math.log(c / ref)) : Number.POSITIVE_INFINITY;
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      mention.alternatives = all.filter((c) => c !== best);
      mention.cents = best;
    }
    if (!mention.marked && !mention.scaled && (mention.cents * 10 < ref || mention.cents > ref * 10)) {
      mention.reason = "implausible as a price here";
    }
  }
}

const RANGE_CONNECTOR = /^\s*(?:-|to|x|by)\s*$/;
const UNIT_REASONS = new Set([
  "size",
  "weight",
  "specification",
  "age or duration",
  "distance",
  "quantity",
  "time",
  "rating",
  "percentage",
]);

/**
 * Two numbers joined like a range share their kind: "40-50 inch" are both sizes, "$40-50" are both money,
 * "1.5 to 2k" are both thousands, "10-15%" both percentages.
 */
function propagateAcrossPairs(doc: Doc, mentions: Mention[]): void {
  for (let k = 0; k + 1 < mentions.length; k++) {
    const a = mentions[k]!;
    const b = mentions[k + 1]!;
    const between = doc.lower.slice(a.end, b.start);
    if (!RANGE_CONNECTOR.test(between)) continue;
    if (
      b.reason &&
      UNIT_REASONS.has(b.reason) &&
      !a.marked &&
      (!a.reason || a.reason === "implausible as a price here" || a.reason === "count")
    ) {
      a.reason = b.reason;
      a.percent = b.percent;
      continue;
    }
    if (/^\s*(?:x|by)\s*$/.test(between)) continue;
    if (a.marked && !b.marked && !b.reason) b.marked = true;
    if (b.marked && !a.marked && a.reason === undefined) a.marked = true;
    if (b.scaled && !a.scaled && !a.reason && a.cents * 1000 <= b.cents && a.cents < b.cents / 10) {
      a.cents *= 1000;
      a.scaled = true;
    }
    if (b.scaled && !a.scaled && a.reason === "implausible as a price here" && a.cents * 1000 <= b.cents) {
      a.cents *= 1000;
      a.scaled = true;
      delete a.reason;
    }
    if (
      (a.reason === "count" || a.reason === "implausible as a price here") &&
      !b.reason &&
      (b.marked || b.scaled)
    )
      delete a.reason;
  }
}
