import { codePointLabel, showHiddenRuns } from "../../../domain/hidden-text.ts";

/** Marks where a hidden character stood; itself hidden, so the text's own are all replaced before. */
const MARK = "\u0000";

/**
 * The pieces of a text: plain runs, and the hidden characters in it (bidi overrides, zero-width
 * characters, controls) as their code point labels, so "\u202Egnp.exe" cannot pass for "exe.png".
 * Line breaks and tabs stay as they are.
 */
export function textPieces(text: string): { hidden: boolean; text: string }[] {
  const marked = showHiddenRuns(text, (run) =>
    [...run].map((ch) => (ch === "\n" || ch === "\t" ? ch : `${MARK}${codePointLabel(ch)}${MARK}`)).join(""),
  );
  return marked
    .split(MARK)
    .map((piece, index) => ({ hidden: index % 2 === 1, text: piece }))
    .filter((piece) => piece.text !== "");
}

/** The same as one string, for where only text can go (a select's options, the window title). */
export function visibleText(text: string): string {
  return textPieces(text)
    .map((piece) => (piece.hidden ? `[${piece.text}]` : piece.text))
    .join("");
}
