/**
 * Decides what each price in a message is for, from the words around it: a proposal ("I can do 60"),
 * one end of a range ("between 40 and 50"), a bound ("no less than 70", "50 max"), an amount relative
 * to a price on the table ("$10 off"), a price refused ("I can't do 40", "40 is too low"), or a
 * reference that proposes nothing ("I paid $200", "retail is $120", "they sell for $90 on Amazon",
 * "you said 60", "shipping is $10").
 */
import { clauseAt, type Doc, isQuestionAt } from "./doc.ts";
import type { Mention } from "./price-mentions.ts";

export interface Proposal {
  cents: number;
  /** How strongly the words mark it as their proposal; the highest wins. */
  score: number;
  /** Said as agreement: "deal at 45", "45 works for me", "45 it is". */
  agreed: boolean;
  /** In a sentence that asks: "would you take 50?". */
  questioned: boolean;
  mention: Mention;
}

export interface RelativeAmount {
  /** The amount, in cents, or the percentage when `percent`. */
  amount: number;
  percent: boolean;
  /** -1 for "off", "less", "down"; +1 for "more", "extra", "up". */
  sign: 1 | -1;
  /** The speaker talks of their own price ("I can knock 10 off") rather than the listener's ("can you knock 10 off?"). */
  ownPrice: boolean;
  mention: Mention;
}

export interface PriceRoles {
  proposals: Proposal[];
  range?: { low: number; high: number };
  bound?: { kind: "floor" | "ceiling"; price: number };
  /** `at` is the position in the normalised text, to keep the order of the message. */
  references: { price: number; what: string; at: number }[];
  /** Prices the speaker refused or ruled out ("I can't do 40"). */
  rejected: { price: number; at: number }[];
  /** The speaker's own earlier price, repeated ("I said 60"): their proposal when they propose nothing else. */
  restated: Proposal[];
  relatives: RelativeAmount[];
  ignored: { text: string; reason: string }[];
}

// ---- cue patterns (lower-case text, normalised apostrophes) ----

const NEG = String.raw`(?:can'?t|cannot|can not|won'?t|will not|wouldn'?t|would not|couldn'?t|could not|don'?t|do not|not going to|not gonna|not going|unable to|refuse to|rather not|prefer not to|not willing to|never|no way(?: i'?m| i'?d| i will| i would| i can| i'?ll)?|(?:have to|must|going to|gonna|will have to|'ll have to|'d have to)\s+(?:pass|decline|refuse|say no)|pass|decline|refuse|turn down|reject|say no to|not happening|not a chance|no chance)`;
const BELOW = `(?:lower|less|under|below|cheaper|beneath)`;
const ABOVE = `(?:more|higher|over|above|beyond)`;
const VERB = String.raw`(?:(?:go|do|take|accept|sell(?: it| them)?|let (?:it|them) go|part with (?:it|them)|come down|drop|budge|pay|spend|offer|give(?: you)?|afford|bid|go up|settle)\s+)?`;
const PENNY = String.raw`(?:(?:a|one) (?:single )?(?:penny|cent|dime|dollar|buck|red cent)\s+|anything\s+|any\s+)?`;
/** Not after a negation: "I won't go as low as 30" refuses 30, it sets no floor. */
const UNNEGATED = String.raw`(?<!(?:n't|cant|wont|dont|not|never|cannot)\s+(?:[a-z']+\s+){0,3})`;
const SOME_WORD = String.raw`(?:[a-z']+\s+)?`;

