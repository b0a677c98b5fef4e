/**
 * The language part of the built-in negotiator: reads an owner's persona into a style and puts the
 * strategy's moves into words in that persona, without ever stating or hinting at a secret limit.
 */
export { LEVERAGE, type Leverage } from "./justify.ts";
export type { ItemFacts, Move, MoveKind } from "./move.ts";
export {
  PERSONA_PRESETS,
  type PersonaFlags,
  type PersonaPreset,
  type PersonaStyle,
  styleFromPersona,
  TONES,
  type Tone,
  VOICES,
  type Voice,
} from "./persona-style.ts";
export {
  createPhraser,
  isPluralTitle,
  MAX_MESSAGE_LENGTH,
  type Phraser,
  type PhraserOptions,
} from "./phrase-move.ts";
export { findSecretHint, SECRET_HINT_PATTERNS } from "./secret-hints.ts";
