/**
 * Reads an owner's free-text persona and negotiating instructions into a style the phraser (and the
 * strategy, for the flags) can use. Keyword-based and deterministic: the same text always gives the
 * same style. The text itself is never echoed into messages, so any numbers an owner writes there
 * ("never go below $40") cannot leak.
 */

/** The overall attitude of the messages. */
export type Tone =
  | "friendly"
  | "polite-firm"
  | "aggressive"
  | "theatrical"
  | "weary"
  | "enthusiastic"
  | "terse"
  | "formal"
  | "chatty"
  | "brisk"
  | "laid-back";

export const TONES: readonly Tone[] = [
  "friendly",
  "polite-firm",
  "aggressive",
  "theatrical",
  "weary",
  "enthusiastic",
  "terse",
  "formal",
  "chatty",
  "brisk",
  "laid-back",
];

/** A dialect or character voice laid over the tone. */
export type Voice = "plain" | "cowboy" | "pirate" | "shakespearean" | "surfer" | "british";

export const VOICES: readonly Voice[] = ["plain", "cowboy", "pirate", "shakespearean", "surfer", "british"];

export interface PersonaFlags {
  /** Seller offers free delivery once the talk goes well (buyer: offers to collect). */
  offersDelivery: boolean;
  /** Sprinkles an emoji now and then. */
  usesEmoji: boolean;
  /** Wants to wrap deals up quickly. A hint for the strategy, and the words mention quick hand-over. */
  closeFast: boolean;
  /** Opens with a hard lowball (buyer) or a high anchor (seller). A hint for the strategy. */
  lowballOpen: boolean;
  /** Tells little stories about the items. */
  storyteller: boolean;
  /** Mentions paying in cash (buyer). */
  paysCash: boolean;
  /** Pays compliments to the item or the counterpart. */
  compliments: boolean;
  /** Negotiates patiently and slowly. A hint for the strategy. */
  patient: boolean;
}

export interface PersonaStyle {
  tone: Tone;
  voice: Voice;
  flags: PersonaFlags;
  /** The cues that were recognised, e.g. ["tone:weary(weary)", "voice:cowboy(cowboy)"], for debugging. */
  cues: string[];
}

/** A ready-made persona, used to generate market populations. */
export interface PersonaPreset {
  id: string;
  persona: string;
  instructions: string;
}

interface Cue {
  pattern: RegExp;
  weight: number;
  /** When false, a negation before the cue does not cancel it ("don't budge" still means firm). */
  negatable?: boolean;
}

const cue = (pattern: RegExp, weight = 1, negatable = true): Cue => ({ pattern, weight, negatable });