const FLOOR_BEFORE = new RegExp(
  String.raw`(?:\b(?:no|not|nothing|never)\s+${PENNY}${BELOW}(?:\s+than)?` +
    String.raw`|\b${NEG}\s+${SOME_WORD}${VERB}(?:for\s+)?${PENNY}${BELOW}(?:\s+than)?` +
    String.raw`|\bat\s+least|\bmin(?:imum)?(?:\s+(?:is|of|price))?\s*:?|${UNNEGATED}\bas\s+low\s+as` +
    String.raw`|\blowest\s+(?:i|we)(?:'ll|'d|\s+will|\s+would|\s+can|\s+could)?\s+${SOME_WORD}(?:go|do|take|accept|sell(?:\s+it)?(?:\s+for)?)(?:\s+is)?` +
    String.raw`|\b(?:bottom\s+(?:line|dollar|price)|rock\s+bottom|floor|reserve|lowest(?:\s+price)?|minimum\s+price)(?:\s+(?:is|would\s+be|will\s+be)|'s)?\s*:?` +
    String.raw`|\bstarting\s+(?:at|from))\s*$`,
);
const CEILING_BEFORE = new RegExp(
  String.raw`(?:\b(?:no|not|nothing|never)\s+${PENNY}${ABOVE}(?:\s+than)?` +
    String.raw`|\b${NEG}\s+${SOME_WORD}${VERB}(?:for\s+)?${PENNY}${ABOVE}(?:\s+than)?` +
    String.raw`|\bat\s+(?:the\s+)?most|\bmax(?:imum)?(?:\s+(?:is|of|price|budget))?\s*:?|${UNNEGATED}\bup\s+to|${UNNEGATED}\bas\s+high\s+as` +
    String.raw`|\b(?:highest|most)\s+(?:i|we)(?:'ll|'d|\s+will|\s+would|\s+can|\s+could)?\s+${SOME_WORD}(?:go|do|pay|spend|offer|afford|bid)(?:\s+is)?` +
    String.raw`|\b(?:my|our|the)\s+(?:budget|limit|ceiling|max|maximum|top\s+price|price\s+limit|spending\s+limit)(?:\s+(?:is|would\s+be|will\s+be)|'s)?(?:\s+(?:only|just))?\s*:?` +
    String.raw`|\bbudget(?:\s+(?:is|of))?\s*:?|\ball\s+i\s+(?:have|got|can\s+(?:afford|spend|do|pay))(?:\s+is)?` +
    String.raw`|\bi\s+(?:only|just)\s+(?:have|got|can\s+afford)|\bi\s+(?:have|got|can\s+afford)\s+(?:only|just)|\bi\s+can\s+(?:only\s+)?afford|\bi'?ve\s+only\s+got` +
    String.raw`|\b(?:anything|something|for|take|accept|do|sell(?:\s+it)?(?:\s+for)?|go)\s+(?:less\s+than|under|below))\s*$`,
);
const FLOOR_AFTER =
  /^\s*(?:(?:or|and)\s+(?:more|higher|above|up|over|upwards)\b|min(?:imum)?\b(?!\s+(?:away|drive|walk|ago|wait))|at\s+(?:the\s+)?least\b|(?:is|'s)\s+(?:my|the|our)\s+(?:absolute\s+)?(?:lowest|bottom|floor|minimum|min|reserve|bottom\s+line|rock\s+bottom|bottom\s+dollar)\b|(?:is|'s)\s+as\s+low\s+as\b|(?:is\s+)?the\s+(?:lowest|least)\s+i\b|and\s+not\s+(?:a\s+(?:penny|cent|dollar)\s+)?(?:less|lower|under)\b)/;
