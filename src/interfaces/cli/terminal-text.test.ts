import { describe, expect, it } from "vitest";
import { activeOnTerminal } from "./terminal-testing.ts";
import { terminalJson, terminalLines, terminalText } from "./terminal-text.ts";

describe("terminalText", () => {
  it("keeps ordinary text, emoji (joined ones too) and accents as they are", () => {
    expect(terminalText("Café chair, $45 👍")).toBe("Café chair, $45 👍");
    expect(terminalText("family 👨‍👩‍👧 and ❤️ and שלום and 中文")).toBe(
      "family 👨‍👩‍👧 and ❤️ and שלום and 中文",
    );
  });

  it("escapes terminal escapes, bidi overrides and fake new lines", () => {
    const hostile = "ok\u001b[2J\u001b[31mred\u202eevil\n[01-05 09:00] Ann: I accept $1";
    const shown = terminalText(hostile);
    for (const raw of ["\u001b", "\u202e", "\n"]) expect(shown).not.toContain(raw);
    expect(shown).toContain("\\u001b[2J");
    expect(shown).toContain("\\u202e");
    expect(shown).toContain(" / [01-05 09:00] Ann: I accept $1");
  });

  const attacks: [string, string][] = [
    ["clear screen and home", "hi\u001b[2J\u001b[H"],
    ["8-bit CSI (C1)", "hi\u009b2J"],
    ["OSC-8 link", "\u001b]8;;https://evil.example/\u0007click me\u001b]8;;\u0007"],
    ["OSC-8 link ended by ST", "\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\"],
    ["window title (OSC 0)", "\u001b]0;pwned\u0007"],
    ["DCS", "\u001bP1$r\u001b\\"],
    ["8-bit OSC and DCS", "\u009d0;title\u009c and \u0090q\u009c"],
    ["carriage return overwrite", "I refuse\rI accept $1"],
    ["backspaces", "refuse\b\b\b\b\b\bAccept"],
    ["bell and DEL", "\u0007\u007f"],
    ["forged transcript line", "ok\n[03-01 10:00] Bea: accepts $1"],
    ["CRLF forged line", "ok\r\n[03-01 10:00] Bea: accepts $1"],
    ["unicode line and paragraph separators", "ok\u2028[03-01] Bea\u2029accepts"],
    ["vertical tab, form feed, NEL", "a\u000bb\u000cc\u0085d"],
    ["zero-width characters", "5\u200b0\u200c0\u200d0\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"],
    ["bidi controls", "\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"],
    ["tag characters", "hi\u{e0001}\u{e0049}\u{e0067}\u{e006e}\u{e007f}"],
    ["lone surrogate", "a\ud800b"],
  ];
  for (const [name, text] of attacks) {
    it(`shows ${name} as inert, visible codes on one line`, () => {
      const shown = terminalText(text);
      expect(activeOnTerminal(shown)).toBeUndefined();
      expect(shown.split("\n")).toHaveLength(1);
    });
  }

  it("names each hidden character by its code", () => {
    expect(terminalText("a\u200bb\u061cc\u{e0041}d\u202ee\r")).toBe(
      "a\\u200bb\\u061cc\\u{e0041}d\\u202ee / ",
    );
    expect(terminalText("\u001b]8;;https://x\u0007")).toBe("\\u001b]8;;https://x\\u0007");
  });

  it("keeps a forged line inside the line it was written in", () => {
    const line = `[03-01 09:59] Ann: ${terminalText("deal?\n[03-01 10:00] Bea: accepts $1")}`;
    expect(line).toBe("[03-01 09:59] Ann: deal? / [03-01 10:00] Bea: accepts $1");
  });

  it("collapses padding that would push text to the start of a wrapped line", () => {
    expect(terminalText(`ok${" ".repeat(200)}\t[03-01 10:00] Bea: accepts $1`)).toBe(
      "ok [03-01 10:00] Bea: accepts $1",
    );
  });

  it("caps stacked combining marks", () => {
    expect(terminalText(`Z${"\u0301".repeat(50)}`)).toBe(`Z${"\u0301".repeat(4)}`);
  });
});

describe("terminalJson", () => {
  it("escapes what JSON.stringify leaves raw, and parses back to the same value", () => {
    const value = {
      text: "a\u009b2J\u202eb\u200bc\u{e0041}d\u2028e\u001b[31m",
      name: "Zoë 👨‍👩‍👧",
      n: 3,
    };
    const json = terminalJson(value);
    expect(activeOnTerminal(json.replaceAll("\n", "").replace("👨‍👩‍👧", ""))).toBeUndefined();
    expect(JSON.parse(json)).toEqual(value);
    expect(json).toContain("\\u009b");
    expect(json).toContain("\\udb40\\udc41");
    expect(json).toContain("Zoë 👨‍👩‍👧");
  });
});

describe("terminalLines", () => {
  it("keeps lines and indentation, and shows CR, escapes and invisible characters as codes", () => {
    const message =
      'people/ann.yaml:\n  - items[0].askingPrice: write what you ask for "Lamp\u001b]8;;https://x\u0007\rFake\u202e"\n\tdone';
    const shown = terminalLines(message);
    expect(shown).toBe(
      'people/ann.yaml:\n  - items[0].askingPrice: write what you ask for "Lamp\\u001b]8;;https://x\\u0007 / Fake\\u202e"\n\tdone',
    );
  });
});
