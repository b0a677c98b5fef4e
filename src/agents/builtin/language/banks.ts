/**
 * Template banks for the phraser. Slots in braces are filled in two phases:
 *
 * Grammar and item facts (filled before the voice is applied, so voices can rework them):
 *   {it} object pronoun (it/them), {sub} subject (it/they), {It} (It/They), {itis} (it's/they're),
 *   {Itis}, {ithas} (it has/they have), {Ithas}, {itsp} possessive (its/their), {s} verb ending
 *   (works/work), {is} (is/are), {Is}, {was} (was/were), {has}, {does} (does/do), {Does}, {condIn} ("in good condition"),
 *   {condAdj} ("good"), {condShort} ("Good condition"), {age} ("3 years old"), {Age}.
 * Data (filled last, never touched by the voice): {them} counterpart's first name, {me} our name,
 *   {item} ("the Trek bike"), {Item} ("The Trek bike"), {flaw} and {flaws} (as the owner wrote
 *   them: a noun phrase or a clause, so templates set them off with a colon or brackets, never
 *   "the {flaw}"), and the prices {price} (ours), {prev} (our previous), {theirs}, {asking}, {retail}.
 * {why} marks where a justification goes; without one the justification follows the core sentence.
 *
 * No template contains a digit or a number word: the only numbers in a message are the prices
 * and the item's age.
 */

import { BARGAINING } from "./core-banks/bargaining.ts";
import { CLOSING } from "./core-banks/closing.ts";
import { OPENING } from "./core-banks/opening.ts";
import { TALK } from "./core-banks/talk.ts";
import type { MoveKind } from "./move.ts";
import type { Tone } from "./persona-style.ts";

export type Role = "seller" | "buyer";
export type ToneBanks = Partial<Record<Tone | "default", readonly string[]>>;
export type Mood = "greeting" | "neutral" | "positive" | "negative";

export const MOOD: Record<MoveKind, Mood> = {
  greet: "greeting",
  anchor: "neutral",
  counter: "neutral",
  concede: "neutral",
  "hold-firm": "neutral",
  accept: "positive",
  confirm: "positive",
  reject: "negative",
  "walk-away": "negative",
  question: "neutral",
  answer: "neutral",
  thanks: "positive",
};

/** Tones whose own bank replaces the default one when it has enough fitting templates. */
export const SELF_CONTAINED_TONES: ReadonlySet<Tone> = new Set<Tone>([
  "terse",
  "aggressive",
  "formal",
  "theatrical",
  "weary",
  "enthusiastic",
  "polite-firm",
]);

/** The sentence that carries each move, by role and tone (see core-banks/). */
export const CORE: Record<MoveKind, Record<Role, ToneBanks>> = {
  ...OPENING,
  ...BARGAINING,
  ...CLOSING,
  ...TALK,
};

/** A sentence carrying the price when the chosen template could not. */
export const PRICE_FALLBACK: Record<Role, readonly string[]> = {
  seller: ["My price is {price}.", "I'm at {price}.", "{price} from me."],
  buyer: ["My offer is {price}.", "I'm at {price}.", "{price} from me."],
};
export const PRICE_FALLBACK_BY_KIND: Partial<Record<MoveKind, readonly string[]>> = {
  "walk-away": ["If you change your mind, {price} still stands.", "My {price} stands if you reconsider."],
  reject: ["I'm still at {price}.", "{price} still stands."],
  question: ["Would {price} work for you?", "Could we do {price}?"],
  answer: ["And {price} still stands.", "I'm still at {price}."],
  thanks: ["Thanks again for {price}.", "{price} it is."],
};

/** Opening lines, by tone. `\n` at the end keeps the opener on its own line. */
export const OPENERS: Record<Tone, readonly string[]> = {
  friendly: ["Hi {them}!", "Hi {them},", "Hello {them}!", "Hey {them}!"],
  "polite-firm": ["Hi {them},", "Hello {them},", "Good day, {them}."],
  aggressive: ["Alright, {them}.", "Listen, {them}.", "Hey {them}."],
  theatrical: ["Ah, {them}!", "Greetings, {them}!", "Well met, {them}!", "Hark, {them}!"],
  weary: ["Hey there, {them}.", "Well, hello {them}.", "Howdy do, {them}."],
  enthusiastic: ["Hi {them}!!", "Hello there, {them}!", "Hey {them}!"],
  terse: [""],
  formal: ["Dear {them},\n", "Good day, {them}.", "Dear {them},\n"],
  chatty: ["Hi {them}!", "Oh hello {them}!", "Hi there, {them}!"],
  brisk: ["Hi {them}.", "Hi {them},", "{them}, hi."],
  "laid-back": ["Hey {them},", "Hey there {them}!", "Hey {them}!"],
};

