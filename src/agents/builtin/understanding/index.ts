/** Understanding free text: intents and the prices meant. See parse-utterance.ts. */
export { extractConditions, isUrgent } from "./conditions.ts";
export type { Intent } from "./intent.ts";
export { parseSpelledNumber, type SpelledNumber, wordsToNumber } from "./number-words.ts";
export { type Numeral, parseNumeral } from "./numerals.ts";
export {
  effectivePrice,
  midpointOf,
  parseUtterance,
  type Understanding,
  type UnderstandingContext,
  understand,
} from "./parse-utterance.ts";
export { readMessage, toReading } from "./reading.ts";
