/**
 * Puts a strategy's Move into words, in the owner's persona. Deterministic given the seed and the
 * sequence of moves. The only numbers a message can contain are the prices carried by the move
 * (its price, previous price, their price, the asking and retail price) and the item's age; the
 * persona text is read for style but never echoed, so nothing secret can slip through.
 */
import { formatMoney } from "../../../domain/money.ts";
import { createRng, type Rng } from "../../../domain/random.ts";
import {
  ADDRESS,
  ANECDOTES,
  CASH,
  CLOSE_FAST,
  CLOSERS,
  COMPLIMENTS,
  CORE,
  DELIVERY,
  MOOD,
  type Mood,
  NEARLY_THERE,
  OPENERS,
  PRICE_FALLBACK,
  PRICE_FALLBACK_BY_KIND,
  type Role,
  SELF_CONTAINED_TONES,
} from "./banks.ts";
import { justificationOptions } from "./justify.ts";
import type { ItemFacts, Move, MoveKind } from "./move.ts";
import { type PersonaStyle, styleFromPersona } from "./persona-style.ts";
import { applyVoice, hasVoiceMarker, VOICE_KITS } from "./voice.ts";

/** The longest message the phraser writes. */
export const MAX_MESSAGE_LENGTH = 400;

export interface PhraserOptions {
  persona: string;
  instructions: string;
  seed: number;
}

export interface Phraser {
  readonly style: PersonaStyle;
  /** Strategy hints read from the persona (the same as the matching style flags). */
  readonly hints: { closeFast: boolean; lowballOpen: boolean; patient: boolean };
  /** The words for one move. */
  say(move: Move): string;
  /** Lets go of what it remembers of one negotiation (a long market holds many). */
  forget(counterpartName: string, itemTitle: string): void;
}

interface ThreadMemory {
  calls: number;
  /** The template last used from each bank, so the same one is not picked twice in a row. */
  last: Map<string, string>;
  lastCore?: string;
  deliveryMentioned: boolean;
  stories: number;
}

interface Part {
  text: string;
  role: "opener" | "core" | "extra" | "closer";
  /** Higher survives longer when a message must be shortened; the core is 10. */
  priority: number;
}

interface Ctx {
  move: Move;
  role: Role;
  style: PersonaStyle;
  rng: Rng;
  memory: ThreadMemory;
  price?: number;
  grammar: Record<string, string>;
  data: Record<string, string>;
  compact: Record<string, string>;
  /** Slot name -> may be used in this move. */
  usable: (slot: string) => boolean;
}

const PLURAL_EXCEPTIONS =
  /(?:ss|us|is|ics|lens|canvas|chess|series|species|atlas|bus|gas|plus|news|mattress|cactus|hummus|bass|iris|yes|this)$/i;
const SINGULAR_COLLECTIONS =
  /^(?:a |an |the )?(?:pair|set|box|bundle|collection|lot|stack|bag|crate|kit|case) of\b/i;