const TONE_CUES: Record<Tone, Cue[]> = {
  friendly: [
    cue(/\bfriendly\b/, 3),
    cue(/\bwarm(?:ly|th)?\b/, 2),
    cue(/\bkind(?:ly|ness)?\b/, 1),
    cue(/\bnice\b/, 1),
    cue(/\bgood home\b/, 2),
    cue(/\bfair\b/, 1),
    cue(/\bneighbou?r(?:ly)?\b/, 1),
    cue(/\bpleasant\b/, 1),
    cue(/\bapproachable\b/, 1),
    cue(/\bhelpful\b/, 1),
    cue(/\bpolite\b/, 1),
    cue(/\bgenerous\b/, 1),
  ],
  "polite-firm": [
    cue(/\bpolite(?:ly)?,? but firm(?:ly)?\b/, 6),
    cue(/\bfirm(?:ly|ness)?\b/, 2),
    cue(/\bbudge\b/, 2, false),
    cue(/\bstand (?:my|your|their|his|her) ground\b/, 2),
    cue(/\bstick to (?:my|your|the) (?:price|guns)\b/, 2),
    cue(/\bcourteous\b/, 1),
    cue(/\bexplain (?:your|my|the) reasons?\b/, 1),
    cue(/\bresolute\b/, 2),
  ],
  aggressive: [
    cue(/\baggressive(?:ly)?\b/, 4),
    cue(/\blow-?ball(?:s|er|ing)?\b/, 3),
    cue(/\bhard-?ball\b/, 3),
    cue(/\bhard bargain(?:er)?\b/, 3),
    cue(/\bhaggle hard\b/, 3),
    cue(/\bdrive a hard\b/, 3),
    cue(/\bruthless(?:ly)?\b/, 3),
    cue(/\bshark\b/, 2),
    cue(/\bcut-?throat\b/, 3),
    cue(/\btough\b/, 2),
    cue(/\bpushy\b/, 2),
    cue(/\bno mercy\b|\bmerciless\b/, 3),
    cue(/\bsqueeze\b/, 2),
    cue(/\bmake them work\b/, 2),
    cue(/\bshrewd\b/, 1),
    cue(/\bintimidat\w*/, 2),
  ],
  theatrical: [
    cue(/\btheatrical(?:ly)?\b/, 4),
    cue(/\bdramatic(?:ally)?\b|\bdrama\b/, 3),
    cue(/\bmelodramatic\b/, 3),
    cue(/\bflamboyant\b/, 3),
    cue(/\bover[- ]the[- ]top\b/, 2),
    cue(/\bham\b/, 2),
    cue(/\bshowman\w*/, 2),
    cue(/\bgrandiose\b|\bflowery\b|\bflourish\w*/, 2),
    cue(/\bflair\b/, 1),
    cue(/\bopening night\b|\bthe stage\b|\bthespian\b/, 2),
    cue(/\bactor\b|\bactress\b/, 1),
    cue(/\bshakespear\w*/, 2),
    cue(/\bbard\b/, 1),
  ],
  weary: [
    cue(/\bweary\b|\bworld-weary\b/, 4),
    cue(/\bdown[- ]on[- ](?:his|her|their|my|your|its)[- ]luck\b/, 4),
    cue(/\btired\b|\bexhausted\b/, 2),
    cue(/\bhard times\b|\bfallen on hard\b/, 3),
    cue(/\bsigh\w*/, 2),
    cue(/\bmelanchol\w*|\bgloomy\b|\bglum\b|\bmournful\b/, 2),
    cue(/\bresigned\b|\bdowntrodden\b|\bdejected\b/, 2),
    cue(/\bbroke\b/, 1),
  ],
  enthusiastic: [
    cue(/\benthusias\w*/, 4),
    cue(/\bexcit(?:ed|able|ing)\b/, 2),
    cue(/\bupbeat\b|\bbubbly\b|\bpeppy\b|\bperky\b/, 3),
    cue(/\benergetic\b/, 2),
    cue(/\beager\b/, 1),
    cue(/\bcheerful\b|\bsunny\b/, 2),
    cue(/\bdelighted\b|\bthrilled\b/, 1),
    cue(/\bexclamation\b/, 2),
    cue(/\bgush\w*/, 2),
  ],
  terse: [
    cue(/\bterse(?:ly)?\b/, 4),
    cue(/\bfew words\b/, 4),
    cue(/\bno small talk\b|\bno chit-?chat\b/, 3, false),
    cue(/\blaconic\b|\bcurt\b|\bsuccinct\b/, 3),
    cue(/\bconcise\b/, 2),
    cue(/\bblunt(?:ly)?\b/, 2),
    cue(/\bbrief\b/, 2),
    cue(/\bshort\b/, 1),
    cue(/\b(?:straight )?to the point\b/, 2),
    cue(/\bnumbers and facts\b|\bfacts only\b/, 2),
  ],
  formal: [
    cue(/\bformal(?:ly)?\b/, 4),
    cue(/\bbusiness-?like\b/, 3),
    cue(/\bprofessional(?:ly)?\b/, 2),
    cue(/\bproper\b|\bmanners\b|\betiquette\b/, 2),
    cue(/\bdignified\b|\brespectful\b|\bstately\b/, 2),
    cue(/\bold-fashioned\b|\bbutler\b/, 2),
    cue(/\bsir\b|\bmadam\b/, 1),
    cue(/\bpolite\b/, 1),
    cue(/\bbank manager\b|\blawyer\b|\bsolicitor\b|\baccountant\b/, 1),
  ],
  chatty: [
    cue(/\bchatty\b|\btalkative\b|\bchatterbox\b/, 4),
    cue(/\bstory-?tell\w*/, 4),
    cue(/\bstor(?:y|ies)\b|\btales?\b|\banecdotes?\b/, 2),
    cue(/\brambl\w*|\bnatter\w*|\bgossip\w*/, 2),
    cue(/\bloves? (?:a|to) chat\b/, 2),
    cue(/\btake (?:your|their|my) time\b/, 1),
  ],
  brisk: [
    cue(/\bbrisk(?:ly)?\b|\befficient(?:ly)?\b/, 3),
    cue(/\bbusy\b/, 2),
    cue(/\bclose (?:deals )?(?:fast|quickly)\b/, 3),
    cue(/\bwrap (?:\w+ )?up\b/, 2),
    cue(/\bquick(?:ly)?\b|\bfast\b|\bhurry\b|\bin a rush\b|\basap\b/, 1),
    cue(/\bno time\b|\bmoving (?:out|away|house)\b/, 1),
  ],
  "laid-back": [
    cue(/\blaid[- ]back\b/, 4),
    cue(/\bchill(?:ed)?\b|\bmellow\b/, 3),
    cue(/\brelaxed\b|\beasy-?going\b/, 3),
    cue(/\bno pressure\b|\bno rush\b|\bno stress\b/, 2, false),
    cue(/\bcasual\b/, 2),
  ],
};

