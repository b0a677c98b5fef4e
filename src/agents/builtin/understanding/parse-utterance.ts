/**
 * Reads a counterpart's free text (from another agent, a model or a person) into what it does and the
 * prices it means. Text never binds: only typed offers do. This is how an agent follows the talk.
 *
 * @example parseUtterance("would you take 50?") // { intent: "offer", price: 5000, isQuestion: true, ... }
 * @example parseUtterance("meet in the middle?", { lastPrice: 6000, counterpartLastPrice: 4000 }) // price 5000
 */
import { extractConditions } from "./conditions.ts";
import { isQuestionSentence, readDoc } from "./doc.ts";
import { decideIntent, findIntentCues, type Intent, sentimentOf } from "./intent.ts";
import { findMentions } from "./price-mentions.ts";
import { assignRoles, type Proposal } from "./price-roles.ts";

export interface Understanding {
  intent: "offer" | "counter" | "accept" | "reject" | "question" | "walk-away" | "info";
  /** The price the speaker proposes, in cents, if any. */
  price?: number;
  /** A range when they give one ("between 40 and 50"): low/high cents. */
  range?: { low: number; high: number };
  /** A bound: "no less than 70" → { kind: "floor", price }; "no more than 50" / "max 50" → ceiling. */
  bound?: { kind: "floor" | "ceiling"; price: number };
  /** Conditions attached: "if you pick it up", "if you deliver", "cash", "today". */
  conditions: string[];
  /** Prices mentioned that are not proposals: retail, what they paid, other items. */
  references: { price: number; what: string }[];
  /** Numbers seen and judged not to be prices, with why ("year", "size", "model number"...). */
  ignored: { text: string; reason: string }[];
  isQuestion: boolean;
  /** 0..1, how sure. */
  confidence: number;
}

export interface UnderstandingContext {
  /** The listener's own last price, in cents (what "deal" accepts, what "$10 off" comes off). */
  lastPrice?: number;
  currency?: string;
  /** The speaker's last price, in cents. */
  counterpartLastPrice?: number;
}

