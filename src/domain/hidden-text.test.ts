import { describe, expect, it } from "vitest";
import {
  escapeCode,
  inertLines,
  isPayloadCharacter,
  oneLine,
  showHidden,
  showHiddenRuns,
} from "./hidden-text.ts";

const codes = (text: string) => showHidden(text, escapeCode);

describe("hidden characters", () => {
  it("finds controls, format, bidi, tag characters, fillers, byte-carrying selectors and lone surrogates", () => {
    expect(
      codes("a\u0000\u001b\u007f\u0085\u009b\u00ad\u061c\u180e\u200b\u200f\u202e\u2060\u2066\ufeff"),
    ).toBe(
      "a\\u0000\\u001b\\u007f\\u0085\\u009b\\u00ad\\u061c\\u180e\\u200b\\u200f\\u202e\\u2060\\u2066\\ufeff",
    );
    expect(codes("\u{e0001}\u{e0041}\u{e007f}\u3164\ufe00\u{e0100}\ud800")).toBe(
      "\\u{e0001}\\u{e0041}\\u{e007f}\\u3164\\ufe00\\u{e0100}\\ud800",
    );
  });

  it("leaves emoji alone, joined ones and their presentation selector included, but not a joiner between letters", () => {
    for (const emoji of ["👨‍👩‍👧", "👩🏽‍🚒", "❤️", "🏳️‍🌈"]) expect(codes(emoji)).toBe(emoji);
    expect(codes("5\u200d0")).toBe("5\\u200d0");
  });

  it("runs: payload characters are told apart", () => {
    const shown = showHiddenRuns("a\u{e0041}\u{e0042}b\u200bc", (run) =>
      [...run].some(isPayloadCharacter) ? `[${[...run].length} removed]` : "[code]",
    );
    expect(shown).toBe("a[2 removed]b[code]c");
  });

  it("line breaks of every kind", () => {
    expect(oneLine("a\r\nb\rc\nd\u000be\u000cf\u0085g\u2028h\u2029i", "|")).toBe("a|b|c|d|e|f|g|h|i");
    expect(inertLines("a\r\n\tb\u001b\rc")).toBe("a\n\tb\\u001b / c");
  });
});
