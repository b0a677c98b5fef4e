import { findSecretHint } from "../builtin/language/secret-hints.ts";
import { amountsIn } from "../builtin/secret-guard.ts";
import { readDoc } from "../builtin/understanding/doc.ts";
import { findMentions, type Mention } from "../builtin/understanding/price-mentions.ts";
import { decodeAmounts, digitsText, type Reading } from "./leak/decode.ts";

/**
 * The agent-side check of invariant 3 for model-written text: before a message or an offer's words
 * leave the agent, every amount in them is compared with the owner's secret numbers (and the target
 * the prompt derived from them). Amounts are decoded, not matched (`leak/decode.ts`): digits of any
 * script, with any invisible character, space or dash between them ("6 5", "6\u200b5"), number
 * words in English, French, German, Spanish and Italian, Roman numerals, arithmetic ("90/2", "9x5",
 * "80 less 15", "20% below the asking"), base64, hex and binary, ranges ("60-70"), and words that call
 * an amount a limit. The whole text is read, however long, and the agent's recent words in the same
 * thread are read together with the new ones (a number split over two messages). Amounts at or near a
 * secret (within a few percent; obfuscated ones to the dollar) are a leak unless the agent is entitled
 * to state them: the price it is offering, its own earlier offers, the other side's offers as made,
 * the asking price. Sentences that leak are dropped; a text with nothing left is blocked.
 */
export interface GuardContext {
  /** The owner's secret numbers in cents: reserves, max prices, budget. */
  secrets: readonly number[];
  /**
   * Amounts the agent may state, exactly (not "near"): the listing's asking price, offers made in the
   * thread, this action's price.
   */
  publicAmounts?: readonly number[];
  /** The agent's own earlier words in this thread (or channel), oldest first: read with the new text. */
  recentOwnTexts?: readonly string[];
  /** How close counts as revealing: a fraction of the secret (default 0.03) ... */
  nearFraction?: number;
  /** ... but never less than this many cents (default 50). */
  minMarginCents?: number;
}

export interface GuardResult {
  /** The text to send: the original, the original without its leaking sentences, or undefined if nothing is left. */
  text: string | undefined;
  verdict: "clean" | "redacted" | "blocked";
  /** Why sentences were dropped, without the secret itself. */
  reasons: string[];
}

const RANGE_JOINER =
  /^\s*(?:-|–|—|to|and|or|till|until|through|thru|et|à|a|und|bis|oder|y|o|hasta|e|fino a)\s*(?:[$€£]\s*)?$/i;

function isNear(value: number, secret: number, context: GuardContext): boolean {
  const margin = Math.max(secret * (context.nearFraction ?? 0.03), context.minMarginCents ?? 50);
  return Math.abs(value - secret) <= margin;
}

function valuesOf(mention: Mention): number[] {
  return [mention.cents, ...mention.alternatives];
}

/** Words that make a sentence do arithmetic on prices: "20% below asking", "knock $10 off", "half". */
const ARITHMETIC_CUE =
  /%|\bper\s*cent\b|\bpercent\b|\b(?:off|less|below|under|minus|plus|more|above|over|discount|knock|half|third|thirds|quarter|quarters)\b/;
