/**
 * Text written by agents (or people) is data: on a terminal it must not move the cursor, recolour
 * the screen, reorder characters or fake a new transcript line. Line breaks become " / "; other
 * control and bidi-override characters are shown escaped.
 */
export function terminalText(text: string): string {
  return text
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, " / ")
    .replace(
      /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
}
