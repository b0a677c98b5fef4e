import { isShouting, lowerSameLength, normalizeText } from "./normalize.ts";
import { clauseSpans, type Span, sentenceSpans, spanAt, type Token, tokenize } from "./tokens.ts";

/** A message made ready for reading: normalised text, its lower-case twin, tokens, clauses and sentences. */
export interface Doc {
  text: string;
  lower: string;
  tokens: Token[];
  clauses: Span[];
  sentences: Span[];
  /** Written mostly in capitals: capitalisation carries no meaning. */
  shouting: boolean;
}

export function readDoc(input: unknown): Doc {
  const text = normalizeText(input);
  const lower = lowerSameLength(text);
  const tokens = tokenize(text, lower);
  return {
    text,
    lower,
    tokens,
    clauses: clauseSpans(text, tokens),
    sentences: sentenceSpans(text, tokens),
    shouting: isShouting(text),
  };
}

export function clauseAt(doc: Doc, position: number): Span {
  return spanAt(doc.clauses, position, doc.text.length);
}

export function sentenceAt(doc: Doc, position: number): Span {
  return spanAt(doc.sentences, position, doc.text.length);
}

/** True when the sentence holding `position` asks something (ends in "?" or opens like a question). */
export function isQuestionAt(doc: Doc, position: number): boolean {
  const span = sentenceAt(doc, position);
  return isQuestionSentence(doc.lower.slice(span.start, span.end));
}

const QUESTION_LEAD = String.raw`^(?:(?:so|and|but|ok|okay|well|hi|hey|hello|also|just|sorry|thanks|um|hmm|then)[\s,]+)*`;
const WH_WORD = String.raw`(?:what|what's|whats|how|how's|hows|when|where|why|who|which|whose|any|wanna|mind|care to)\b`;
const AUX_VERB = `(?:is|isn't|are|aren't|was|were|do|does|did|don't|doesn't|can|can't|could|would|wouldn't|will|won't|should|shall|may|might|have|has)`;
const SUBJECT = String.raw`(?:(?:you|u|ya|it|that|this|they|we|i|he|she|there|the|your|these|those|anyone|someone|somebody)\b|\$?\d)`;
const QUESTION_OPENING = new RegExp(`${QUESTION_LEAD}(?:${WH_WORD}|${AUX_VERB}\\s+${SUBJECT})`);
/** Requests that ask as a question does: "name your price", "tell me about the scratch". */
const REQUEST =
  /^(?:(?:so|and|ok|okay|well|please|just)[\s,]+)*(?:please\s+)?(?:tell\s+me|let\s+me\s+know|name\s+your\s+price|make\s+me\s+an?\s+offer|send\s+(?:me\s+)?(?:some\s+|a\s+few\s+|more\s+)?(?:photos?|pictures?|pics?)|describe|explain)\b/;
const QUESTION_INSIDE =
  /\b(?:would|could|can|will) you\b(?! (?:please )?(?:let me know|tell me))|\bwonder(?:ing)? (?:if|whether)\b|\bany chance\b/;

export function isQuestionSentence(sentence: string): boolean {
  const s = sentence.trim();
  if (s.length === 0) return false;
  if (s.includes("?")) return true;
  return QUESTION_OPENING.test(s) || QUESTION_INSIDE.test(s) || REQUEST.test(s);
}