const CEILING_AFTER =
  /^\s*(?:max(?:imum)?\b|tops\b|top\b|at\s+(?:the\s+)?most\b|(?:or|and)\s+(?:less|lower|under|below|down)\b|(?:is|'s)\s+(?:my|the|our)\s+(?:absolute\s+)?(?:max|maximum|limit|budget|ceiling|top|highest|most|top\s+price)\b|(?:is|'s)\s+all\s+i\b|(?:is|'s)\s+as\s+high\s+as\b|(?:is\s+)?the\s+(?:most|highest)\s+i\b|and\s+not\s+(?:a\s+(?:penny|cent|dollar)\s+)?(?:more|higher|over)\b|budget\b|limit\b)/;

const NEGATED_BEFORE = new RegExp(
  String.raw`(?:\b${NEG}\s+(?:(?:possibly|really|even|just|honestly|realistically|do|pay|take|accept|sell|give|you|let|go|part|with|spend|offer|agree|to|justify|be|afford|for|at|on|it|them|that|i'?m|paying|selling|taking|doing|accepting|going|as|low|high|down|up|make|on|accept)\s+){0,6}|\bnot\s+(?:for\s+|at\s+|even\s+)?|\bno\s+(?:to|on)\s+)$`,
);
const NEGATED_AFTER =
  /^\s*(?:is|'s|seems|sounds|would\s+be|feels|was)?\s*(?:(?:way|much|a\s+bit|a\s+little|far|kinda|kind\s+of|a\s+tad|just|simply|really|definitely|still|rather|pretty|very|quite|bit)\s+)*(?:too\s+(?:low|high|much|little|cheap|steep|expensive|rich)\b|(?:low|steep|pricey|expensive)\b(?!\s+as)|a\s+(?:lowball|joke|no|non-?starter)\b|lowball|(?:not|isn'?t|is\s+not)\s+(?:enough|gonna\s+(?:work|happen|cut\s+it)|going\s+to\s+(?:work|happen)|acceptable|possible|doable|an\s+option|happening|close)\b|insulting|ridiculous|absurd|laughable|out\s+of\s+the\s+question|(?:is\s+)?(?:more\s+than\s+i(?:'d|\s+would|\s+want|\s+can|'m)|beyond|over\s+my|above\s+my|out\s+of\s+my)\b|(?:a\s+bit|too|way|a\s+little|rather)\s+much\b|no\s+good|won'?t\s+(?:work|do|cut\s+it)\b|doesn'?t\s+(?:work|cut\s+it)\b|not\s+happening|no\s+way)/;
const NEGATED_REACTION =
  /^\s*[?!.]+\s*(?:no\b(?!\s+(?:pressure|stress|worries|problem|rush|biggie|hurry|big\s+deal))|not\s+a\s+chance|no\s+chance|i'?m\s+out|we'?re\s+done|nope|nah|no\s+way|lol\b|haha|come\s+on|are\s+you\s+(?:kidding|serious|joking)|you'?re\s+(?:kidding|joking)|(?:that'?s|it'?s|thats)\s+(?:(?:way|a\s+bit|far|much)\s+)?too\s+(?:much|high|low|steep|expensive|little|cheap))/;

/** Reference cues before a price, with what the price is. */
const REFERENCE_BEFORE: readonly [RegExp, string][] = [
  [
    /\b(?:(?:someone|somebody|another\s+(?:buyer|person|guy|lady|seller)|other\s+buyers?|others?)\s+(?:else\s+)?(?:already\s+)?(?:offered|is\s+offering|'s\s+offering|bid|wants\s+to\s+pay|will\s+pay)(?:\s+me)?|(?:got|have|had|received)\s+(?:an(?:other)?|a\s+better)\s+(?:offer|bid)\s+(?:of|for|at)|offered\s+me|best\s+offer\s+(?:so\s+far\s+)?(?:is|was))/g,
    "competing offer",
  ],
  [
    /\b(?:i\s+)?(?:paid|spent|shelled\s+out|forked\s+out)\b|\b(?:bought|purchased)\s+(?:it|this|them|mine|one|these|those|the\s+[a-z]+)?(?:\s*[a-z0-9']+){0,4}?\s*(?:for|at)\b|\bgot\s+(?:it|this|them|mine|one)\s+(?:new\s+)?(?:for|at)\b|\bcost\s+me\b|\bit\s+cost\b/g,
    "paid",
  ],
  [/\bsold\s+(?:it|mine|one|them|my\s+[a-z]+|a\s+[a-z]+)\s+(?:for|at)\b|\bwent\s+for\b/g, "previous sale"],
  [
    /\b(?:retails?(?:\s+(?:price|value))?|msrp|rrp|list\s+price|sticker\s+price|full\s+price|original(?:ly)?(?:\s+price)?|new\s+price|(?:brand\s+)?new\s+(?:it'?s|they'?re|is|are|costs?|goes\s+for|sells\s+for)|(?:a\s+)?new\s+one\s+(?:is|costs?|goes\s+for|sells\s+for|would\s+be|runs)|new\s+ones\s+(?:are|cost|go\s+for|sell\s+for)|in\s+stores?|at\s+the\s+store|costs?\s+new|when\s+new|used\s+to\s+(?:be|cost|sell\s+for|go\s+for))\b/g,
    "retail price",
  ],
  [
    /\b(?:(?:they|these|those|others|other\s+ones|similar\s+ones|ones|people|most|used\s+ones|comparable\s+ones)\s+(?:usually\s+|typically\s+|normally\s+|often\s+|all\s+|now\s+)?(?:sell|go|are\s+going|'re\s+going|going|are\s+selling|'re\s+selling|selling|list|are\s+listed|fetch|trade)\s+(?:for|at)|(?:it|same\s+model|the\s+same\s+one|this\s+model)\s+(?:usually\s+|typically\s+|normally\s+|often\s+|now\s+)?(?:sells|goes|is\s+going|'s\s+going|is\s+selling|'s\s+selling|lists|fetches|trades)\s+(?:for|at)|market\s+(?:value|price|rate)|going\s+rate|blue\s+book|kbb|on\s+(?:ebay|amazon|craigslist|marketplace|facebook|offerup|kijiji|gumtree|mercari|poshmark|depop)(?:\s+[a-z]+){0,3}\s+(?:for|at|is|are))\b/g,
    "market price",
  ],
  [/\b(?:worth|valued\s+at|appraised\s+at)\b/g, "value"],
  [
    /\b(?:you\s+(?:said|offered|asked(?:\s+for)?|wanted|quoted|listed(?:\s+(?:it|this))?(?:\s+(?:at|for))?|posted(?:\s+(?:it|this))?(?:\s+(?:at|for))?|mentioned|were\s+asking(?:\s+for)?|'re\s+asking(?:\s+for)?|are\s+asking(?:\s+for)?|want)|your\s+(?:asking(?:\s+price)?|offer(?:\s+of)?|price(?:\s+of)?|last\s+(?:offer|price)(?:\s+of)?|listing(?:\s+(?:says|price))?|ad\s+says|counter(?:\s+of)?|number)|is\s+it\s+still|still\s+asking|(?<!\bi\s+|\bi'?ve\s+|\bwe\s+)(?:listed|posted|advertised)\s+(?:it\s+)?(?:at|for))\b/g,
    "quoted price",
  ],
  [
    /\b(?:the\s+other\s+(?:one|item|listing)|another\s+(?:listing|item)|i\s+(?:also\s+)?have\s+(?:a|an|another)\s+[a-z ]{1,30}?\s+(?:for|at))\b/g,
    "another item",
  ],
];
const FEE_BEFORE =
  /\b(?:shipping|postage|delivery(?:\s+(?:fee|charge|cost))?|tax(?:es)?|fees?|gas\s+money|gas)(?:\s+(?:is|are|costs?|would\s+be|will\s+be|runs?|of|adds?))?\s*:?\s*$/;
const FEE_AFTER =
  /^\s*(?:for\s+(?:shipping|postage|delivery|gas|the\s+delivery)|(?:shipping|postage)\b(?!\s+(?:included|incl))|delivery\s+(?:fee|charge)|to\s+ship\b)/;
const REFERENCE_AFTER: readonly [RegExp, string][] = [
  [
    /^\s*(?:brand\s+new\b|new\b(?!\s+(?:offer|price\s+is|deal))|retail\b|msrp\b|rrp\b|originally\b|when\s+(?:new|it\s+was\s+new)\b|at\s+(?:the\s+store|retail|target|walmart|ikea|best\s+buy|costco|home\s+depot|lowe'?s)\b|in\s+stores?\b)/,
    "retail price",
  ],
  [/^\s*when\s+i\s+(?:bought|got)\s+it\b/, "paid"],
  [
    /^\s*(?:on|at)\s+(?:ebay|amazon|craigslist|marketplace|facebook|offerup|kijiji|gumtree|mercari|poshmark|depop)\b|^\s*elsewhere\b/,
    "market price",
  ],
  [/^\s*(?:is\s+)?(?:your|ur)\s+(?:lowest|best|final|bottom|asking)\b/, "quoted price"],
];
const RESTATED_BEFORE =
  /\b(?:i\s+(?:said|offered|asked(?:\s+for)?|already\s+(?:offered|said)|was\s+asking(?:\s+for)?|was\s+at|had\s+it\s+at|started\s+at|listed\s+(?:it\s+)?(?:at|for))|my\s+(?:last|previous|earlier|original|first|initial)\s+(?:offer|price|ask)(?:\s+(?:was|of))?|earlier\s+i\s+said|before\s+it\s+was)\b/g;

const MINUS_BEFORE =
  /\b(?:knock(?:\s+(?:it|that))?(?:\s+down)?(?:\s+by)?|shave(?:\s+off)?|(?:come|go|bring\s+it|drop\s+it|get\s+it)\s+down(?:\s+by)?|lower\s+(?:it|that|the\s+price)\s+by|down\s+by|discount\s+of|reduce\s+(?:it|that|the\s+price)\s+by|drop\s+(?:it|that|the\s+price)\s+by)\s*$/;
const PLUS_BEFORE =
  /\b(?:another|add(?:\s+(?:on|in))?|an\s+extra|up\s+by|(?:go|come|bump\s+it|bring\s+it)\s+up(?:\s+by)?|raise\s+(?:it|that|my\s+offer|your\s+offer)\s+by|bump\s+(?:it\s+)?by|throw\s+in(?:\s+an?\s+extra)?)\s*$/;
const MINUS_AFTER =
  /^\s*(?:%\s*)?(?:off|less|lower|cheaper|discount|under\s+(?:your|the|that|asking))\b(?!\s+than)/;
const PLUS_AFTER = /^\s*(?:%\s*)?(?:more|extra|higher|on\s+top|over\s+(?:your|that|my|asking))\b(?!\s+than)/;

const OBJECT = String.raw`(?:\s+(?:it|them|this|that|ya|you|u|the\s+[a-z]+))?(?:\s+(?:for|at|to))?`;
const STRONG_BEFORE = new RegExp(
  String.raw`(?:\b(?:take|do|pay|offer(?:ing)?|give|accept|sell|let\s+(?:it|them|this)\s+go|part\s+with|go(?:\s+(?:as\s+low\s+as|as\s+high\s+as|with))?|make\s+(?:it|that)|how\s+about|what\s+about|counter(?:\s+(?:with|at))?|settle(?:\s+(?:for|on|at))?|asking(?:\s+for)?|want|need|say|propose|bid|spend|budget|(?:come|go|drop|bring\s+it)\s+down\s+to|it'?s\s+yours\s+for|yours\s+for|meet\s+(?:you\s+|me\s+)?(?:in\s+the\s+middle\s+|halfway\s+)?(?:at|on)|split\s+(?:it|the\s+difference)\s+(?:at|on)|price\s+(?:is|would\s+be)|(?:my|our)\s+(?:offer|price|counter)(?:\s+(?:is|would\s+be))?)${OBJECT}|(?:is|'s)\s+my\s+(?:offer|price))\s*:?\s*$`,
);
const WEAK_BEFORE = /(?:\b(?:for|at|is|be|then|okay|ok|so|like)|[:=])\s*$/;
const AFTER_CUE =
  /^\s*(?:works\b|ok\b|okay\b|fine\b|good\b|deal\b|firm\b|obo\b|or\s+best|cash\b|final\b|for\s+(?:it|them|both|the|this|that|all)\b|and\s+(?:it'?s|you'?ve|we)\b|is\s+(?:fair|reasonable|my\s+(?:offer|price|final))\b|sounds?\s+(?:fair|good|right)\b|even\b|flat\b|shipped\b|delivered\b|each\b|if\b|then\b|and\s+i'?ll\b|it\s+is\b)/;
const CORRECTION_BEFORE =
  /\b(?:actually|make\s+(?:it|that)|i\s+mean|or\s+rather|scratch\s+that|correction|instead|final(?:\s+offer)?|last\s+offer|best\s+i\s+can\s+do(?:\s+is)?)\b[\s,:-]*(?:[a-z']+\s+){0,3}$/;
const AGREE_BEFORE =
  /(?:(?<!\bno\s+|\bnot\s+a\s+|\bbig\s+|\bgood\s+)\b(?:deal|agreed|sold|done|accepted|you'?ve\s+got\s+(?:yourself\s+)?a\s+deal|you\s+got\s+(?:yourself\s+)?a\s+deal|it'?s\s+a\s+deal|we\s+have\s+a\s+deal|have\s+a\s+deal)\s*[,:-]?\s*(?:at|for|on)?|\b(?:ok(?:ay)?|alright|fine|sure|yes)\s*[,-]?\s*(?:at|for)|\bi'?ll\s+go\s+with|\bi(?:'ll|\s+will)?\s+accept|\b(?:happy|pleased|glad|delighted)\s+to\s+accept|\bi\s+agree\s+to)\s*$/;
const AGREE_AFTER =
  /^\s*(?:it\s+is\b|works(?:\s+for\s+(?:me|us))?\b|is\s+(?:fine|good|ok(?:ay)?|perfect|great|acceptable|agreeable)\b|sounds\s+(?:good|great|perfect|fine|ok(?:ay)?|right)\b|[,\-:]?\s*(?:deal|agreed|done|sold)\b(?!\s*\?)|is\s+a\s+deal\b|(?:👍|🤝|✅|👌))/u;
const OFFER_DEAL_AFTER =
  /^\s*(?:and|&)\s+(?:(?:it'?s|you'?ve\s+got|you\s+got|we\s+have|we'?ve\s+got)\s+(?:yourself\s+)?a\s+deal|call\s+it\s+a\s+deal|it'?s\s+yours)\b/;
const RANGE_BETWEEN = /^\s*(?:-|to|through|thru|till|til|or)\s*$/;
const RANGE_AND_BEFORE =
  /\b(?:between|somewhere\s+between|anywhere\s+between|somewhere\s+from|anywhere\s+from|range\s+of|from)\s*$/;
const MOVE_BETWEEN = /^\s*(?:,?\s*)?(?:down|up)\s+to\s*$/;

function lastMatchEnd(re: RegExp, text: string): number | undefined {
  re.lastIndex = 0;
  let end: number | undefined;
  for (const m of text.matchAll(re)) end = (m.index ?? 0) + m[0].length;
  return end;
}

/** Assigns roles to the prices found by findMentions. */
export function assignRoles(doc: Doc, mentions: readonly Mention[]): PriceRoles {
  const roles: PriceRoles = {
    proposals: [],
    references: [],
    rejected: [],
    restated: [],
    relatives: [],
    ignored: [],
  };
  const { lower } = doc;
  const prices = mentions.filter((m) => m.reason === undefined);
  const taken = new Set<Mention>();

  // Ranges: "between 40 and 50", "40-50", "40 to 50 bucks", "40 or 45".
  for (let k = 0; k + 1 < prices.length; k++) {
    const a = prices[k]!;
    const b = prices[k + 1]!;
    if (taken.has(a)) continue;
    const between = lower.slice(a.end, b.start);
    const clause = clauseAt(doc, a.start);
    const before = lower.slice(Math.max(clause.start, a.start - 60), a.start);
    if (MOVE_BETWEEN.test(between) && /\bfrom\s*$/.test(before)) {
      roles.references.push({ price: a.cents, what: "earlier price", at: a.start });
      taken.add(a);
      continue;
    }
    const connected =
      RANGE_BETWEEN.test(between) || (/^\s*and\s*$/.test(between) && RANGE_AND_BEFORE.test(before));
    if (!connected || a.cents >= b.cents || b.cents > a.cents * 3) continue;
    if (roles.range === undefined) roles.range = { low: a.cents, high: b.cents };
    taken.add(a);
    taken.add(b);
  }

  for (const m of mentions) {
    if (taken.has(m)) continue;
    const clause = clauseAt(doc, m.start);
    const before = lower.slice(Math.max(clause.start, m.start - 80), m.start);
    const after = lower.slice(m.end, Math.min(clause.end, m.end + 80));
    const rawAfter = lower.slice(m.end, m.end + 40);

    if (m.reason !== undefined) {
      // Small amounts doubted as prices can still move one: "knock 5 off", "10% off", "5 more".
      const movable = m.percent || m.reason === "implausible as a price here";
      const minus = MINUS_AFTER.test(rawAfter) || MINUS_BEFORE.test(before);
      if (movable && (minus || PLUS_AFTER.test(rawAfter) || PLUS_BEFORE.test(before))) {
        const amount = m.percent ? m.cents / 100 : m.cents;
        if (amount > 0 && (!m.percent || amount < 100)) {
          roles.relatives.push({
            amount,
            percent: m.percent,
            sign: minus ? -1 : 1,
            ownPrice: ownPrice(before),
            mention: m,
          });
          continue;
        }
      }
      // "this one", "another one": a pronoun more than a number.
      if (m.spelled && /^(?:one|a|an)$/.test(m.text.toLowerCase())) continue;
      roles.ignored.push({ text: m.shown, reason: m.reason });
      continue;
    }

    // Bounds.
    if (
      FLOOR_BEFORE.test(before) ||
      FLOOR_AFTER.test(after) ||
      /^\+(?=\s*(?:[.!?,;)]|$|(?:or|and|is|would|if|please|firm|obo)\b))/.test(rawAfter)
    ) {
      setBound(roles, "floor", m);
      continue;
    }
    if (CEILING_BEFORE.test(before) || CEILING_AFTER.test(after)) {
      setBound(roles, "ceiling", m);
      continue;
    }
    // Fees: "shipping is $10", "$10 for shipping".
    if (FEE_BEFORE.test(before) || FEE_AFTER.test(rawAfter)) {
      roles.references.push({ price: m.cents, what: "shipping or fees", at: m.start });
      continue;
    }
    // Relative amounts: "$10 off", "knock 5 off", "5 more".
    const minus = MINUS_BEFORE.test(before) || MINUS_AFTER.test(rawAfter);
    const plus = !minus && (PLUS_BEFORE.test(before) || PLUS_AFTER.test(rawAfter));
    if (minus || plus) {
      roles.relatives.push({
        amount: m.cents,
        percent: false,
        sign: minus ? -1 : 1,
        ownPrice: ownPrice(before),
        mention: m,
      });
      continue;
    }
    // "That's 10 less than you asked": a difference, not a price.
    if (
      !m.marked &&
      /^\s*(?:less|more|cheaper|lower|higher|under|over|below|above)\s+than\b/.test(rawAfter)
    ) {
      roles.ignored.push({ text: m.shown, reason: "relative amount" });
      continue;
    }
    // Refused prices: "I can't do 40", "40 is too low", "not 40".
    if (NEGATED_BEFORE.test(before) || NEGATED_AFTER.test(after) || NEGATED_REACTION.test(rawAfter)) {
      roles.rejected.push({ price: m.cents, at: m.start });
      continue;
    }
    // References: what they paid, retail, market, competing offers, quoted prices, other items.
    const reference = referenceOf(before, after);
    if (reference) {
      roles.references.push({ price: m.cents, what: reference, at: m.start });
      continue;
    }
    // "Is the $80 firm?": a question about the listener's price.
    if (
      /\bis\s+(?:the|it|that|this)\s*$/.test(before) &&
      /^\s*(?:still\s+)?(?:firm|negotiable|fixed|flexible|final)\b/.test(after) &&
      isQuestionAt(doc, m.start)
    ) {
      roles.references.push({ price: m.cents, what: "quoted price", at: m.start });
      continue;
    }
    const proposal: Proposal = {
      cents: m.cents,
      score: scoreOf(m, before, after, rawAfter) + m.tokenStart * 0.001,
      agreed:
        (AGREE_BEFORE.test(lower.slice(Math.max(0, m.start - 40), m.start)) || AGREE_AFTER.test(rawAfter)) &&
        !OFFER_DEAL_AFTER.test(rawAfter),
      questioned: isQuestionAt(doc, m.start),
      mention: m,
    };
    const restatedEnd = lastMatchEnd(RESTATED_BEFORE, before);
    if (restatedEnd !== undefined && before.length - restatedEnd <= 12) roles.restated.push(proposal);
    else roles.proposals.push(proposal);
  }
  return roles;
}

function setBound(roles: PriceRoles, kind: "floor" | "ceiling", m: Mention): void {
  if (roles.bound === undefined) roles.bound = { kind, price: m.cents };
  else
    roles.references.push({
      price: m.cents,
      what: kind === "floor" ? "another floor" : "another ceiling",
      at: m.start,
    });
}

function ownPrice(before: string): boolean {
  const speakerFirst = /\b(?:i|i'?ll|i'?d|i\s+can|i\s+could|we|we'?ll|let\s+me|i'?m)\b/.test(before);
  const addressed = /\b(?:you|u|ya|your)\b/.test(before);
  return speakerFirst && !addressed;
}

function referenceOf(before: string, after: string): string | undefined {
  let best: { end: number; what: string } | undefined;
  for (const [re, what] of REFERENCE_BEFORE) {
    const end = lastMatchEnd(re, before);
    if (end !== undefined && before.length - end <= 25 && (best === undefined || end > best.end))
      best = { end, what };
  }
  if (best) {
    // A proposal verb after the cue takes the number back: "I paid 200, but I'd take 150" is split by the
    // clause; "worth it at 50" is not a value.
    const gap = before.slice(best.end);
    if (!/\b(?:i'?d|i\s+would|i\s+will|i'?ll|i\s+can|take|do|accept|how\s+about|it\s+at)\b/.test(gap))
      return best.what;
  }
  for (const [re, what] of REFERENCE_AFTER) if (re.test(after)) return what;
  return undefined;
}

function scoreOf(m: Mention, before: string, after: string, rawAfter: string): number {
  let score = 0;
  if (m.marked) score += 2;
  if (STRONG_BEFORE.test(before)) score += 2;
  else if (WEAK_BEFORE.test(before)) score += 1;
  if (AFTER_CUE.test(after) || AFTER_CUE.test(rawAfter)) score += 1;
  if (CORRECTION_BEFORE.test(before)) score += 3;
  if (m.approx) score -= 0.5;
  return score;
}
