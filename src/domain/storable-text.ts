/** NUL, and UTF-16 surrogates without their pair. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Drops characters a JSON log cannot store (PostgreSQL's JSONB refuses NUL and unpaired surrogates).
 * They carry no meaning in a message, and one of them must not fail a whole batch of events.
 */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, "");
}