const PERCENT = /(\d+(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)/g;
const FRACTIONS: readonly [RegExp, number][] = [
  [/\bhalf\b/, 1 / 2],
  [/\b(?:a|one)\s+third\b/, 1 / 3],
  [/\btwo\s+thirds\b/, 2 / 3],
  [/\b(?:a|one)\s+quarter\b/, 1 / 4],
  [/\bthree\s+quarters\b/, 3 / 4],
];

/**
 * Amounts a sentence states by arithmetic on prices it or the thread names: a share of a price
 * ("80% of the asking", "half"), a price moved by a share ("20% below asking") or by an amount
 * ("$10 under the asking", "$80 minus $15"). Only for sentences with such words, so plain offers that
 * happen to add up to something are not read as sums.
 */
function derivedAmounts(
  lower: string,
  priced: readonly Mention[],
  publicAmounts: ReadonlySet<number>,
): number[] {
  if (!ARITHMETIC_CUE.test(lower)) return [];
  const bases = [...new Set([...publicAmounts, ...priced.map((mention) => mention.cents)])];
  const shares = [
    ...[...lower.matchAll(PERCENT)].map((m) => Number(m[1]) / 100).filter((share) => share > 0 && share < 10),
    ...FRACTIONS.filter(([re]) => re.test(lower)).map(([, share]) => share),
  ];
  const out: number[] = [];
  for (const base of bases) {
    for (const share of shares) out.push(base * share, base * (1 - share), base * (1 + share));
    for (const mention of priced) {
      if (mention.cents !== base) out.push(base - mention.cents, base + mention.cents);
    }
  }
  return out.map(Math.round).filter((value) => value > 0);
}

/** Phrases in French, German, Spanish and Italian that call an amount a limit. */
const FOREIGN_HINT =
  /\b(?:prix\s+(?:plancher|minimum|maximum|limite)|mon\s+(?:minimum|maximum|plafond|budget)|plancher|mindestpreis|untergrenze|obergrenze|schmerzgrenze|h(?:ö|oe?)chstpreis|mein\s+(?:minimum|maximum|budget|limit)|precio\s+m(?:í|i)nimo|mi\s+(?:m(?:í|i)nimo|m(?:á|a)ximo|l(?:í|i)mite|presupuesto)|prezzo\s+minimo|il\s+mio\s+(?:minimo|massimo|limite|budget)|riserva|r(?:é|e)serve)\b/i;

/** Words that make an amount a limit, in five languages: "as low as", "my floor", "not a cent more". */
const LIMIT_CUE =
  /\b(?:as\s+(?:low|high)\s+as|at\s+(?:least|most|best)|no\s+(?:less|more|lower|higher)\s+than|not\s+a\s+(?:penny|cent|dollar)|floor|ceiling|limit|minimum|maximum|lowest|highest|bottom|reserve|budget|afford|where\s+i\s+stop|aim(?:ing)?\s+(?:for|at)|target|goal|can(?:'|no)?t\s+go|won'?t\s+go|magic\s+number|plancher|plafond|minimum|mindest|h(?:ö|oe?)chst|grenze|m(?:í|i)nimo|m(?:á|a)ximo|l(?:í|i)mite|tope|massimo|minimo)\b/i;

/** Two amounts joined as a range, in the languages the number words are read in. */
const PLAIN_RANGE =
  /(\d+(?:\.\d+)?)\s*(?:-|–|—|to|and|or|till|until|through|thru|et|à|a|und|bis|oder|y|o|hasta|e|fino a)\s*[$€£]?\s*(\d+(?:\.\d+)?)(?![\d])/gi;

/** Text cut into pieces the sentence reader takes whole (it reads 4,000 characters at most), overlapping. */
function pieces(text: string): string[] {
  const size = 3_000;
  if (text.length <= size) return [text];
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size - 500) out.push(text.slice(at, at + size));
  return out;
}

function readingHits(reading: Reading, secret: number, context: GuardContext): boolean {
  if (reading.exact) return Math.round(reading.cents / 100) === Math.round(secret / 100);
  return isNear(reading.cents, secret, context);
}

/** Why the amounts decoded from `text` reveal a secret (no sentence-level reading), or undefined. */
function decodedLeak(text: string, context: GuardContext): string | undefined {
  const secrets = context.secrets.filter((secret) => secret > 0);
  const publicAmounts = new Set(context.publicAmounts ?? []);
  const calledALimit = LIMIT_CUE.test(digitsText(text));
  for (const reading of decodeAmounts(text)) {
    if (publicAmounts.has(reading.cents) && !calledALimit) continue;
    if (secrets.some((secret) => readingHits(reading, secret, context))) return reading.how;
  }
  return undefined;
}

/**
 * Why a sentence reveals a secret, or undefined when it does not: the amounts as read, then the same
 * sentence with number words and hidden forms written as plain digits, in pieces, so no length hides
 * anything.
 */
export function leakIn(sentence: string, context: GuardContext): string | undefined {
  const secrets = context.secrets.filter((secret) => secret > 0);
  if (secrets.length === 0) return undefined;
  const publicAmounts = new Set(context.publicAmounts ?? []);
  for (const piece of pieces(sentence)) {
    const reason = leakInPiece(piece, context);
    if (reason) return reason;
  }
  const plain = digitsText(sentence);
  const readings = decodeAmounts(sentence);
  if (FOREIGN_HINT.test(plain) && readings.length > 0) return "it names an amount as a limit";
  const calledALimit = LIMIT_CUE.test(plain);
  for (const reading of readings) {
    // A public amount may be repeated, but not called a limit when it is one ("your $65 is my floor").
    if (publicAmounts.has(reading.cents) && !calledALimit) continue;
    if (secrets.some((secret) => readingHits(reading, secret, context))) {
      return reading.how === "digits"
        ? "it states an amount at or near a private limit"
        : `it states an amount at or near a private limit (written as ${reading.how})`;
    }
  }
  for (const match of plain.matchAll(PLAIN_RANGE)) {
    const low = Math.round(Math.min(Number(match[1]), Number(match[2])) * 100);
    const high = Math.round(Math.max(Number(match[1]), Number(match[2])) * 100);
    if (secrets.some((secret) => low <= secret && secret <= high && high - low <= secret * 0.3)) {
      return "it gives a range around a private limit";
    }
  }
  if (plain !== sentence) {
    for (const piece of pieces(plain)) {
      const reason = leakInPiece(piece, context);
      if (reason) return reason;
    }
  }
  return undefined;
}

/** The sentence reader's checks: amounts as people write them, limits named, arithmetic, ranges. */
function leakInPiece(sentence: string, context: GuardContext): string | undefined {
  const secrets = context.secrets.filter((secret) => secret > 0);
  if (secrets.length === 0) return undefined;
  const publicAmounts = new Set(context.publicAmounts ?? []);
  const doc = readDoc(sentence);
  const mentions = findMentions(doc);
  const hint = findSecretHint(sentence);
  const priced = mentions.filter((mention) => !mention.reason);
  if (hint && (priced.length > 0 || amountsIn(sentence).length > 0)) {
    return `it names an amount as a limit ("${hint}")`;
  }
  for (const mention of mentions) {
    for (const value of valuesOf(mention)) {
      // A number read as a year, a size or a model number only counts when it is a secret exactly.
      const hit = mention.reason
        ? secrets.includes(value)
        : secrets.some((secret) => isNear(value, secret, context));
      if (hit && !publicAmounts.has(value)) return "it states an amount at or near a private limit";
    }
  }
  for (const cents of amountsIn(sentence)) {
    if (secrets.some((secret) => isNear(cents, secret, context)) && !publicAmounts.has(cents)) {
      return "it states an amount at or near a private limit";
    }
  }
  for (const value of derivedAmounts(doc.lower, priced, publicAmounts)) {
    if (secrets.some((secret) => isNear(value, secret, context)) && !publicAmounts.has(value)) {
      return "it works out to an amount at or near a private limit";
    }
  }
  for (let i = 0; i + 1 < priced.length; i++) {
    const a = priced[i]!;
    const b = priced[i + 1]!;
    if (!RANGE_JOINER.test(doc.text.slice(a.end, b.start))) continue;
    const low = Math.min(a.cents, b.cents);
    const high = Math.max(a.cents, b.cents);
    if (secrets.some((secret) => low <= secret && secret <= high && high - low <= secret * 0.3)) {
      return "it gives a range around a private limit";
    }
  }
  return undefined;
}

/** Splits text into sentences, keeping each sentence's own punctuation. "$64.50" stays whole. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/**
 * Checks model-written text before it leaves the agent.
 * @example guardOutgoingText("I can't go below sixty-five. Great bike!", { secrets: [6500] }) // redacted: "Great bike!"
 */
export function guardOutgoingText(text: string, context: GuardContext): GuardResult {
  const recent = context.recentOwnTexts ?? [];
  if (recent.length > 0) {
    // A number split over messages: the recent words and the new ones read as one text. Blocked
    // only when the new words complete it (the recent ones alone read clean).
    // The last one, two or three messages with the new one, and the digits of each recent message
    // followed by the new one's ("Remember 6" ... "and then 5").
    const digitsOf = (t: string) => digitsText(t).replace(/\D/g, "");
    const joined = [1, 2, 3]
      .filter((k) => k <= recent.length)
      .map((k) => ({ before: recent.slice(-k).join(" "), after: `${recent.slice(-k).join(" ")} ${text}` }));
    // Digits dealt out a few at a time: the new text's few digits after each recent message's few.
    // As a number only: "3435" read as hex bytes would be "45".
    const few = (t: string) => digitsOf(t).length >= 1 && digitsOf(t).length <= 2;
    for (const earlier of recent) {
      if (!few(earlier) || !few(text)) continue;
      const value = Number(`${digitsOf(earlier)}${digitsOf(text)}`);
      const secrets = context.secrets.filter((secret) => secret > 0);
      if (secrets.some((secret) => Math.round(secret / 100) === value) && !leakIn(text, context)) {
        return {
          text: undefined,
          verdict: "blocked",
          reasons: ["together with your recent messages it states an amount at or near a private limit"],
        };
      }
    }
    // Only the decoded amounts here: the sentence checks' arithmetic words would read sums across
    // unrelated prices of different messages.
    for (const { before, after } of joined) {
      if (decodedLeak(after, context) && !decodedLeak(before, context) && !leakIn(text, context)) {
        return {
          text: undefined,
          verdict: "blocked",
          reasons: ["together with your recent messages it states an amount at or near a private limit"],
        };
      }
    }
  }
  const whole = leakIn(text, context);
  const sentences = sentencesOf(text);
  const reasons: string[] = [];
  const kept: string[] = [];
  for (const sentence of sentences) {
    const reason = leakIn(sentence, context);
    if (reason) reasons.push(reason);
    else kept.push(sentence);
  }
  if (reasons.length === 0 && whole === undefined) return { text, verdict: "clean", reasons };
  if (reasons.length === 0 && whole !== undefined) {
    // Only the whole text leaks (a range split across sentences): send nothing.
    return { text: undefined, verdict: "blocked", reasons: [whole] };
  }
  const rest = kept.join(" ");
  if (rest.trim() === "" || leakIn(rest, context)) return { text: undefined, verdict: "blocked", reasons };
  return { text: rest, verdict: "redacted", reasons };
}

/**
 * Whether a typed price carries a secret in its cents: an offer of $80.65 when the reserve is $65
 * tells the other side 65 as plainly as words would. Whole-dollar prices carry nothing; cents that
 * spell a secret's dollars (its last two digits or its first two) or its own cents are refused.
 */
export function priceCarriesSecret(price: number, secrets: readonly number[]): boolean {
  const cents = price % 100;
  if (cents === 0) return false;
  return secrets.some((secret) => {
    if (secret <= 0) return false;
    const dollars = Math.floor(secret / 100);
    return (
      cents === dollars % 100 ||
      (secret % 100 !== 0 && cents === secret % 100) ||
      (dollars >= 10 && cents === Number(String(dollars).slice(0, 2)))
    );
  });
}

/** Whether an amount is at or near a secret, as the guard counts it. */
export function isNearSecret(value: number, secrets: readonly number[], nearFraction = 0.03): boolean {
  return secrets.some((secret) => secret > 0 && isNear(value, secret, { secrets, nearFraction }));
}

/**
 * Replaces amounts at or near a secret in the owner's own words (persona, instructions) before they
 * go into the model's prompt, so a model that is not given its limits does not read them there.
 */
export function scrubSecrets(text: string, secrets: readonly number[], nearFraction = 0.03): string {
  if (!text || secrets.length === 0) return text;
  const doc = readDoc(text);
  const context: GuardContext = { secrets, nearFraction };
  const hits = findMentions(doc).filter((mention) =>
    valuesOf(mention).some((value) => secrets.some((secret) => secret > 0 && isNear(value, secret, context))),
  );
  if (hits.length === 0) return text;
  let out = "";
  let at = 0;
  for (const mention of hits) {
    out += `${doc.text.slice(at, mention.start)}[a private limit]`;
    at = mention.end;
  }
  return out + doc.text.slice(at);
}
