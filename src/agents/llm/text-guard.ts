import { findSecretHint } from "../builtin/language/secret-hints.ts";
import { amountsIn } from "../builtin/secret-guard.ts";
import { readDoc } from "../builtin/understanding/doc.ts";
import { findMentions, type Mention } from "../builtin/understanding/price-mentions.ts";

/**
 * The agent-side check of invariant 3 for model-written text: before a message or an offer's words
 * leave the agent, every amount in them (digits, "$1,200", words like "sixty-five", "65 bucks", ranges
 * like "60-70") is compared with the owner's secret numbers. Amounts at or near a secret (within a few
 * percent) are a leak, unless the amount is already public (an asking price, an offer on the table)
 * and not called a limit; so are amounts the text works out by arithmetic on prices ("20% below the
 * asking", "$15 under it", "half"). Sentences that leak are dropped; a text with nothing left is blocked.
 */
export interface GuardContext {
  /** The owner's secret numbers in cents: reserves, max prices, budget. */
  secrets: readonly number[];
  /** Amounts already public in this context (the listing's asking price, offers made, this action's price). */
  publicAmounts?: readonly number[];
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

const RANGE_JOINER = /^\s*(?:-|–|—|to|and|or|till|until|through|thru)\s*(?:[$€£]\s*)?$/i;

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

/** Why a sentence reveals a secret, or undefined when it does not. */
export function leakIn(sentence: string, context: GuardContext): string | undefined {
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
