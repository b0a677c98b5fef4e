/**
 * Splits a normalised message into tokens with their spans. Numbers keep their separators
 * ("1,200.50", "45,00", "5:30", "10/10"); hyphens are tokens of their own, so "sixty-five" reads like
 * "sixty five" and "40-50" like "40 - 50", with `joinedPrev` telling whether a token touched the one before.
 */

export type TokenKind = "num" | "alnum" | "word" | "time" | "slash" | "sym";

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** No space between this token and the previous one. */
  joinedPrev: boolean;
}

const CHUNK =
  /[\p{L}\p{N}\p{M}]+(?:(?:(?<=[0-9])[.,:/](?=[0-9])|(?<=\p{L})'(?=\p{L}))[\p{L}\p{N}\p{M}]+)*|\S/gu;

function kindOf(text: string): TokenKind {
  if (/^[0-9]{1,2}:[0-9]{2}$/.test(text)) return "time";
  if (/^[0-9]+(?:[.,][0-9]+)*$/.test(text)) return "num";
  if (/^[0-9][0-9.,]*\/[0-9][0-9.,]*$/.test(text)) return "slash";
  if (/[0-9]/.test(text) && /[\p{L}]/u.test(text)) return "alnum";
  if (/^[\p{L}\p{M}\p{N}']+$/u.test(text) && /[\p{L}\p{N}]/u.test(text))
    return /[0-9]/.test(text) ? "alnum" : "word";
  return "sym";
}

/** Tokens of `text` (already normalised); `lower` must be `text` lower-cased with the same length. */
export function tokenize(text: string, lower: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = -1;
  for (const match of text.matchAll(CHUNK)) {
    const start = match.index ?? 0;
    const raw = match[0];
    const end = start + raw.length;
    tokens.push({
      text: raw,
      lower: lower.slice(start, end),
      start,
      end,
      kind: kindOf(raw),
      joinedPrev: start === previousEnd,
    });
    previousEnd = end;
  }
  return tokens;
}

/** True when `token` is one of the given lower-case words. */
export function isWord(token: Token | undefined, ...candidates: string[]): boolean {
  return token !== undefined && token.kind === "word" && candidates.includes(token.lower);
}

/** Words that end a clause: a cue in one clause does not reach a number in the next. */
const CLAUSE_WORDS = new Set([
  "but",
  "so",
  "though",
  "although",
  "however",
  "whereas",
  "otherwise",
  "except",
]);
const CLAUSE_SYMBOLS = new Set([".", "!", "?", ";", ",", "…"]);
const SENTENCE_SYMBOLS = new Set([".", "!", "?", ";", "…"]);

export interface Span {
  start: number;
  end: number;
}

function spansBetween(text: string, tokens: readonly Token[], isBreak: (token: Token) => boolean): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const token of tokens) {
    if (isBreak(token)) {
      const end = token.kind === "word" ? token.start : token.end;
      if (end > start) spans.push({ start, end });
      start = token.kind === "word" ? token.start : token.end;
    }
  }
  if (text.length > start) spans.push({ start, end: text.length });
  return spans;
}

/** Clauses: split at sentence marks, commas and words like "but" or "so". */
export function clauseSpans(text: string, tokens: readonly Token[]): Span[] {
  return spansBetween(
    text,
    tokens,
    (t) =>
      (t.kind === "sym" && CLAUSE_SYMBOLS.has(t.text)) || (t.kind === "word" && CLAUSE_WORDS.has(t.lower)),
  );
}

/** Sentences: split after ".", "!", "?" and ";" (a sentence keeps its closing mark). */
export function sentenceSpans(text: string, tokens: readonly Token[]): Span[] {
  return spansBetween(text, tokens, (t) => t.kind === "sym" && SENTENCE_SYMBOLS.has(t.text));
}

/** The span containing `position`, or the whole text. */
export function spanAt(spans: readonly Span[], position: number, textLength: number): Span {
  for (const span of spans) if (position >= span.start && position < span.end) return span;
  return { start: 0, end: textLength };
}
