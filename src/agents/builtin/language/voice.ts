/**
 * Character voices laid over a message: word swaps applied to template text (before names, titles
 * and prices are filled in, so those are never altered), plus openers, sign-offs and flavour lines.
 */
import type { Mood } from "./banks.ts";
import type { Voice } from "./persona-style.ts";

type Rule = readonly [RegExp, string];

export interface VoiceKit {
  rules: readonly Rule[];
  /** At least one of these, case-insensitively, makes a message recognisably in this voice. */
  markers: readonly string[];
  openers: readonly string[];
  /** Mid-thread address forms; the next sentence continues after the comma. */
  address: readonly string[];
  closers: Record<Mood, readonly string[]>;
  flavour: readonly string[];
  emoji: string;
}

const SENTENCE_START = String.raw`(^|[.!?]\s+|\n)`;

export const VOICE_KITS: Record<Exclude<Voice, "plain">, VoiceKit> = {
  cowboy: {
    rules: [
      [/\bI think\b/g, "I reckon"],
      [/\bI guess\b(?= \w)/g, "I reckon"],
      [/\bI suppose\b/g, "I reckon"],
      [/\b(?:Hi|Hello|Hey)\b/g, "Howdy"],
      [/\bfriend\b/g, "partner"],
      [/\bThank you (?:kindly|so much)\b/g, "Much obliged"],
      [/\bThank you\b/g, "Much obliged"],
      [/\bThanks so much\b/g, "Thank ya kindly"],
      [/\bThanks\b/g, "Thank ya"],
      [/\bvery (good|fair|kind|nice|generous|close|happy|glad|pleased)\b/g, "mighty $1"],
      [/\bthat's kind of you\b/g, "that's mighty kind of you"],
      [/\bThat's kind of you\b/g, "That's mighty kind of you"],
      [/\bisn't\b/g, "ain't"],
      [/\b(I'm|I am) going to\b/g, "$1 fixin' to"],
      [/\b(noth|someth|anyth|look|hop|think|ask|gett|sell)ing\b/g, "$1in'"],
      [/\byou all\b/g, "y'all"],
    ],
    markers: [
      "partner",
      "reckon",
      "howdy",
      "y'all",
      "much obliged",
      "ol'",
      "yonder",
      "fixin'",
      "mighty",
      "ain't",
      "thank ya",
      "happy trails",
      "cowpoke",
      "giddy",
    ],
    openers: ["Howdy, {them}.", "Howdy, partner.", "Well howdy, {them}!"],
    address: ["Well, partner,", "Now, {them},"],
    closers: {
      greeting: ["Much obliged, partner.", "Take your time, partner."],
      neutral: ["What do you reckon, partner?", "Your call, partner.", "Let me know what you reckon."],
      positive: ["Much obliged, partner.", "Mighty kind of you, partner.", "Happy trails, partner!"],
      negative: [
        "No hard feelings, partner.",
        "Happy trails, partner.",
        "Reckon that's that. Take care, partner.",
      ],
    },
    flavour: [
      "It's been a long, dusty trail, partner.",
      "Times have been mighty lean out on the range.",
      "This ol' cowpoke has seen better days.",
      "Ain't much, but I deal honest, partner.",
    ],
    emoji: "🤠",
  },
  pirate: {
    rules: [
      [/\b(?:Hi|Hello|Hey)\b/g, "Ahoy"],
      [/\byou're\b/g, "ye be"],
      [/\bYou're\b/g, "Ye be"],
      [/\byou\b/g, "ye"],
      [/\bYou\b/g, "Ye"],
      [/\byour\b/g, "yer"],
      [/\bYour\b/g, "Yer"],
      [/\bmy\b/g, "me"],
      [/\bMy\b/g, "Me"],
      [/\bYes\b/g, "Aye"],
      [/\byes\b/g, "aye"],
      [/\bfriend\b/g, "matey"],
      [/\bmoney\b/g, "coin"],
      [/\bcash\b/g, "coin"],
      [/\bCash\b/g, "Coin"],
      [/\bThanks\b/g, "Thankee"],
      [/\bis\b/g, "be"],
      [/\bam\b/g, "be"],
    ],
    markers: [
      "ahoy",
      "arr",
      "matey",
      "ye",
      "aye",
      "yer",
      "thankee",
      "plunder",
      "treasure",
      "me hearty",
      "shiver me timbers",
      "yo ho",
    ],
    openers: ["Ahoy, {them}!", "Ahoy there, matey!", "Arr, {them}!"],
    address: ["Arr, {them},", "Listen, matey,"],
    closers: {
      greeting: ["Arr!", "Yo ho!"],
      neutral: ["What say ye, matey?", "Arr, think it over.", "Yer move, matey."],
      positive: ["Yo ho ho, a fine deal!", "Arr, ye drive a fair bargain, matey!", "Fair winds to ye!"],
      negative: ["Fair winds, matey.", "Arr, so be it.", "May the tides be kinder, matey."],
    },
    flavour: [
      "This here be treasure, matey.",
      "Arr, fine plunder this be.",
      "Shiver me timbers, what a haul.",
    ],
    emoji: "🏴‍☠️",
  },
  shakespearean: {
    rules: [
      [new RegExp(`${SENTENCE_START}I think\\b`, "g"), "$1Methinks"],
      [/\bI think\b/g, "methinks"],
      [/\bIt's\b/g, "'Tis"],
      [/\bit's\b/g, "'tis"],
      [/\bIt is\b/g, "'Tis"],
      [/\byour\b/g, "thy"],
      [/\bYour\b/g, "Thy"],
      [/\b(?:Hi|Hello|Hey)\b/g, "Good morrow"],
      [/\bThanks so much\b/g, "My heartfelt thanks"],
      [/\bThanks\b/g, "My thanks"],
      [/\bThank you (?:so much|kindly)\b/g, "I thank thee most kindly"],
      [/\bThank you\b/g, "I thank thee"],
      [/\bplease\b/g, "prithee"],
      [new RegExp(`${SENTENCE_START}Yes\\b`, "g"), "$1Aye"],
      [new RegExp(`${SENTENCE_START}No([.,])`, "g"), "$1Nay$2"],
      [/\breally\b/g, "truly"],
      [/\bmaybe\b/g, "perchance"],
      [/\bMaybe\b/g, "Perchance"],
      [new RegExp(`${SENTENCE_START}(?:Okay|OK)\\b`, "g"), "$1Very well"],
    ],
    markers: [
      "'tis",
      "thee",
      "thy",
      "thou",
      "methinks",
      "prithee",
      "good morrow",
      "verily",
      "forsooth",
      "nay",
      "alas",
      "hark",
      "perchance",
      "huzzah",
      "well met",
      "adieu",
      "my thanks",
      "fare thee",
      "farewell",
      "hail",
      "pray",
      "what say you",
      "sweet sorrow",
      "anon",
    ],
    openers: ["Good morrow, {them}!", "Well met, {them}!", "Hail, good {them}!"],
    address: ["Good {them},", "Hark, {them}!"],
    closers: {
      greeting: ["I await thy answer.", "What say you?"],
      neutral: ["What say you?", "Prithee, consider it.", "I await thy answer."],
      positive: ["Huzzah!", "'Tis a bargain well struck!", "Fortune smiles upon us both, forsooth!"],
      negative: ["Parting is such sweet sorrow.", "Fare thee well.", "Alas, adieu!"],
    },
    flavour: ["Forsooth, 'tis a noble thing.", "Hark!", "Verily, I speak true."],
    emoji: "🎭",
  },
  surfer: {
    rules: [
      [/\b(?:Hi|Hello)\b/g, "Hey"],
      [/\bgreat\b/g, "rad"],
      [/\bGreat\b/g, "Rad"],
      [/\breally\b/g, "totally"],
      [/\bvery\b/g, "super"],
      [/\bhappy\b/g, "stoked"],
      [/\bHappy\b/g, "Stoked"],
      [/\bexcited\b/g, "stoked"],
      [/\bamazing\b/g, "epic"],
      [/\bAmazing\b/g, "Epic"],
      [/\bfriend\b/g, "dude"],
      [/\bNo problem\b/g, "No worries"],
      [/\bFine\b/g, "Cool"],
    ],
    markers: [
      "dude",
      "rad",
      "stoked",
      "totally",
      "gnarly",
      "chill",
      "bro",
      "brah",
      "epic",
      "vibes",
      "hang loose",
      "right on",
      "wave",
    ],
    openers: ["Hey {them}! What's up, dude?", "Yo {them}, what's up, dude?", "Hey dude!"],
    address: ["Dude,", "Hey {them},"],
    closers: {
      greeting: ["Hang loose, dude.", "No rush, dude."],
      neutral: ["No worries either way, dude.", "Totally your call, dude.", "Let me know, dude."],
      positive: ["Stoked, dude!", "Rad, thanks dude!", "Right on, dude!"],
      negative: ["All good, dude. Hang loose.", "No worries, dude.", "Catch you on the next wave, dude."],
    },
    flavour: ["Good vibes only, dude.", "Totally chill either way."],
    emoji: "🤙",
  },
  british: {
    rules: [
      [/\bThanks so much\b/g, "Cheers, much appreciated"],
      [/\bThanks\b/g, "Cheers"],
      [/\bgreat\b/g, "brilliant"],
      [/\bGreat\b/g, "Brilliant"],
      [/\bawesome\b/g, "brilliant"],
      [/\bamazing\b/g, "brilliant"],
      [/\bAmazing\b/g, "Brilliant"],
      [/\bnice\b/g, "lovely"],
      [/\bfriend\b/g, "mate"],
      [/\bHi\b/g, "Hiya"],
    ],
    markers: [
      "cheers",
      "brilliant",
      "lovely",
      "mate",
      "hiya",
      "cuppa",
      "proper",
      "innit",
      "blimey",
      "reckon",
      "ta",
    ],
    openers: [
      "Hiya {them}!",
      "Alright {them}? Hope you're well, mate.",
      "Hello {them}, lovely to hear from you!",
    ],
    address: ["Right, {them},", "Now then, {them},"],
    closers: {
      greeting: ["Cheers!", "Cheers, mate."],
      neutral: ["Cheers!", "Let me know, cheers.", "What do you reckon?"],
      positive: ["Brilliant, cheers!", "Lovely stuff, cheers!", "Cheers, mate!"],
      negative: ["No worries, cheers anyway.", "Cheers anyway, mate.", "All the best, mate."],
    },
    flavour: ["Lovely bit of kit, this.", "Right then, mate.", "Lovely day for it, innit?"],
    emoji: "☕",
  },
};

/** Applies a voice's word swaps to template text. */
export function applyVoice(text: string, voice: Voice): string {
  if (voice === "plain") return text;
  let out = text;
  for (const [pattern, replacement] of VOICE_KITS[voice].rules) out = out.replace(pattern, replacement);
  return out;
}

const patterns = new Map<string, RegExp>();
function markerPattern(marker: string): RegExp {
  let pattern = patterns.get(marker);
  if (!pattern) {
    const escaped = marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    pattern = new RegExp(`(?<![a-z'])${escaped}(?![a-z])`);
    patterns.set(marker, pattern);
  }
  return pattern;
}

/** True when the text already sounds like the voice. */
export function hasVoiceMarker(text: string, voice: Voice): boolean {
  if (voice === "plain") return true;
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  return VOICE_KITS[voice].markers.some((marker) => markerPattern(marker).test(lower));
}
