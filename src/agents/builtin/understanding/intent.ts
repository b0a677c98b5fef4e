/**
 * What a message does: offer, counter, accept, reject, question, walk away, or just inform.
 * Cue phrases are found sentence by sentence (an accept inside a question, "deal?", accepts nothing),
 * and the later of two conflicting cues wins ("sounds good, but that's too low" rejects). Prices found
 * by price-roles.ts weigh more than words: a message that names a price is an offer or a counter.
 */
import type { Doc } from "./doc.ts";
import { isQuestionSentence } from "./doc.ts";

export type Intent = "offer" | "counter" | "accept" | "reject" | "question" | "walk-away" | "info";

export type CueKind = "accept" | "reject" | "walk-away";

export interface Cue {
  kind: CueKind;
  /** strong: "deal", "agreed"; medium: "sounds good", "I'll take it"; weak: "ok", "sure", "yes". */
  strength: "strong" | "medium" | "weak";
  /** Position in the normalised text. */
  at: number;
  text: string;
}

export interface IntentCues {
  cues: Cue[];
  /** Words of a counter: "how about", "instead", "meet in the middle", "but". */
  counter: boolean;
  /** "Meet in the middle", "split the difference". */
  midpoint: boolean;
  /** "Hi", "hello", "thanks". */
  greeting: boolean;
}

/** "45 and it's a deal", "45 and it's yours": a proposal, not an acceptance. */
const OFFER_DEAL =
  /(?<=\bif\s+(?:you|u)\b[^.!?]{0,60}?)(?:,\s*)?(?:then\s+)?(?:we\s+have|we'?ve\s+got|you'?ve\s+got|you\s+got|it'?s)\s+(?:yourself\s+)?a\s+deal\b|\b(?:and|&)\s+(?:it'?s|you'?ve\s+got|you\s+got|we\s+have|we'?ve\s+got)\s+(?:yourself\s+)?a\s+deal\b|\b(?:and|&)\s+it'?s\s+yours\b|\b(?:and|&)\s+call\s+it\s+a\s+deal\b|\bit'?s\s+yours\s+for\b/g;

