/**
 * Phrases that state or hint at a secret limit (reserve, max price, budget). The phraser never
 * writes them; other agents' text can be checked with `findSecretHint` too.
 */
export const SECRET_HINT_PATTERNS: readonly RegExp[] = [
  /\breserve\b/i,
  /\bmy (?:absolute )?(?:minimum|min|floor|limit|ceiling|max|maximum)\b/i,
  /\bminimum (?:is|price|i)\b/i,
  /\bmax(?:imum)? (?:is|price|i can|i'll)\b/i,
  /\bmy budget\b/i,
  /\bbudget (?:is|of)\b/i,
  /\bthe most i (?:can|could|am able to|'m able to) (?:pay|spend|offer|do)\b/i,
  /\bthe least i (?:can|could|will|'ll) (?:accept|take|do)\b/i,
  /\b(?:lowest|highest) i (?:can|could|will|'ll) (?:go|do|accept|take|pay)\b/i,
  /\b(?:can't|cannot|can not|won't) go (?:any )?(?:lower|higher|below|above)\b/i,
  /\bcan(?:'t| ?not) (?:pay|spend|afford) more than\b/i,
  /\bwalk[- ]away price\b/i,
  /\bbottom line\b/i,
  /\brock[- ]bottom\b/i,
];

/** The first secret-hinting phrase in `text`, or undefined. */
export function findSecretHint(text: string): string | undefined {
  for (const pattern of SECRET_HINT_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return undefined;
}
