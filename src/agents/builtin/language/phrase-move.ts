import { createRng } from "../../../domain/random.ts";
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
  NAMELESS_OPENERS,
  NEARLY_THERE,
  OPENERS,
  PRICE_FALLBACK,
  PRICE_FALLBACK_BY_KIND,
  SELF_CONTAINED_TONES,
  UNPRICED_CORE,
} from "./banks.ts";
import { cutAtSpace, isPluralTitle } from "./item-words.ts";
import { justificationOptions } from "./justify.ts";
import type { Move, MoveKind } from "./move.ts";
import { type PersonaStyle, styleFromPersona } from "./persona-style.ts";
import { buildContext, type Ctx, type ThreadMemory } from "./phrase-context.ts";
import { alreadySaid, expandContractions, fill, type Part, render, slotsOf } from "./templates.ts";
import { applyVoice, hasVoiceMarker, VOICE_KITS } from "./voice.ts";

export { isPluralTitle };

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
  /** What it remembers of each negotiation, by counterpart and item (for a travelling agent's state). */
  state(): Map<string, ThreadMemory>;
  load(state: unknown): void;
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
  // A move that proposes a price its words may not write points at the offer, which carries it.
  const unpriced = ctx.price === undefined ? UNPRICED_CORE[kind]?.[ctx.role] : undefined;
  if (unpriced) return unpriced.filter((template) => fits(ctx, template));
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
    flaws = rng.pick(["The only thing to mention: {flaw}.", "To be upfront, one flaw: {flaw}."]);
  } else {
    flaws = rng.pick(["To be upfront: {flaws}.", "Things to mention: {flaws}."]);
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
    const all = opening
      ? useVoice && kit
        ? kit.openers
        : OPENERS[tone]
      : useVoice && kit
        ? kit.address
        : ADDRESS[tone];
    // Without the counterpart's name, only forms that do not need it.
    const named = all.filter((template) => fits(ctx, template));
    const options = named.length > 0 || !opening ? named : NAMELESS_OPENERS[tone];
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
    state: () => threads,
    load(state: unknown) {
      threads.clear();
      for (const [key, memory] of state as Map<string, ThreadMemory>) threads.set(key, memory);
    },
  };
}