const ACCEPT_STRONG: readonly RegExp[] = [
  /(?<!\b(?:no|not\s+a|big|real|the|good|great|better|best|any|raw|square|fair)\s+)\bdeal\b(?!\s+(?:with|breaker|is\s+off|off)|'s\s+off)/g,
  /\b(?:it'?s|that'?s)\s+a\s+deal\b|\b(?:you'?ve|you)\s+got\s+(?:yourself\s+)?a\s+deal\b|\bwe\s+(?:have|got)\s+a\s+deal\b|\bdone\s+deal\b/g,
  /(?<!\b(?:not|never)\s+)\bagreed\b/g,
  /(?<!(?:n'?t|not|never|cannot)\s+(?:[a-z']+\s+)?)\b(?:i\s+accept|accepted)\b(?!\s+(?:less|lower|under|below|that\s+low|\$|\d))/g,
  /^\s*sold\b(?!\s+(?:out|to|already|it|mine|one|them|my))/g,
  /^\s*done\s*[.!]*\s*$/g,
  /\bshake\s+on\s+it\b|\b(?:pleased|happy|glad|delighted)\s+to\s+accept\b|🤝|✅/gu,
];
const ACCEPT_MEDIUM: readonly RegExp[] = [
  /\bsounds?\s+(?:good|great|perfect|fair|fine|like\s+a\s+plan|ok(?:ay)?|right)\b|\bworks\s+for\s+(?:me|us)\b|\bthat\s+works\b|\b(?:that'?s|that\s+is|thats)\s+(?:fine|fair|perfect|great)\b(?!\s+(?:condition|shape))|\bfine\s+(?:by|with)\s+me\b|\bfair\s+enough\b|\b(?:that'?s|that\s+is|it'?s|thats)\s+acceptable\b|\bis\s+acceptable\b/g,
  /\bi\s+can\s+live\s+with\s+(?:that|it)\b|\bhappy\s+with\s+that\b|\bwe'?re\s+good\b|\bcount\s+me\s+in\b|\blet'?s\s+do\s+(?:it|this|that)\b|\blets\s+do\s+it\b|\byou'?re\s+on\b/g,
  /(?<!(?:n'?t|not|never)\s+(?:[a-z']+\s+){0,2})\b(?:i'?ll|i\s+will|i'?d\s+love\s+to)\s+(?:take|buy)\s+(?:it|them|both|this|that|one)\b(?!\s+(?:for|at|if)\b)/g,
  /\bi'?m\s+in\b(?=\s*(?:[.!,]|$))|\bit'?s\s+yours\b(?!\s+for)|\bi\s+accept\b(?=\s*(?:[.!,]|$))/g,
];
const ACCEPT_WEAK: readonly RegExp[] = [
  /^\s*(?:ok(?:ay)?|alright|all\s+right|sure|yes|yep|yeah|yup|ya|absolutely|of\s+course|perfect|great|awesome|excellent|cool|fine|k|kk|done|definitely|certainly|why\s+not)\b(?=\s*(?:[.!,]|$|please|then|thanks))/g,
  /👍|👌|🙌/gu,
];
const REJECT: readonly RegExp[] = [
  /\bno,?\s+thanks?\b|\bno\s+thank\s+you\b|\bthanks,?\s+but\s+no\b|\bno\s+deal\b(?!\s+then)|\bnope\b|\bnah\b|\bno\s+way\b|\bno\s+can\s+do\b|\bhard\s+no\b|\b(?:that'?s|it'?s)\s+a\s+no\b/g,
  /\btoo\s+(?:low|high|much|little|cheap|steep|expensive|rich)\b|\blow\s*-?\s*ball(?:ing)?\b|\bnot\s+enough\b|\binsult(?:ing)?\b|\bridiculous\b|\babsurd\b|\blaughable\b/g,
  /\b(?:can'?t|cannot|can\s+not|won'?t|couldn'?t)\s+(?:do|accept|go|take|manage|make)\s+(?:that|it|this)\b|\bcan'?t\s+accept\b|\b(?:won'?t|doesn'?t|does\s+not|will\s+not)\s+work\b|\bnot\s+(?:gonna|going\s+to)\s+happen\b|\bnot\s+happening\b/g,
  /\b(?:i\s+)?(?:have\s+to\s+|must\s+|respectfully\s+|politely\s+|will\s+have\s+to\s+)?decline\b|\breject(?:ed)?\b|\bcan'?t\s+go\s+(?:any\s+)?(?:lower|higher|that\s+low|that\s+high|down|up|there)\b|\bcan'?t\s+do\s+better\b/g,
  /\bnot\s+(?:for|at)\s+(?:that|this)\s+price\b|\bout\s+of\s+(?:my|the)\s+(?:budget|range|price\s+range|question)\b|\bnot\s+interested\s+in\s+(?:that|this|your)\s+(?:price|offer|number)\b|\b(?:can'?t|cannot)\s+(?:afford|justify)\s+(?:that|it)\b/g,
  /(?:^\s*|\blol\s+|\bsorry,?\s+|\bhaha\s+|\bthen\s+)no\b(?=\s*[.!]*\s*$)|^\s*no\s*,\s*(?=(?:sorry|thanks|thank\s+you|i\s+can'?t|i\s+won'?t|that'?s|too|not|way)\b)|\bno\s+chance\b|\bnot\s+a\s+chance\b|^\s*nay\b|\b(?:don'?t|do\s+not)\s+think\s+i\s+can\s+do\s+(?:that|it)\b|\bi\s+must\s+refuse\b|\bhave\s+to\s+refuse\b|👎|❌|🙅/gu,
];
const REJECT_IN_QUESTION =
  /\bare\s+you\s+(?:kidding|joking|serious|crazy|insane)\b|\byou'?re\s+(?:kidding|joking)\b/g;
const WALK_AWAY: readonly RegExp[] = [
  /\bi'?m\s+out\b|\bcount\s+me\s+out\b|\b(?:i'?m|i\s+am)\s+(?:gonna|going\s+to)\s+pass\b|\bi'?ll\s+(?:have\s+to\s+|just\s+|probably\s+)?pass\b|\bi\s+will\s+pass\b|\b(?:think\s+i'?ll|have\s+to|gonna|going\s+to|will|i'?d\s+rather)\s+pass\b|\bpass(?:ing)?\s+on\s+(?:this|it|that)\b/g,
  /\b(?:let'?s\s+)?forget\s+(?:it|about\s+it)\b|\bnever\s*mind\b|\bnot\s+interested\b(?!\s+in\s+(?:that|this|your)\s+(?:price|offer|number))|\bno\s+longer\s+interested\b|\blost\s+interest\b/g,
  /\b(?:i'?m|i\s+am)\s+done\b(?!\s+(?:with\s+(?:work|school)|at))|\bwe'?re\s+done\b|\bi'?m\s+walking(?:\s+away)?\b|\bwalk(?:ing)?\s+away\b|\bmoving\s+on\b|\blook(?:ing)?\s+elsewhere\b/g,
  /\bfound\s+(?:another|one\s+elsewhere|something\s+else|a\s+cheaper\s+one)\b|\bbought\s+(?:another|one\s+elsewhere|something\s+else)\b|\bgood\s*-?\s*bye\b|\bbye\b|\bgood\s+luck\s+(?:with\s+(?:the|your)\s+sale|selling)\b|\bno\s+deal\s+then\b/g,
  /\bcall(?:ing)?\s+it\s+off\b|\blet'?s\s+(?:leave|drop)\s+it\b|\bi\s+give\s+up\b|\bwaste\s+of\s+(?:my\s+)?time\b|\b(?:already|been)\s+sold\b|\bsold\s+to\s+someone\s+else\b|\bno\s+longer\s+available\b|\bwithdraw(?:ing)?\s+(?:my|the)\s+offer\b|\b(?:my|the)\s+offer\s+is\s+off\b|\boff\s+the\s+table\b|\bnot\s+for\s+me\b|\bi'?ll\s+leave\s+it\b|\bdeal'?s\s+off\b|\bdeal\s+is\s+off\b/g,
  /^\s*pass\b(?=\s*(?:[.!,]|$))/g,
  /\bbow(?:ing)?\s+out\b|\b(?:i'?ll|i\s+will|i\s+shall|i\s+must|have\s+to)\s+withdraw\b|\bwithdraw\s+from\b|\blet\s+this\s+one\s+go\b|\b(?:too|pretty|very|so)\s+far\s+apart\b|\bleave\s+it\s+there\b|\bnot\s+worth\s+my\s+time\b/g,
  /\b(?:won'?t|will\s+not|not\s+going\s+to|don'?t\s+think\s+we(?:'ll|\s+will|\s+can)?|unable\s+to|can'?t|cannot)\s+(?:get\s+there|reach\s+(?:an?\s+)?(?:agreement|deal)|make\s+(?:this|it)\s+work|come\s+to\s+(?:an?\s+)?(?:agreement|deal))\b|\bdoesn'?t\s+look\s+like\s+we(?:'ll|\s+will)\s+get\s+there\b/g,
  /\b(?:wasn'?t|isn'?t|was\s+not|not)\s+meant\s+to\s+be\b|\bfarewell\b|\bpaths\s+must\s+part\b|\bcan'?t\s+win\s+(?:them|'?em)\s+all\b|\bgood\s+luck\s+(?:with\s+your\s+search|finding)\b|\bthe\s+curtain\s+falls\b|\bends\s+here\b/g,
];
const COUNTER =
  /\b(?:how\s+about|what\s+about|counter(?:\s*-?\s*offer)?|instead|meet\s+(?:me\s+|you\s+)?(?:in\s+the\s+middle|halfway|half\s+way)|split\s+the\s+(?:difference|diff)|best\s+i\s+can\s+do|come\s+down|go\s+down|go\s+up|lower|higher|but|meet\s+me\s+at|rather|too\s+(?:low|high|much))\b/;
const MIDPOINT =
  /\b(?:meet\s+(?:me\s+|you\s+|us\s+)?(?:in\s+the\s+middle|halfway|half\s+way|in\s+between)|split\s+(?:the\s+difference|the\s+diff|it\s+down\s+the\s+middle|the\s+gap|it\s+50\s*\/\s*50)|(?:go|come)\s+halfway|middle\s+ground|meet\s+at\s+the\s+midpoint|halfway\s+point)\b/;
const GREETING =
  /^\s*(?:hi|hello|hey|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening)|thanks|thank\s+you|cheers)\b/;

function mask(text: string, re: RegExp): string {
  re.lastIndex = 0;
  return text.replace(re, (m) => " ".repeat(m.length));
}

function collect(
  out: Cue[],
  sentence: string,
  offset: number,
  patterns: readonly RegExp[],
  kind: CueKind,
  strength: Cue["strength"],
): void {
  for (const re of patterns) {
    re.lastIndex = 0;
    for (const m of sentence.matchAll(re))
      out.push({ kind, strength, at: offset + (m.index ?? 0), text: m[0].trim() });
  }
}

/**
 * The cues of one sentence, at offsets within it. Agents reuse their phrasings ("Hope that works!",
 * "What do you reckon?"), so about two sentences in three of a market repeat one already read: the
 * results are kept by sentence text, in a bounded map that starts over when full.
 */
const sentenceCues = new Map<string, readonly Cue[]>();
const SENTENCE_CACHE_LIMIT = 20_000;

function cuesOfSentence(raw: string): readonly Cue[] {
  const cached = sentenceCues.get(raw);
  if (cached) return cached;
  // Every OFFER_DEAL phrase holds "deal" or "yours"; most sentences hold neither.
  const sentence = raw.includes("deal") || raw.includes("yours") ? mask(raw, OFFER_DEAL) : raw;
  const cues: Cue[] = [];
  if (isQuestionSentence(sentence)) {
    collect(cues, sentence, 0, [REJECT_IN_QUESTION], "reject", "strong");
  } else {
    collect(cues, sentence, 0, ACCEPT_STRONG, "accept", "strong");
    collect(cues, sentence, 0, ACCEPT_MEDIUM, "accept", "medium");
    collect(cues, sentence, 0, ACCEPT_WEAK, "accept", "weak");
    collect(cues, sentence, 0, REJECT, "reject", "strong");
    collect(cues, sentence, 0, WALK_AWAY, "walk-away", "strong");
  }
  if (sentenceCues.size >= SENTENCE_CACHE_LIMIT) sentenceCues.clear();
  sentenceCues.set(raw, cues);
  return cues;
}

/** Finds intent cues in a message, sentence by sentence. */
export function findIntentCues(doc: Doc): IntentCues {
  const cues: Cue[] = [];
  for (const span of doc.sentences) {
    for (const cue of cuesOfSentence(doc.lower.slice(span.start, span.end)))
      cues.push({ ...cue, at: cue.at + span.start });
  }
  // A cue inside a longer cue of another kind ("no deal" holds "deal") yields to the longer one.
  const kept = cues.filter(
    (cue) =>
      !cues.some(
        (other) =>
          other !== cue &&
          other.kind !== cue.kind &&
          other.text.length > cue.text.length &&
          other.at <= cue.at &&
          other.at + other.text.length >= cue.at + cue.text.length,
      ),
  );
  kept.sort((a, b) => a.at - b.at);
  return {
    cues: kept,
    counter: COUNTER.test(doc.lower),
    midpoint: MIDPOINT.test(doc.lower),
    greeting: GREETING.test(doc.lower),
  };
}

export type Sentiment = "accept" | "weak-accept" | "reject" | "walk-away" | "none";

/** The mood of the words alone: a walk-away unless accepted later; else the later of accept and reject. */
export function sentimentOf(cues: readonly Cue[]): { sentiment: Sentiment; strength?: Cue["strength"] } {
  const last = (pred: (c: Cue) => boolean) => {
    let found: Cue | undefined;
    for (const c of cues) if (pred(c)) found = c;
    return found;
  };
  const walk = last((c) => c.kind === "walk-away");
  const accept = last((c) => c.kind === "accept" && c.strength !== "weak");
  const reject = last((c) => c.kind === "reject");
  const weak = last((c) => c.kind === "accept" && c.strength === "weak");
  if (walk && !(accept && accept.at > walk.at)) return { sentiment: "walk-away" };
  if (accept && (!reject || accept.at > reject.at)) return { sentiment: "accept", strength: accept.strength };
  if (reject) {
    if (weak && weak.at > reject.at) return { sentiment: "weak-accept", strength: "weak" };
    return { sentiment: "reject" };
  }
  if (weak) return { sentiment: "weak-accept", strength: "weak" };
  return { sentiment: "none" };
}

export interface IntentSignals {
  cues: IntentCues;
  /** A point price they propose. */
  price?: number;
  proposalAgreed: boolean;
  proposalQuestioned: boolean;
  /** Where the proposal stands in the text: an accept after a questioned price accepts it ("$45? Deal."). */
  proposalAt?: number;
  hasRange: boolean;
  hasBound: boolean;
  /** "$10 off", "meet in the middle" without a price to apply them to. */
  unresolvedMove: boolean;
  hasRejectedPrice: boolean;
  isQuestion: boolean;
  /** The listener's last price, if known. */
  lastPrice?: number;
  /** Some price is already on the table (either side's). */
  contextHasPrice: boolean;
}

function lastAt(cues: readonly Cue[], pred: (c: Cue) => boolean): number | undefined {
  let at: number | undefined;
  for (const c of cues) if (pred(c)) at = c.at;
  return at;
}

/** Decides the intent from cues and prices. */
export function decideIntent(s: IntentSignals): Intent {
  const { sentiment, strength } = sentimentOf(s.cues.cues);
  const agreesWithLast = s.lastPrice === undefined || s.price === s.lastPrice;
  if (s.price !== undefined) {
    if (s.proposalAgreed && !s.proposalQuestioned && !s.cues.counter && !s.hasRejectedPrice)
      return agreesWithLast ? "accept" : "counter";
    const acceptAt = lastAt(s.cues.cues, (c) => c.kind === "accept" && c.strength === "strong");
    const acceptedAfter = acceptAt !== undefined && s.proposalAt !== undefined && acceptAt > s.proposalAt;
    if (
      sentiment === "accept" &&
      strength === "strong" &&
      (!s.proposalQuestioned || acceptedAfter) &&
      agreesWithLast
    )
      return "accept";
    if (s.lastPrice !== undefined && s.price === s.lastPrice && !s.isQuestion) return "accept";
  }
  const counterish = s.contextHasPrice || s.cues.counter || s.hasRejectedPrice || sentiment === "reject";
  if (s.price !== undefined || s.hasRange || s.hasBound) return counterish ? "counter" : "offer";
  if (s.unresolvedMove) return "counter";
  if (sentiment === "walk-away") return "walk-away";
  if (sentiment === "reject" || s.hasRejectedPrice) return "reject";
  if (sentiment === "accept") return "accept";
  if (sentiment === "weak-accept" && s.lastPrice !== undefined && !s.isQuestion) return "accept";
  if (s.isQuestion) return "question";
  return "info";
}
