/**
 * Conditions attached to a price or a deal: "if you pick it up", "if you deliver", "cash", "today",
 * "firm", "or best offer", "each", "for both", "as is", "shipping included". Known conditions come out
 * in a short canonical form ("pickup", "delivery", "cash", "today"); any other "if ..." clause comes
 * out as written ("if it still works").
 */

const KNOWN: readonly [RegExp, string][] = [
  [
    /\bpick(?:ing|ed)?\s*-?\s*(?:it\s+|them\s+|this\s+|that\s+|these\s+|those\s+)?up\b|\bpickup\b|\bcollect(?:ion|ed|ing)?\b|\bcome\s+(?:and\s+)?(?:get|grab)\s+(?:it|them)\b|\bgrab\s+(?:it|them)\s+(?:today|tonight|tomorrow|now)\b/,
    "pickup",
  ],
  [
    /\bdeliver(?:y|ed|s|ing)?\b(?!\s+(?:fee|charge|cost))|\bdrop\s+(?:it|them)\s+off\b|\bbring\s+(?:it|them)\s+(?:over|to\s+me|by)\b/,
    "delivery",
  ],
  [
    /\bfree\s+shipping\b|\bshipping\s+(?:included|incl)\b|\bincl(?:uding|udes|\.)?\s+shipping\b|\bshipped\b/,
    "shipping included",
  ],
  [
    /\bplus\s+shipping\b|\+\s*shipping\b|\bshipping\s+(?:extra|not\s+included)\b|\b(?:you|buyer)\s+pays?\s+(?:for\s+)?shipping\b/,
    "plus shipping",
  ],
  [/\bship(?:ping)?\s+(?:it|them)\b|\bcan\s+you\s+ship\b|\bif\s+you\s+ship\b/, "shipping"],
  [/\bcash\b(?!\s*app)/, "cash"],
  [/\bvenmo\b/, "payment: venmo"],
  [/\bpay\s*pal\b/, "payment: paypal"],
  [/\bzelle\b/, "payment: zelle"],
  [/\bcash\s*app\b/, "payment: cash app"],
  [/\b(?:apple|google)\s+pay\b/, "payment: mobile"],
  [/\b(?:today|right\s+now|this\s+afternoon|this\s+morning|this\s+evening)\b/, "today"],
  [/\btonight\b/, "tonight"],
  [/\btomorrow\b/, "tomorrow"],
  [/\bthis\s+weekend\b/, "this weekend"],
  [/\bthis\s+week\b/, "this week"],
  [/\basap\b|\bquick(?:ly)?\s+sale\b/, "soon"],
  [/\b(?:on\s+|by\s+|this\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/, "day"],
  [
    /\bfirm\b|\bnon\s*-?\s*negotiable\b|\bnot\s+negotiable\b|\bnot\s+a\s+(?:penny|cent|dollar)\s+(?:more|less)\b(?!\s+than)/,
    "firm",
  ],
  [
    /\bfinal\s+(?:offer|price|answer)\b|\btake\s+it\s+or\s+leave\s+it\b|\blast\s+offer\b|\bbest\s+and\s+final\b/,
    "final offer",
  ],
  [/\bobo\b|\bo\.b\.o\b|\bor\s+best\s+offer\b/, "or best offer"],
  [/\beach\b|\bapiece\b|\bper\s+(?:item|piece|unit|chair|one)\b/, "each"],
  [
    /\bfor\s+(?:both|all(?:\s+(?:of\s+them|three|two|four|five))?|the\s+(?:pair|set|lot|bundle)|everything)\b|\b(?:take|buy|want|get)\s+(?:them\s+)?(?:both|all\s+(?:of\s+them|three|two|four|five))\b|\bbundle\b|\btogether\b|\bas\s+a\s+(?:set|pair|lot)\b|\bthe\s+lot\b/,
    "bundle",
  ],
  [/\bas\s*-?\s*is\b/, "as is"],
  [/\bno\s+(?:lowball(?:er)?s?|low\s*-?\s*balls?)\b/, "no lowballs"],
  [/\bno\s+(?:holds|trades)\b/, "no holds"],
];

/** "if ..." clauses that add no condition: "if you're interested", "if that works". */
const EMPTY_IF =
  /^(?:you(?:'re|\s+are)\s+(?:still\s+)?interested|you\s+(?:want|like|need)(?:\s+(?:it|to))?|that\s+(?:works|helps|'s\s+ok(?:ay)?|is\s+ok(?:ay)?)|possible|not|so|any|you'?d\s+like|you\s+can|interested|that'?s\s+fine|it\s+helps)\b/;

/** Conditions in a message, lower-case text, in order of first appearance, no duplicates. */
export function extractConditions(lower: string): string[] {
  const found: { at: number; what: string }[] = [];
  const dayNames = /\b(?:on\s+|by\s+|this\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/;
  for (const [re, what] of KNOWN) {
    const m = re.exec(lower);
    if (!m) continue;
    if (what === "day") {
      const day = dayNames.exec(m[0]);
      found.push({ at: m.index, what: day ? day[1]! : "day" });
    } else {
      found.push({ at: m.index, what });
    }
  }
  // Other if-clauses, kept as written when they hold no known condition.
  for (const m of lower.matchAll(
    /\b(?:only\s+)?(?:if|as\s+long\s+as|provided(?:\s+that)?|unless)\s+([^.,!?;]{3,60})/g,
  )) {
    const clause = m[1]!.trim();
    if (EMPTY_IF.test(clause)) continue;
    // "if you can do 45", "what if I offered 40": a price, not a condition.
    if (/\d|\b(?:offer(?:ed)?|paid|pay|do\s+(?:it\s+)?for)\b/.test(clause)) continue;
    if (KNOWN.some(([re]) => re.test(clause))) continue;
    const head = m[0].trim().split(/\s+/).slice(0, 10).join(" ");
    found.push({ at: m.index ?? 0, what: head });
  }
  found.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  for (const f of found) if (!out.includes(f.what)) out.push(f.what);
  return out;
}

/** True when the conditions say they are in a hurry. */
export function isUrgent(conditions: readonly string[]): boolean {
  return conditions.some((c) =>
    ["today", "tonight", "tomorrow", "soon", "this weekend", "this week"].includes(c),
  );
}