/** True when the title reads as plural ("Ski boots", "2 dining chairs"), so "they" fits better than "it". */
export function isPluralTitle(title: string): boolean {
  const clean = title
    .trim()
    .replace(/[([].*$/, "")
    .replace(/[,;:–—-].*$/, "")
    .trim();
  if (clean.length === 0 || SINGULAR_COLLECTIONS.test(clean)) return false;
  const leadingCount = /^(\d+)\s*x?\s/i.exec(clean);
  if (leadingCount && Number(leadingCount[1]) > 1) return true;
  const words = clean.split(/\s+/);
  const last = words[words.length - 1] ?? "";
  if (!/^[a-z]+s$/i.test(last) || last.length < 3) return false;
  if (/^[A-Z0-9]+s$/.test(last) && /[A-Z]{2}/.test(last)) return false;
  return !PLURAL_EXCEPTIONS.test(last);
}

/** Ordinary words that often start a title in sentence case ("Ski boots"); brands stay capitalised. */
const COMMON_LEADING_WORDS = new Set(
  (
    "vintage used old new large small big little tiny huge antique retro wooden wood metal glass plastic kids " +
    "children's baby toddler electric classic modern mini portable solid black white red blue green grey gray brown " +
    "pink purple yellow orange silver gold leather folding adjustable mountain road hybrid acoustic digital handmade " +
    "pair set box bundle collection lot stack bag crate kit case ski snowboard skate surf camping hiking running " +
    "cycling bike bicycle desk office kitchen dining coffee side bedside garden patio outdoor indoor bathroom " +
    "double single king queen wall floor table standing ceiling reading gaming wireless smart cordless " +
    "stainless cast copper ceramic porcelain marble oak pine walnut bamboo rattan velvet wool cotton silk " +
    "denim winter summer rain waterproof warm heavy light lightweight compact professional commercial home " +
    "women's men's womens mens ladies girls boys unisex dog cat pet bird fish guitar piano drum violin keyboard " +
    "camera phone laptop tablet monitor speaker headphones record book books board card jigsaw puzzle " +
    "sofa couch armchair chair chairs stool bench bookcase bookshelf shelf shelves wardrobe dresser lamp rug mirror " +
    "tent sleeping backpack rucksack suitcase travel stroller pram cot crib high hand power"
  ).split(" "),
);

/** "A Trek bike" -> "Trek bike"; "Vintage lamp" -> "vintage lamp" (for "the vintage lamp"). */
function itemNoun(title: string): { noun: string; possessive: boolean } {
  let clean = title.trim().replace(/\s+/g, " ");
  clean = clean.replace(/^(?:a|an|the|my|our)\s+/i, "");
  if (clean.length === 0) clean = "item";
  const possessive = /^[^\s]+'s\b/.test(clean);
  const first = clean.split(" ")[0]!;
  if (/^[A-Z][a-z']*$/.test(first) && COMMON_LEADING_WORDS.has(first.toLowerCase())) {
    clean = clean.charAt(0).toLowerCase() + clean.slice(1);
  }
  return { noun: clean, possessive };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cuts text to at most `max` characters at a space, so no word (or number) is split. */
function cutAtSpace(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return space > 0 ? text.slice(0, space) : text.slice(0, max);
}

function firstName(name: string, fallback: string): string {
  const tokens = name.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return fallback;
  const first = tokens[0]!;
  const picked =
    /^(?:mr|mrs|ms|mx|dr|miss|prof|sir|dame)\.?$/i.test(first) && tokens[1] ? `${first} ${tokens[1]}` : first;
  return cutAtSpace(picked, 40);
}

function normaliseFlaw(flaw: string): string {
  let clean = flaw
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[.!;]+$/, "");
  clean = clean.replace(/^(?:a|an|the|some)\s+/i, "");
  if (/^[A-Z][a-z]/.test(clean)) clean = clean.charAt(0).toLowerCase() + clean.slice(1);
  return cutAtSpace(clean, 80);
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function ageText(years: number | undefined): string | undefined {
  if (years === undefined || !Number.isFinite(years) || years < 0) return undefined;
  if (years < 1) return "less than a year old";
  const whole = Math.round(years);
  const about = Math.abs(years - whole) > 1e-9 ? "about " : "";
  return whole === 1 ? `${about}a year old` : `${about}${whole} years old`;
}

const CONDITION_IN: Record<ItemFacts["condition"], string> = {
  new: "brand new",
  "like-new": "in like-new condition",
  good: "in good condition",
  fair: "in fair condition",
  poor: "rough around the edges",
};
const CONDITION_ADJ: Record<ItemFacts["condition"], string> = {
  new: "brand-new",
  "like-new": "like-new",
  good: "good",
  fair: "fair",
  poor: "well-used",
};

const CONDITION_SHORT: Record<ItemFacts["condition"], string> = {
  new: "Brand new",
  "like-new": "Like new",
  good: "Good condition",
  fair: "Fair condition",
  poor: "Well used",
};

const SLOT = /\{(\w+)\}/g;

function slotsOf(template: string): string[] {
  return [...template.matchAll(SLOT)].map((match) => match[1]!);
}

function fill(template: string, values: Record<string, string>, keepUnknown: boolean): string {
  return template.replace(SLOT, (whole, name: string) => {
    const value = values[name];
    if (value !== undefined) return value;
    if (keepUnknown) return whole;
    return "";
  });
}

function buildContext(move: Move, style: PersonaStyle, rng: Rng, memory: ThreadMemory): Ctx {
  const role: Role = move.role;
  const item = move.item;
  const plural = isPluralTitle(item.title);
  const age = ageText(item.ageYears);
  const price = move.price;
  const money = (cents: number | undefined): string | undefined =>
    cents === undefined || !Number.isFinite(cents)
      ? undefined
      : formatMoney(Math.round(cents), move.currency);

  const grammar: Record<string, string> = plural
    ? {
        it: "them",
        sub: "they",
        It: "They",
        itis: "they're",
        Itis: "They're",
        ithas: "they have",
        Ithas: "They have",
        itsp: "their",
        s: "",
        is: "are",
        Is: "Are",
        was: "were",
        has: "have",
        does: "do",
        Does: "Do",
      }
    : {
        it: "it",
        sub: "it",
        It: "It",
        itis: "it's",
        Itis: "It's",
        ithas: "it has",
        Ithas: "It has",
        itsp: "its",
        s: "s",
        is: "is",
        Is: "Is",
        was: "was",
        has: "has",
        does: "does",
        Does: "Does",
      };
  grammar.condIn = CONDITION_IN[item.condition] ?? "in good condition";
  grammar.condAdj = CONDITION_ADJ[item.condition] ?? "good";
  grammar.condShort = CONDITION_SHORT[item.condition] ?? "Good condition";
  grammar.noage = "";
  if (age) {
    grammar.age = age;
    grammar.Age = capitalise(age);
  }

  const { noun, possessive } = itemNoun(item.title);
  const longTitle = noun.length > 80;
  const shortRef = plural ? "these" : "this one";
  const itemRef = longTitle ? shortRef : possessive ? noun : `the ${noun}`;
  const flaws = item.flaws.map(normaliseFlaw).filter((flaw) => flaw.length > 0);
  const flaw = flaws.length > 0 ? rng.pick(flaws) : undefined;
  const data: Record<string, string> = {
    them: firstName(move.counterpartName, "there"),
    me: firstName(move.myName, "me"),
    item: itemRef,
    Item: capitalise(itemRef),
  };
  if (flaw) {
    data.flaw = flaw;
    data.flaws = joinList(flaws.slice(0, 3).map((text) => `the ${text}`));
  }
  const prices: Record<string, number | undefined> = {
    price,
    prev: move.previousPrice,
    theirs: move.theirPrice,
    asking: item.askingPrice,
    retail: item.retailPrice,
  };
  for (const [slot, cents] of Object.entries(prices)) {
    const text = money(cents);
    if (text !== undefined) data[slot] = text;
  }
  const compact: Record<string, string> = {
    ...data,
    item: shortRef,
    Item: capitalise(shortRef),
    them: cutAtSpace(data.them ?? "there", 16),
  };
  if (flaw) {
    compact.flaw = cutAtSpace(flaw, 30);
    compact.flaws = compact.flaw;
  }

  const movingKinds: readonly MoveKind[] = ["counter", "concede", "hold-firm", "greet", "anchor"];
  const theirsFits =
    move.theirPrice !== undefined &&
    (price === undefined ||
      !movingKinds.includes(move.kind) ||
      (role === "seller" ? move.theirPrice < price : move.theirPrice > price));
  const prevFits =
    move.previousPrice !== undefined &&
    price !== undefined &&
    (role === "seller" ? price < move.previousPrice : price > move.previousPrice);

  const usable = (slot: string): boolean => {
    switch (slot) {
      case "price":
        return price !== undefined;
      case "theirs":
        return theirsFits;
      case "prev":
        return prevFits;
      case "retail":
        return item.retailPrice !== undefined;
      case "flaw":
      case "flaws":
        return flaw !== undefined;
      case "age":
      case "Age":
        return age !== undefined;
      case "noage":
        return age === undefined;
      case "why":
      case "facts":
        return true;
      default:
        return slot in grammar || slot in data;
    }
  };

  const ctx: Ctx = { move, role, style, rng, memory, grammar, data, compact, usable };
  if (price !== undefined) ctx.price = price;
  return ctx;
}

/** Picks one template, never the one this thread used last from the same bank. */
function pick(ctx: Ctx, bank: string, options: readonly string[]): string | undefined {
  if (options.length === 0) return undefined;
  const last = ctx.memory.last.get(bank);
  const fresh = options.length > 1 ? options.filter((option) => option !== last) : options;
  const chosen = ctx.rng.pick(fresh.length > 0 ? fresh : options);
  ctx.memory.last.set(bank, chosen);
  return chosen;
}

function fits(ctx: Ctx, template: string): boolean {
  return slotsOf(template).every((slot) => ctx.usable(slot));
}

function preferPriced(ctx: Ctx, templates: readonly string[]): readonly string[] {
  if (ctx.price === undefined) return templates;
  const priced = templates.filter((template) => template.includes("{price}"));
  return priced.length > 0 ? priced : templates;
}

function coreOptions(ctx: Ctx): readonly string[] {
  const { kind } = ctx.move;
  const tone = ctx.style.tone;
  const banks = CORE[kind]?.[ctx.role] ?? {};
  const own = (banks[tone] ?? []).filter((template) => fits(ctx, template));
  const fallback = (banks.default ?? []).filter((template) => fits(ctx, template));
  const hasPrice = (list: readonly string[]) => list.some((template) => template.includes("{price}"));

  const ownPreferred = preferPriced(ctx, own);
  if (tone === "terse" && own.length > 0) return ownPreferred;
  if (
    SELF_CONTAINED_TONES.has(tone) &&
    ownPreferred.length >= 2 &&
    (ctx.price === undefined || hasPrice(ownPreferred))
  ) {
    return ownPreferred;
  }
  const merged = preferPriced(ctx, [...own, ...fallback]);
  if (merged.length > 0) return merged;
  return ctx.price !== undefined ? ["{price}."] : ["Okay."];
}

function sellerFacts(ctx: Ctx): string {
  const { rng } = ctx;
  const age = ctx.grammar.age !== undefined;
  const first = age
    ? rng.pick(["{Itis} {condIn} and {age}.", "{Itis} {age} and {condIn}."])
    : rng.pick(["{Itis} {condIn}.", "{Itis} {condIn}, no complaints."]);
  let flaws: string;
  const count = ctx.move.item.flaws.filter((flaw) => flaw.trim().length > 0).length;
  if (ctx.data.flaw === undefined) {
    flaws = rng.pick(["No flaws to speak of.", "Nothing wrong with {it} at all.", "No damage or issues."]);
  } else if (count === 1) {
    flaws = rng.pick(["The only thing to mention is the {flaw}.", "To be upfront, there's the {flaw}."]);
  } else {
    flaws = rng.pick(["To be upfront, there's {flaws}.", "The things to mention are {flaws}."]);
  }
  return `${first} ${flaws}`;
}

/** Leverage clauses: the justification ("why") and, separately, a closing "final" line. */
function justifications(ctx: Ctx): { why: string[]; final?: string } {
  const terse = ctx.style.tone === "terse";
  const facts = {
    item: ctx.move.item,
    role: ctx.role,
    terse,
    hasAge: ctx.grammar.age !== undefined,
    ...(ctx.price !== undefined ? { price: ctx.price } : {}),
  };
  const why: string[] = [];
  let final: string | undefined;
  const seen = new Set<string>();
  for (const leverage of ctx.move.leverage ?? []) {
    if (seen.has(leverage)) continue;
    seen.add(leverage);
    const options = justificationOptions(leverage, facts).filter((template) => fits(ctx, template));
    const chosen = pick(ctx, `why:${ctx.role}:${leverage}`, options);
    if (chosen === undefined) continue;
    if (leverage === "final") final = chosen;
    else if (why.length < 2) why.push(chosen);
  }
  return final === undefined ? { why } : { why, final };
}

const POSITIVE_DEAL: ReadonlySet<MoveKind> = new Set(["accept", "confirm", "thanks"]);
const TALK: ReadonlySet<MoveKind> = new Set(["counter", "concede", "hold-firm", "answer", "anchor"]);

function buildParts(ctx: Ctx): Part[] {
  const { move, style, rng, memory, role } = ctx;
  const { tone, voice, flags } = style;
  const kind = move.kind;
  const mood: Mood = MOOD[kind] ?? "neutral";
  const kit = voice === "plain" ? undefined : VOICE_KITS[voice];
  const parts: Part[] = [];

  // The core sentence, with justification.
  const allCores = coreOptions(ctx);
  const freshCores = allCores.filter((template) => template !== memory.lastCore);
  const core = pick(ctx, `core:${kind}:${role}`, freshCores.length > 0 ? freshCores : allCores) ?? "Okay.";
  memory.lastCore = core;
  const { why, final } = justifications(ctx);
  let coreText = core.includes("{facts}") ? core.replace("{facts}", sellerFacts(ctx)) : core;
  const whyText = why.join(" ");
  if (coreText.includes("{why}")) {
    coreText = coreText.replace("{why}", whyText.length > 0 ? `${whyText} ` : "").trim();
  } else if (whyText.length > 0) {
    coreText = `${coreText} ${whyText}`;
  }
  if (ctx.price !== undefined && !coreText.includes("{price}")) {
    const fallback = PRICE_FALLBACK_BY_KIND[kind] ?? PRICE_FALLBACK[role];
    const line = tone === "terse" ? "{price}." : pick(ctx, `price:${kind}`, fallback);
    coreText = `${coreText} ${line}`;
  }

  // Opener: always when greeting or at the start of a thread, now and then later on.
  const addressed = coreText.includes("{them}");
  const opening = kind === "greet" || (move.round === 0 && !POSITIVE_DEAL.has(kind) && kind !== "answer");
  const wantOpener =
    !addressed && tone !== "terse" && (opening || (tone !== "aggressive" && rng.chance(0.15)));
  let openerText: string | undefined;
  if (wantOpener) {
    const useVoice = kit !== undefined && rng.chance(opening ? 0.65 : 0.4);
    const options = opening
      ? useVoice && kit
        ? kit.openers
        : OPENERS[tone]
      : useVoice && kit
        ? kit.address
        : ADDRESS[tone];
    openerText = pick(ctx, `${opening ? "open" : "address"}:${useVoice ? voice : tone}`, options);
    if (openerText) parts.push({ text: openerText, role: "opener", priority: opening ? 6 : 1 });
  }

  // Little stories and voice flavour before the core.
  const storyMoods: readonly Mood[] = ["greeting", "neutral"];
  if (
    (flags.storyteller || tone === "chatty") &&
    storyMoods.includes(mood) &&
    memory.stories < 2 &&
    kind !== "question" &&
    rng.chance(0.5)
  ) {
    const story = pick(
      ctx,
      `story:${role}`,
      ANECDOTES[role].filter((t) => fits(ctx, t)),
    );
    if (story) {
      memory.stories++;
      parts.push({ text: story, role: "extra", priority: 2 });
    }
  }
  if (flags.compliments && (kind === "greet" || kind === "anchor") && rng.chance(0.5)) {
    const line = pick(
      ctx,
      `compliment:${role}`,
      COMPLIMENTS[role].filter((t) => fits(ctx, t)),
    );
    if (line) parts.push({ text: line, role: "extra", priority: 1 });
  }

  parts.push({ text: coreText, role: "core", priority: 10 });
  if (final) parts.push({ text: final, role: "extra", priority: 9 });
  if (kit && (mood === "neutral" || mood === "greeting") && rng.chance(0.2)) {
    const line = pick(ctx, `flavour:${voice}`, kit.flavour);
    if (line) parts.push({ text: line, role: "extra", priority: 1 });
  }

  // Extras after the core.
  if (
    (kind === "counter" || kind === "concede") &&
    ctx.price !== undefined &&
    move.theirPrice !== undefined &&
    tone !== "terse"
  ) {
    const gap = Math.abs(ctx.price - move.theirPrice) / Math.max(ctx.price, move.theirPrice, 1);
    if (gap <= 0.07 && rng.chance(0.5)) {
      const line = pick(ctx, "nearly", NEARLY_THERE);
      if (line) parts.push({ text: line, role: "extra", priority: 2 });
    }
  }
  if (flags.offersDelivery) {
    const deal = POSITIVE_DEAL.has(kind);
    const talkGoingWell = TALK.has(kind) && move.round >= 2 && !memory.deliveryMentioned;
    const say =
      role === "seller"
        ? deal || talkGoingWell
        : kind === "accept" && !/pick|collect/i.test(coreText) && rng.chance(0.5);
    if (say) {
      const line = pick(ctx, `delivery:${role}:${deal}`, DELIVERY[role][deal ? "deal" : "talk"]);
      if (line) {
        memory.deliveryMentioned = true;
        parts.push({ text: line, role: "extra", priority: 8 });
      }
    }
  }
  const quickMoods: readonly Mood[] = ["neutral", "positive", "greeting"];
  if (
    flags.closeFast &&
    quickMoods.includes(mood) &&
    kind !== "question" &&
    !/today|right now|straight away|pick .{0,12}up|collect|handover/i.test(coreText) &&
    rng.chance(0.5)
  ) {
    const line = pick(ctx, `fast:${role}`, CLOSE_FAST[role]);
    if (line) parts.push({ text: line, role: "extra", priority: 2 });
  }
  if (
    flags.paysCash &&
    role === "buyer" &&
    ["greet", "anchor", "counter", "concede", "accept"].includes(kind) &&
    !/cash/i.test(coreText) &&
    rng.chance(0.4)
  ) {
    const line = pick(ctx, "cash", CASH);
    if (line) parts.push({ text: line, role: "extra", priority: 2 });
  }

  // Sign-off: a formal letter opened with "Dear" closes with a signature, nothing else does.
  const letter = openerText?.endsWith("\n") === true;
  const closerChance = kind === "question" ? 0.1 : tone === "terse" ? 0 : 0.5;
  if (letter || rng.chance(closerChance)) {
    const useVoice = kit !== undefined && !letter && rng.chance(0.5);
    const options = useVoice && kit ? kit.closers[mood] : CLOSERS[tone][mood];
    const said = applyVoice(parts.map((part) => part.text).join(" "), voice);
    const filtered = options.filter(
      (o) => (letter ? o.includes("\n") : !o.includes("\n")) && o.length > 0 && !alreadySaid(said, o),
    );
    const closer = pick(ctx, useVoice ? `close:${voice}:${mood}` : `close:${tone}:${mood}`, filtered);
    if (closer) parts.push({ text: closer, role: "closer", priority: letter ? 5 : 3 });
  }
  return parts;
}

/** True when the gist of `line` (its first clause, e.g. "much obliged" of "Much obliged, partner.") was said. */
function alreadySaid(said: string, line: string): boolean {
  const gist = line
    .toLowerCase()
    .split(/[,.!?:\n]/)[0]!
    .trim();
  const lower = said.toLowerCase();
  if (
    /^(?:thanks|thank|cheers|much obliged|my thanks|i thank)\b/.test(gist) &&
    /\b(?:thank|cheers|much obliged)/.test(lower)
  ) {
    return true;
  }
  return gist.length > 0 && lower.includes(gist);
}

/** Joins parts: a part ending in a newline is followed directly, one with a newline opens a new paragraph. */
function join(texts: readonly string[]): string {
  let out = "";
  for (const text of texts) {
    if (out.length === 0) out = text;
    else if (out.endsWith("\n")) out += `\n${text}`;
    else if (text.includes("\n")) out += `\n\n${text}`;
    else out += ` ${text}`;
  }
  return out;
}

/** After an opener ending in a comma the next sentence continues in lower case ("Hi Sam, thanks..."). */
function continueAfterComma(previous: string | undefined, text: string): string {
  if (!previous?.endsWith(",")) return text;
  if (/^I\b|^I'|^\{(?!Item\b)/.test(text)) return text;
  if (text.startsWith("{Item}")) return `{item}${text.slice("{Item}".length)}`;
  if (/^[A-Z][a-z]/.test(text)) return text.charAt(0).toLowerCase() + text.slice(1);
  return text;
}

function render(parts: readonly Part[], values: Record<string, string>): string {
  const texts: string[] = [];
  let previous: string | undefined;
  for (const part of parts) {
    const text = continueAfterComma(previous, part.text);
    texts.push(text);
    previous = text;
  }
  return fill(join(texts), values, false).replace(/ {2,}/g, " ").trim();
}

const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bcan't\b/g, "cannot"],
  [/\bCan't\b/g, "Cannot"],
  [/\bwon't\b/g, "will not"],
  [/\bWon't\b/g, "Will not"],
  [/\b(do|does|is|are|was|were|would|could|should|has|have|had)n't\b/gi, "$1 not"],
  [/\b(I|you|we|they)'ve\b/gi, "$1 have"],
  [/\b(I|you|we|they|he|she)'d\b/gi, "$1 would"],
  [/\b(you|we|they)'re\b/gi, "$1 are"],
  [/\bI'm\b/g, "I am"],
  [/\b(I|you|we|they)'ll\b/gi, "$1 will"],
  [/\b(it|that|there|what|he|she)'s been\b/gi, "$1 has been"],
  [/\b(it|that|there|what|money|here)'s\b/gi, "$1 is"],
];

/** Formal writers spell contractions out ("It's" becomes "It is"). */
function expandContractions(text: string): string {
  let out = text;
  for (const [pattern, replacement] of CONTRACTIONS) out = out.replace(pattern, replacement);
  return out;
}

function sayMove(ctx: Ctx): string {
  const { style, rng } = ctx;
  const kit = style.voice === "plain" ? undefined : VOICE_KITS[style.voice];
  const mood = MOOD[ctx.move.kind] ?? "neutral";

  // Grammar first, then the voice, then (at render) the data, which the voice never touches.
  let parts = buildParts(ctx).map((part) => {
    const text = applyVoice(fill(part.text, ctx.grammar, true), style.voice);
    return { ...part, text: style.tone === "formal" ? expandContractions(text) : text };
  });
  if (kit && !hasVoiceMarker(parts.map((part) => part.text).join(" "), style.voice)) {
    const said = parts.map((part) => part.text).join(" ");
    const fresh = kit.closers[mood].filter((o) => !alreadySaid(said, o));
    const closer = pick(ctx, `close:${style.voice}:${mood}`, fresh.length > 0 ? fresh : kit.closers[mood]);
    if (closer) {
      const existing = parts.findIndex((part) => part.role === "closer" && !part.text.includes("\n"));
      const signature = parts.findIndex((part) => part.text.includes("\n") && !part.text.endsWith("\n"));
      if (existing >= 0) parts[existing] = { text: closer, role: "closer", priority: 9 };
      else
        parts.splice(signature >= 0 ? signature : parts.length, 0, {
          text: closer,
          role: "closer",
          priority: 9,
        });
    }
  }
  if (style.flags.usesEmoji && style.tone !== "terse" && rng.chance(0.6)) {
    const emoji = kit && rng.chance(0.5) ? kit.emoji : pickEmoji(ctx, mood);
    const target = parts[parts.findLastIndex((part) => !part.text.includes("\n"))];
    if (target) target.text = `${target.text} ${emoji}`;
  }

  let text = render(parts, ctx.data);
  while (text.length > MAX_MESSAGE_LENGTH) {
    let lowest = -1;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.priority < 10 && (lowest < 0 || part.priority < parts[lowest]!.priority)) lowest = i;
    }
    if (lowest < 0) break;
    parts = parts.filter((_, i) => i !== lowest);
    text = render(parts, ctx.data);
  }
  if (text.length > MAX_MESSAGE_LENGTH) text = render(parts, ctx.compact);
  if (text.length > MAX_MESSAGE_LENGTH) text = `${cutAtSpace(text, MAX_MESSAGE_LENGTH - 1)}…`;
  return text;
}

const EMOJI: Record<Mood, readonly string[]> = {
  greeting: ["👋", "🙂", "😊"],
  neutral: ["🙂", "😊", "🤞"],
  positive: ["🎉", "🤝", "😊", "👍"],
  negative: ["🙁", "😕", "🤷"],
};

function pickEmoji(ctx: Ctx, mood: Mood): string {
  return pick(ctx, `emoji:${mood}`, EMOJI[mood]) ?? "🙂";
}

/** One negotiation's memory: the counterpart and the item, as a move names them. */
const memoryKey = (counterpartName: string, itemTitle: string): string =>
  `${counterpartName}\u0000${itemTitle}`;

/**
 * A phraser for one agent: reads the persona once and puts each move into words.
 * @example createPhraser({ persona: "a weary cowboy", instructions: "", seed: 7 }).say(move)
 */
export function createPhraser(options: PhraserOptions): Phraser {
  const style = styleFromPersona(options.persona ?? "", options.instructions ?? "");
  const base = createRng(options.seed);
  const threads = new Map<string, ThreadMemory>();

  const { closeFast, lowballOpen, patient } = style.flags;
  return {
    style,
    hints: { closeFast, lowballOpen, patient },
    say(move: Move): string {
      const key = memoryKey(move.counterpartName, move.item.title);
      let memory = threads.get(key);
      if (!memory) {
        memory = { calls: 0, last: new Map(), deliveryMentioned: false, stories: 0 };
        threads.set(key, memory);
      }
      const rng = base.fork(`${key}#${memory.calls}`);
      memory.calls++;
      return sayMove(buildContext(move, style, rng, memory));
    },
    forget(counterpartName, itemTitle) {
      threads.delete(memoryKey(counterpartName, itemTitle));
    },
  };
}
