/**
 * What the market does not do: it hands items over in person, between the two people. It does not
 * deliver, ship or post anything, and an agent has no business asking for a home address. Sentences
 * that promise otherwise are found here, so every agent's words can be checked for them.
 */
const PROMISES: readonly { pattern: RegExp; what: string }[] = [
  {
    pattern:
      /\b(?:free|include[sd]?|offer(?:s|ing)?|throw in|happy to|can|could|will|'ll)\b[^.!?\n]{0,40}\bdeliver(?:y|ies|ed|ing)?\b/i,
    what: "delivery",
  },
  { pattern: /\bdeliver(?:y|ies)?\b[^.!?\n]{0,20}\b(?:free|on me|included|for free)\b/i, what: "delivery" },
  { pattern: /\bdeliver (?:it|them|the \w+)\b/i, what: "delivery" },
  {
    pattern: /\b(?:ship(?:ping|ped|s)?|post(?:age)?(?: it| them)? to you|courier|mail (?:it|them) to you)\b/i,
    what: "shipping",
  },
  { pattern: /\b(?:your|home|postal|delivery|shipping) address\b/i, what: "an address" },
  { pattern: /\b(?:livraison|exp[ée]di(?:er|tion)|envoi gratuit|votre adresse)\b/i, what: "delivery" },
  { pattern: /\b(?:env[ií]o gratis|su direcci[oó]n|Lieferung|Versand|Ihre Adresse)\b/i, what: "delivery" },
];

/** What a sentence promises that the market does not do ("delivery", "shipping", "an address"), or undefined. */
export function marketPromiseIn(text: string): string | undefined {
  return PROMISES.find(({ pattern }) => pattern.test(text))?.what;
}

/**
 * The text without its sentences that promise what the market does not do, and what they promised.
 * @example withoutMarketPromises("Deal! Free delivery, of course.") // { text: "Deal!", removed: ["delivery"] }
 */
export function withoutMarketPromises(text: string): { text: string; removed: string[] } {
  const sentences = text.split(/(?<=[.!?])\s+|\n+/);
  const removed: string[] = [];
  const kept = sentences.filter((sentence) => {
    const what = marketPromiseIn(sentence);
    if (what) removed.push(what);
    return what === undefined;
  });
  return { text: removed.length === 0 ? text : kept.join(" ").trim(), removed };
}
