/**
 * For tests: every character a terminal acts on rather than prints (C0 and C1 controls, DEL, line
 * breaks other than LF, zero-width, bidi and tag characters), and lone surrogates. LF is left out:
 * the surfaces print several lines; tests check separately that no line is one an agent started.
 */
const ACTIVE: readonly [number, number][] = [
  [0x00, 0x09],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
  [0x061c, 0x061c],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x2069],
  [0xd800, 0xdfff],
  [0xfeff, 0xfeff],
  [0xe0000, 0xe007f],
];

/** The first character of `text` a terminal would act on, as "U+001B", or undefined when none is. */
export function activeOnTerminal(text: string): string | undefined {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ACTIVE.some(([low, high]) => code >= low && code <= high))
      return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return undefined;
}