/** Openers for a counterpart whose name the agent does not know yet (never "Dear there,"). */
export const NAMELESS_OPENERS: Record<Tone, readonly string[]> = {
  friendly: ["Hi!", "Hello!", "Hi there!"],
  "polite-firm": ["Hello,", "Good day."],
  aggressive: ["Alright.", "Listen."],
  theatrical: ["Greetings!", "Well met!"],
  weary: ["Hey there.", "Well, hello."],
  enthusiastic: ["Hi!!", "Hello there!"],
  terse: [""],
  formal: ["Good day.", "Hello,"],
  chatty: ["Hi there!", "Oh hello!"],
  brisk: ["Hi.", "Hi,"],
  "laid-back": ["Hey there!", "Hey,"],
};

/**
 * The sentence of a move that proposes a price when its words may not write it (the price is one of
 * the owner's limits, which the words never write; the offer itself carries it). Never "Okay.", which
 * reads as accepting theirs.
 */
export const UNPRICED_CORE: Partial<Record<MoveKind, Record<Role, readonly string[]>>> = {
  greet: {
    seller: ["Here's my price for {item}: it's in the offer.", "My price is in the offer."],
    buyer: ["Here's my offer for {item}.", "I've put in an offer for {item}."],
  },
  anchor: {
    seller: ["Here's my price for {item}: it's in the offer.", "My price is in the offer."],
    buyer: ["Here's my offer for {item}.", "I've put in an offer for {item}."],
  },
  counter: {
    seller: ["Here's my counter-offer.", "I've sent you a new price."],
    buyer: ["Here's my counter-offer.", "I've sent you a new offer."],
  },
  concede: {
    seller: ["I can come down: here's my new price.", "I've lowered my price: see my offer."],
    buyer: ["I can come up: here's my new offer.", "I've raised my offer: have a look."],
  },
  "hold-firm": {
    seller: ["My price stays where it is.", "I'm staying at my price."],
    buyer: ["My offer stays where it is.", "I'm staying at my offer."],
  },
};

/** Ways to address the counterpart mid-thread, by tone; the next sentence continues after the comma. */
export const ADDRESS: Record<Tone, readonly string[]> = {
  friendly: ["{them},"],
  "polite-firm": ["{them},"],
  aggressive: [],
  theatrical: ["Ah, {them}!", "Oh, {them}!"],
  weary: ["Well, {them},", "{them},"],
  enthusiastic: ["Oh, {them},", "{them},"],
  terse: [],
  formal: [],
  chatty: ["Oh, {them},", "{them},"],
  brisk: ["{them},"],
  "laid-back": ["{them},", "Hey {them},"],
};