function cleanCents(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

function cleanContext(context: UnderstandingContext | undefined): UnderstandingContext {
  if (context === null || typeof context !== "object") return {};
  const lastPrice = cleanCents(context.lastPrice);
  const counterpartLastPrice = cleanCents(context.counterpartLastPrice);
  return {
    ...(lastPrice !== undefined ? { lastPrice } : {}),
    ...(counterpartLastPrice !== undefined ? { counterpartLastPrice } : {}),
    ...(typeof context.currency === "string" ? { currency: context.currency.toUpperCase() } : {}),
  };
}

/** Half way between two prices, rounded to whole currency units. */
export function midpointOf(a: number, b: number): number {
  return Math.round((a + b) / 200) * 100;
}

/**
 * Reads a message. Never throws: on any internal failure it answers `info` with confidence 0.
 */
export function parseUtterance(text: string, context?: UnderstandingContext): Understanding {
  try {
    return understand(text, context);
  } catch {
    return { intent: "info", conditions: [], references: [], ignored: [], isQuestion: false, confidence: 0 };
  }
}

/** The same as parseUtterance, but lets internal errors through (for tests). */
export function understand(text: string, context?: UnderstandingContext): Understanding {
  const ctx = cleanContext(context);
  const doc = readDoc(text);
  const reference = ctx.lastPrice ?? ctx.counterpartLastPrice;
  const mentions = findMentions(doc, {
    ...(reference !== undefined ? { reference } : {}),
    ...(ctx.currency !== undefined ? { currency: ctx.currency } : {}),
  });
  const roles = assignRoles(doc, mentions);
  const cues = findIntentCues(doc);
  const isQuestion = doc.sentences.some((s) => isQuestionSentence(doc.lower.slice(s.start, s.end)));
  const conditions = extractConditions(doc.lower);
  const references: { price: number; what: string; at: number }[] = [...roles.references];
  const ignored = [...roles.ignored];

  const { sentiment: wordsSay } = sentimentOf(cues.cues);
  const rejected = [...roles.rejected];

  // Prices already on the table, said again: the listener's own price quoted back ("$40? No. $45."),
  // or the speaker's previous one, are not the new proposal when there is another.
  let fresh: Proposal[] = roles.proposals;
  if (fresh.length > 1) {
    const quoted = fresh.filter(
      (p) => !p.agreed && (p.cents === ctx.lastPrice || p.cents === ctx.counterpartLastPrice),
    );
    if (quoted.length > 0 && quoted.length < fresh.length) {
      for (const p of quoted)
        references.push({
          price: p.cents,
          what: p.cents === ctx.lastPrice ? "quoted price" : "earlier price",
          at: p.mention.start,
        });
      fresh = fresh.filter((p) => !quoted.includes(p));
    }
  }
  // A refusal or a walk-away that names only the listener's price refuses that price.
  if (
    (wordsSay === "reject" || wordsSay === "walk-away") &&
    fresh.length > 0 &&
    fresh.every((p) => p.cents === ctx.lastPrice && !p.agreed)
  ) {
    for (const p of fresh) rejected.push({ price: p.cents, at: p.mention.start });
    fresh = [];
  }

  // The proposal: the best-marked one; the speaker's repeated earlier price only when nothing else.
  let candidates: Proposal[] = fresh;
  if (candidates.length === 0) candidates = roles.restated;
  else
    for (const r of roles.restated)
      references.push({ price: r.cents, what: "earlier price", at: r.mention.start });
  let best: Proposal | undefined;
  for (const p of candidates) if (!best || p.score > best.score) best = p;
  for (const p of candidates)
    if (p !== best && p.cents !== best?.cents)
      references.push({ price: p.cents, what: "other proposal", at: p.mention.start });

  let price = best?.cents;
  let derived: "relative" | "midpoint" | "context" | undefined;
  let unresolvedMove = false;

  // Amounts relative to a price on the table: "$10 off", "10% off", "5 more".
  for (const [index, rel] of roles.relatives.entries()) {
    const base = rel.ownPrice
      ? (ctx.counterpartLastPrice ?? ctx.lastPrice)
      : (ctx.lastPrice ?? ctx.counterpartLastPrice);
    const usable = price === undefined && index === roles.relatives.length - 1;
    if (usable && base !== undefined) {
      const moved = rel.percent
        ? Math.round((base * (100 + rel.sign * rel.amount)) / 100)
        : base + rel.sign * rel.amount;
      if (moved > 0) {
        price = moved;
        derived = "relative";
        continue;
      }
    }
    if (usable) unresolvedMove = true;
    ignored.push({
      text: rel.mention.shown,
      reason: base === undefined ? "relative amount, no price to apply it to" : "relative amount",
    });
  }

  // "Meet in the middle" without a number: half way between the two last prices.
  if (price === undefined && cues.midpoint && roles.range === undefined && roles.bound === undefined) {
    if (ctx.lastPrice !== undefined && ctx.counterpartLastPrice !== undefined) {
      price = midpointOf(ctx.lastPrice, ctx.counterpartLastPrice);
      derived = "midpoint";
    } else {
      unresolvedMove = true;
    }
  }

  const intent: Intent = decideIntent({
    cues,
    ...(price !== undefined ? { price } : {}),
    proposalAgreed: derived === undefined && best !== undefined && best.agreed,
    proposalQuestioned: derived === undefined && best !== undefined && best.questioned,
    ...(derived === undefined && best !== undefined ? { proposalAt: best.mention.start } : {}),
    hasRange: roles.range !== undefined,
    hasBound: roles.bound !== undefined,
    unresolvedMove,
    hasRejectedPrice: rejected.length > 0,
    isQuestion,
    ...(ctx.lastPrice !== undefined ? { lastPrice: ctx.lastPrice } : {}),
    contextHasPrice: ctx.lastPrice !== undefined || ctx.counterpartLastPrice !== undefined,
  });

  // "Deal!" accepts the listener's last price.
  if (intent === "accept" && price === undefined && ctx.lastPrice !== undefined) {
    price = ctx.lastPrice;
    derived = "context";
  }
  for (const r of rejected) references.push({ price: r.price, what: "rejected", at: r.at });
  references.sort((a, b) => a.at - b.at);

  const { sentiment, strength } = sentimentOf(cues.cues);
  const kinds = new Set(cues.cues.map((c) => c.kind));
  let confidence: number;
  switch (intent) {
    case "accept":
      confidence = best?.agreed ? 0.9 : strength === "strong" ? 0.9 : strength === "medium" ? 0.8 : 0.6;
      if (derived === "context") confidence -= 0.05;
      break;
    case "reject":
      confidence = sentiment === "reject" ? 0.85 : 0.75;
      break;
    case "walk-away":
      confidence = 0.9;
      break;
    case "question":
      confidence = doc.text.includes("?") ? 0.85 : 0.7;
      break;
    case "offer":
    case "counter":
      if (derived === "relative" || derived === "midpoint") confidence = 0.75;
      else if (best && price !== undefined) {
        confidence =
          0.6 +
          (best.mention.marked || best.mention.scaled ? 0.2 : 0) +
          (best.score >= 2 ? 0.1 : 0) +
          (best.mention.spelled ? 0.05 : 0);
        if (best.mention.approx) confidence -= 0.1;
        if (best.mention.alternatives.length > 0) confidence -= 0.15;
        if (candidates.length > 1) confidence -= 0.1;
      } else if (roles.range || roles.bound) confidence = 0.8;
      else confidence = 0.5;
      break;
    default:
      if (doc.text.length === 0) confidence = 0;
      else if (cues.greeting) confidence = 0.8;
      else if (references.length > 0 || ignored.length > 0) confidence = 0.7;
      else confidence = 0.5;
  }
  if (kinds.has("accept") && (kinds.has("reject") || kinds.has("walk-away"))) confidence -= 0.1;
  confidence = doc.text.length === 0 ? 0 : Math.round(Math.min(0.99, Math.max(0.05, confidence)) * 100) / 100;

  return {
    intent,
    ...(price !== undefined ? { price } : {}),
    ...(roles.range ? { range: roles.range } : {}),
    ...(roles.bound ? { bound: roles.bound } : {}),
    conditions,
    references: references.map(({ price: p, what }) => ({ price: p, what })),
    ignored,
    isQuestion,
    confidence,
  };
}

/**
 * The one price a strategy can answer: the proposal, else the bound, else the middle of the range.
 * Undefined when the message names no price of theirs.
 */
export function effectivePrice(u: Understanding): number | undefined {
  if (u.price !== undefined) return u.price;
  if (u.bound) return u.bound.price;
  if (u.range) return midpointOf(u.range.low, u.range.high);
  return undefined;
}
