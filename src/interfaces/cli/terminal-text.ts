import { escapeCode, inertLines, oneLine, showHidden } from "../../domain/hidden-text.ts";

/** Horizontal white space of every width (tab included): collapsed to one space. */
const SPACES = /[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/** More than four combining marks in a row ("Zalgo" text that spills over the lines above and below). */
const STACKED_MARKS = /(\p{M}{4})\p{M}+/gu;

/**
 * The one way text written by agents or people (messages, titles, names, arm names from a deals file)
 * reaches a terminal: as one line that cannot move the cursor, recolour or clear the screen, open a
 * link, reorder characters or fake a new transcript line.
 *
 * - Line breaks (CR, LF, VT, FF, NEL, U+2028, U+2029) become " / ": a message cannot begin a line of
 *   its own, so "\n[03-01 10:00] Bea: accepts $1" stays inside the line it was written in.
 * - Every hidden character (`domain/hidden-text.ts`: C0 and C1 controls, so ESC and every CSI, OSC
 *   (OSC-8 links too) and DCS sequence, backspace, DEL; zero-width, bidi and tag characters; lone
 *   surrogates) is shown as its code, `\u001b`, `\u202e`, `\u{e0041}`: visible, and inert.
 * - Runs of white space become one space, so padding cannot push text to the start of a wrapped line;
 *   combining marks past four in a row are dropped.
 */
export function terminalText(text: string): string {
  return showHidden(oneLine(text, " / ").replace(SPACES, " "), escapeCode).replace(STACKED_MARKS, "$1");
}

/**
 * Text of several lines made safe for a terminal (an error message that quotes a title from an
 * owner's file, or what a module agent threw): each line keeps its indentation and tabs, and line
 * feeds stay line feeds, but a CR cannot overwrite a line and every other hidden character is shown
 * as its code, as in `terminalText`.
 */
export function terminalLines(text: string): string {
  return inertLines(text);
}

/** A UTF-16 code unit as a JSON escape. */
const jsonEscape = (ch: string): string =>
  [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`).join("");

/**
 * JSON for `--json`, safe on a terminal too: `JSON.stringify` escapes C0 controls but leaves C1
 * controls (an 8-bit CSI), zero-width, bidi and tag characters and U+2028/U+2029 raw; those are
 * written as `\u` escapes, so the JSON parses to exactly the same value.
 */
export function terminalJson(data: unknown): string {
  // Raw line feeds are the indentation's own: JSON.stringify escapes every one inside a string.
  const inString = (ch: string) => (ch === "\n" ? ch : jsonEscape(ch));
  return showHidden(JSON.stringify(data, null, 2) ?? "null", inString).replace(/[\u2028\u2029]/g, jsonEscape);
}