/** When scores tie, the earlier tone wins. */
const TONE_PRIORITY: readonly Tone[] = [
  "terse",
  "aggressive",
  "weary",
  "theatrical",
  "polite-firm",
  "formal",
  "enthusiastic",
  "brisk",
  "laid-back",
  "chatty",
  "friendly",
];

const VOICE_CUES: Record<Exclude<Voice, "plain">, Cue[]> = {
  cowboy: [
    cue(/\bcow(?:boy|girl|poke|hand)s?\b/, 4),
    cue(/\bwrangler\b|\branch(?:er)?\b|\brodeo\b|\bsaddle\b|\bhowdy\b|\byee-?haw\b/, 2),
    cue(/\bwild west\b|\bwestern\b|\btexan\b|\bold west\b/, 2),
  ],
  pirate: [
    cue(/\bpirate\w*/, 4),
    cue(/\bbuccaneer\w*|\bswashbuckl\w*|\bcorsair\b/, 3),
    cue(/\bmatey\b|\bahoy\b|\barr+\b|\bsea dog\b/, 2),
  ],
  shakespearean: [
    cue(/\bshakespear\w*/, 4),
    cue(/\belizabethan\b|\bbard\b|\biambic\b|\bolde\b/, 3),
    cue(/\bthee\b|\bthou\b|\bforsooth\b/, 2),
    cue(/\bold english\b/, 2),
  ],
  surfer: [
    cue(/\bsurf(?:er|ing)?\b/, 4),
    cue(/\bdude\b|\bbeach bum\b|\bbrah\b/, 3),
    cue(/\bbro\b|\bstoked\b|\bgnarly\b/, 2),
  ],
  british: [
    cue(/\bbritish\b|\bbrit\b|\blondoner\b|\bcockney\b/, 4),
    cue(/\bcheers\b|\binnit\b|\bcuppa\b|\bmate\b/, 2),
    cue(/\bengland\b|\bmanchester\b|\byorkshire\b/, 1),
  ],
};

const VOICE_PRIORITY: readonly Exclude<Voice, "plain">[] = [
  "cowboy",
  "pirate",
  "shakespearean",
  "surfer",
  "british",
];

const FLAG_CUES: Record<keyof PersonaFlags, Cue[]> = {
  offersDelivery: [
    cue(/\bdeliver(?:y|ies|s|ing)?\b/, 1),
    cue(/\bdrop (?:it|them|things|items|stuff) (?:off|round|around)\b/, 1),
  ],
  usesEmoji: [cue(/\bemojis?\b|\bemoticons?\b|\bsmileys?\b/, 1)],
  closeFast: [
    cue(/\bclose (?:deals )?(?:fast|quickly)\b/, 1),
    cue(/\b(?:sell|buy|deal|move) (?:\w+ )?(?:fast|quickly)\b/, 1),
    cue(/\bquick (?:deals?|sales?)\b|\bwrap (?:\w+ )?up\b/, 1),
    cue(/\bin a (?:rush|hurry)\b|\basap\b|\bimpatient\b|\bno time\b/, 1),
    cue(/\bmoving (?:out|away|house)\b/, 1),
  ],
  lowballOpen: [
    cue(/\blow-?ball(?:s|er|ing)?\b/, 1),
    cue(/\b(?:open|start|begin|anchor)(?:s|ing)? (?:\w+ )?(?:low|high|hard|extreme)\b/, 1),
    cue(/\bhard opening\b|\baggressive open\w*/, 1),
  ],
  storyteller: [cue(/\bstory-?tell\w*|\bstor(?:y|ies)\b|\btales?\b|\banecdotes?\b/, 1)],
  paysCash: [cue(/\bcash\b/, 1)],
  compliments: [cue(/\bcompliment\w*|\bflatter\w*|\bcharm(?:ing)?\b|\bpraise\b/, 1)],
  patient: [cue(/\bpatient(?:ly)?\b|\bno rush\b|\btake (?:your|their|my) time\b|\bin no hurry\b/, 1, false)],
};

const NEGATION =
  /\b(?:not|never|no|don't|dont|do not|doesn't|without|avoid|isn't|won't|nothing|neither|nor|less)\b[^.!?;:]*$/;

/** Total weight of the cues that match `text`, skipping negated ones ("not aggressive"). */
function score(text: string, cues: readonly Cue[], hits: string[]): number {
  let total = 0;
  for (const { pattern, weight, negatable } of cues) {
    const global = new RegExp(pattern.source, "g");
    for (const match of text.matchAll(global)) {
      const before = text.slice(Math.max(0, match.index - 24), match.index);
      if (negatable !== false && NEGATION.test(before)) continue;
      total += weight;
      hits.push(match[0]);
      break;
    }
  }
  return total;
}

