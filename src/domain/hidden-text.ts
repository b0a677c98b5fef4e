/**
 * The characters in text written by agents or people that a reader cannot see, or that change how
 * the text around them is shown: controls (C0, DEL, C1, so every ESC, CSI, OSC and DCS sequence),
 * format characters (zero-width U+200B-U+200F, U+2060-U+2064, U+FEFF, soft hyphen, bidi controls
 * U+061C, U+202A-U+202E, U+2066-U+2069, ...), tag characters (U+E0000-U+E007F), the Hangul fillers,
 * the variation selectors that carry no emoji meaning (U+FE00-U+FE0D, U+E0100-U+E01EF: a known way to
 * smuggle bytes), and lone surrogates. Line breaks are handled apart (`oneLine`), before this.
 *
 * One exception: a zero-width joiner between two emoji (a family, a profession), which is how those
 * are written and hides nothing.
 *
 * Each surface decides how to show them (`showHidden`): the terminal and memos as `\u200b` codes, the
 * model's prompt as codes or a removal marker.
 */
const HIDDEN_CLASS = String.raw`[\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0\uFE00-\uFE0D\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\uD800-\uDFFF]`;
/** A zero-width joiner between two emoji: how a family or a profession emoji is written. */
const EMOJI_JOINER = String.raw`(?<=\p{Extended_Pictographic}\p{Emoji_Modifier}?\uFE0F?)\u200D(?=\p{Extended_Pictographic})`;
// Built from strings: the class holds controls and combining selectors on purpose.
const HIDDEN = new RegExp(`(?!${EMOJI_JOINER})${HIDDEN_CLASS}`, "gu");

/** Line breaks of every kind: CR, LF, CRLF, vertical tab, form feed, NEL, U+2028, U+2029. */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/** Whether a hidden character can carry a payload (a tag character, a byte-carrying variation selector). */
export function isPayloadCharacter(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (
    (code >= 0xfe00 && code <= 0xfe0d) ||
    (code >= 0xe0000 && code <= 0xe007f) ||
    (code >= 0xe0100 && code <= 0xe01ef)
  );
}

/** Replaces every line break with `separator`, so text cannot start a new line of its own. */
export function oneLine(text: string, separator: string): string {
  return text.replace(LINE_BREAK, separator);
}

/** Replaces each hidden character (one code point) with what `show` makes of it. */
export function showHidden(text: string, show: (ch: string) => string): string {
  return text.replace(HIDDEN, show);
}

const HIDDEN_RUN = new RegExp(`(?:${HIDDEN.source})+`, "gu");

/** Replaces each run of consecutive hidden characters with what `show` makes of the run. */
export function showHiddenRuns(text: string, show: (run: string) => string): string {
  return text.replace(HIDDEN_RUN, show);
}

/** A character as a JavaScript-style escape: `\u001b`, `\u202e`, `\u{e0041}`. Lower case, always visible. */
export function escapeCode(ch: string): string {
  const code = ch.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** "U+202E", "U+E0041". */
export function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Several lines shown inert (an error message quoting an owner's file, a model's words in the
 * interview): line feeds and tabs are kept, a CR becomes " / " (it cannot overwrite a line), and
 * every other hidden character becomes its `escapeCode`.
 */
export function inertLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => showHidden(oneLine(line, " / "), (ch) => (ch === "\t" ? ch : escapeCode(ch))))
    .join("\n");
}
