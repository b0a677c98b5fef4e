import { createPhraser } from "./language/index.ts";
import { readMessage } from "./understanding/index.ts";
import type { Words } from "./words.ts";

/** The built-in language and understanding parts, as the agent uses them. */
export const defaultWords: Words = {
  phraser: (options) => createPhraser(options),
  read: (text, context) => readMessage(text, context),
};