/** Sign-offs, by tone and mood; "" means none. */
export const CLOSERS: Record<Tone, Record<Mood, readonly string[]>> = {
  friendly: {
    greeting: ["Looking forward to hearing from you!", "Let me know!"],
    neutral: ["Let me know what you think.", "Hope that works for you!", "What do you say?"],
    positive: ["Thanks!", "Looking forward to it.", "Thanks so much!"],
    negative: ["Thanks anyway!", "No hard feelings."],
  },
  "polite-firm": {
    greeting: ["Thank you.", "Best regards."],
    neutral: ["I hope you understand.", "Thanks for understanding.", "Thank you."],
    positive: ["Thank you.", "Much appreciated."],
    negative: ["Thank you for your time.", "Thank you for understanding."],
  },
  aggressive: {
    greeting: ["Let's keep this quick.", ""],
    neutral: ["Your move.", "Think fast.", ""],
    positive: ["", "Pleasure."],
    negative: ["", "Your loss."],
  },
  theatrical: {
    greeting: ["The stage is yours!", "What say you?"],
    neutral: ["What say you?", "I await your reply with bated breath!", "The stage is yours!"],
    positive: ["Bravo!", "A triumph!", "Encore!"],
    negative: ["Alas!", "Exit, pursued by regret.", "Such is the tragedy of commerce."],
  },
  weary: {
    greeting: ["No pressure.", "Let me know, I guess."],
    neutral: ["Let me know, I guess.", "No pressure.", "Whatever you think is fair."],
    positive: ["Appreciate it, truly.", "That means a lot.", "Thank you kindly."],
    negative: ["Ah well. Such is life.", "Take care of yourself.", "Such is life."],
  },
  enthusiastic: {
    greeting: ["Can't wait to hear from you!", "Let me know!!"],
    neutral: ["Let me know!!", "Can't wait to hear back!", "Fingers crossed!"],
    positive: ["Woohoo!", "So excited!", "This made my day!"],
    negative: ["No worries at all!", "Best of luck!"],
  },
  terse: {
    greeting: [""],
    neutral: [""],
    positive: [""],
    negative: [""],
  },
  formal: {
    greeting: ["Kind regards,\n{me}", "I look forward to your reply."],
    neutral: ["I look forward to your reply.", "Kind regards,\n{me}", "Yours sincerely,\n{me}"],
    positive: ["With thanks,\n{me}", "Kind regards,\n{me}"],
    negative: ["Regards,\n{me}", "With best wishes,\n{me}"],
  },
  chatty: {
    greeting: ["Anyway, let me know what you think!", "Anyway, I'm rambling. Let me know!"],
    neutral: [
      "Anyway, I'm rambling. Let me know what you think!",
      "Anyway, have a think!",
      "Let me know what you think!",
    ],
    positive: ["This has been lovely, honestly.", "What a nice chat this has been!"],
    negative: ["Anyway, it was lovely chatting!", "Thanks for the chat, all the same!"],
  },
  brisk: {
    greeting: ["Let me know.", ""],
    neutral: ["Let me know.", ""],
    positive: ["", "Cheers."],
    negative: ["Thanks anyway.", ""],
  },
  "laid-back": {
    greeting: ["No rush.", "Take your time."],
    neutral: ["No rush, have a think.", "No pressure either way."],
    positive: ["Sweet.", "Nice one."],
    negative: ["All good, take it easy.", "No worries."],
  },
};

/** Stories for chatty storytellers. */
export const ANECDOTES: Record<Role, readonly string[]> = {
  seller: [
    "Funny story: I bought {it} on a whim and never used {it} as much as I meant to.",
    "{Ithas} been with me through a few house moves, so there's a bit of history there.",
    "My partner says the spare room has to be cleared out, so {item} need{s} a new home.",
    "I've got a soft spot for {it}, honestly. Lots of good memories.",
    "My neighbour always admired {it}, actually, so I know {itis} a good one.",
  ],
  buyer: [
    "My niece has been asking for one of these for ages.",
    "I've been hunting for one of these since spring.",
    "I had one just like {it} years ago and I've missed {it} ever since.",
    "My neighbour has one and I've been quietly jealous for months.",
    "It'd be a surprise for my partner, so fingers crossed!",
  ],
};

export const DELIVERY: Record<Role, { talk: readonly string[]; deal: readonly string[] }> = {
  // The market hands items over in person: a seller offers to make that easy, never delivery,
  // shipping or a visit to the buyer's address (the market does none of these).
  seller: {
    talk: [
      "And since we're getting on so well, I'm happy to meet wherever suits you for the hand-over!",
      "I'm flexible on where we meet for the hand-over, too.",
      "Happy to meet somewhere handy for you, of course!",
      "I can meet you halfway to hand {it} over.",
    ],
    deal: [
      "Just tell me where suits you to meet for the hand-over.",
      "Happy to meet wherever is easiest for you!",
      "I'll bring {it} along to wherever we meet.",
    ],
  },
  buyer: {
    talk: ["I'm happy to come and collect, so no hassle for you.", "I can come to you to collect {it}."],
    deal: ["I'll come and collect, so no hassle for you.", "I'll come to you to pick {it} up."],
  },
};

export const CLOSE_FAST: Record<Role, readonly string[]> = {
  seller: [
    "I can have {it} ready today.",
    "Happy to do the handover today if that suits.",
    "{Itis} ready to go right now.",
  ],
  buyer: [
    "I can pick {it} up today.",
    "I can collect today if that helps.",
    "I'm ready to collect straight away.",
  ],
};

export const CASH: readonly string[] = [
  "Cash in hand, of course.",
  "I'll bring cash.",
  "Cash on collection.",
];

export const COMPLIMENTS: Record<Role, readonly string[]> = {
  seller: ["You've got good taste, by the way.", "I can tell you'd look after {it}."],
  buyer: ["{It} look{s} lovely, by the way.", "Lovely listing, by the way."],
};

export const NEARLY_THERE: readonly string[] = [
  "We're nearly there!",
  "We're not far apart now.",
  "So close now.",
];