/**
 * Reads a persona and instructions into a style.
 * @example styleFromPersona("a weary, down-on-his-luck cowboy", "") // { tone: "weary", voice: "cowboy", ... }
 */
export function styleFromPersona(persona: string, instructions: string): PersonaStyle {
  const text = `${persona}\n${instructions}`.toLowerCase().replace(/[’‘]/g, "'");
  const cues: string[] = [];

  let tone: Tone = "friendly";
  let best = 0;
  for (const candidate of TONE_PRIORITY) {
    const hits: string[] = [];
    const value = score(text, TONE_CUES[candidate], hits);
    if (value > best) {
      best = value;
      tone = candidate;
    }
    if (hits.length > 0) cues.push(`tone:${candidate}(${hits.join(",")})=${value}`);
  }

  let voice: Voice = "plain";
  let bestVoice = 0;
  for (const candidate of VOICE_PRIORITY) {
    const hits: string[] = [];
    const value = score(text, VOICE_CUES[candidate], hits);
    if (value > bestVoice && value >= 2) {
      bestVoice = value;
      voice = candidate;
    }
    if (hits.length > 0) cues.push(`voice:${candidate}(${hits.join(",")})=${value}`);
  }

  const flag = (name: keyof PersonaFlags): boolean => {
    const hits: string[] = [];
    const on = score(text, FLAG_CUES[name], hits) > 0;
    if (on) cues.push(`flag:${name}(${hits.join(",")})`);
    return on;
  };
  const flags: PersonaFlags = {
    offersDelivery: flag("offersDelivery"),
    usesEmoji: flag("usesEmoji"),
    closeFast: flag("closeFast"),
    lowballOpen: flag("lowballOpen"),
    storyteller: flag("storyteller"),
    paysCash: flag("paysCash"),
    compliments: flag("compliments"),
    patient: flag("patient"),
  };
  if (tone === "chatty" && !flags.storyteller && /\bchat|\btalkative/.test(text)) flags.storyteller = true;
  if (flags.closeFast && flags.patient) flags.patient = false;

  return { tone, voice, flags, cues };
}

/**
 * Varied personas in the spirit of Project Deal's interviews, for generating market populations.
 * Their instructions are deliberately free of numbers.
 */
export const PERSONA_PRESETS: readonly PersonaPreset[] = [
  {
    id: "hard-lowballer",
    persona: "A shrewd, no-nonsense bargain hunter who has never paid full price in their life.",
    instructions: "Aggressive: open with a hard lowball and make them work for every dollar.",
  },
  {
    id: "friendly-neighbour",
    persona: "A friendly neighbour who mostly wants their things to go to a good home.",
    instructions:
      "Be warm and fair. A deal that feels good for both sides matters more than the last dollar.",
  },
  {
    id: "theatrical-bard",
    persona: "A theatrical, Shakespearean ham who treats every haggle like opening night.",
    instructions: "Be dramatic and playful, with flourishes, but still strike a decent bargain.",
  },
  {
    id: "close-fast",
    persona: "A busy professional moving out of town soon.",
    instructions: "Close fast: make reasonable offers, skip the back-and-forth and wrap deals up quickly.",
  },
  {
    id: "weary-cowboy",
    persona: "A weary, down-on-his-luck cowboy who will be delighted just to get the bike.",
    instructions: "Talk like an old cowboy. Don't haggle too much; a fair shake is all he asks.",
  },
  {
    id: "enthusiastic-deliverer",
    persona: "An enthusiastic seller who offers free delivery if the talk goes well.",
    instructions: "Be upbeat and use emoji. Offer free delivery once things are going well.",
  },
  {
    id: "polite-but-firm",
    persona: "A polite but firm negotiator.",
    instructions: "Be courteous, explain your reasons, and don't budge easily.",
  },
  {
    id: "terse",
    persona: "A person of few words.",
    instructions: "Terse. No small talk. Numbers and facts only.",
  },
  {
    id: "formal",
    persona: "A retired bank manager who values proper manners.",
    instructions: "Keep every message formal and businesslike.",
  },
  {
    id: "storyteller",
    persona: "A chatty storyteller with a tale about everything they own.",
    instructions: "Tell a little story about the items, be friendly and take your time.",
  },
  {
    id: "pirate",
    persona: "A retired pirate clearing out the hold.",
    instructions: "Speak like a pirate and haggle hard, but with good humour.",
  },
  {
    id: "surfer",
    persona: "A laid-back surfer dude.",
    instructions: "Keep it chill, no pressure, happy to meet in the middle.",
  },
  {
    id: "cheerful-londoner",
    persona: "A cheerful Londoner who says cheers a lot.",
    instructions: "Be cheerful and fair, and pay cash on collection.",
  },
];
