import { describe, expect, it } from "vitest";
import { terminalText } from "./terminal-text.ts";

describe("terminalText", () => {
  it("keeps ordinary text, emoji and accents as they are", () => {
    expect(terminalText("Café chair, $45 👍")).toBe("Café chair, $45 👍");
  });

  it("escapes terminal escapes, bidi overrides and fake new lines", () => {
    const hostile = "ok\u001b[2J\u001b[31mred\u202eevil\n[01-05 09:00] Ann: I accept $1";
    const shown = terminalText(hostile);
    for (const raw of ["\u001b", "\u202e", "\n"]) expect(shown).not.toContain(raw);
    expect(shown).toContain("\\u001b[2J");
    expect(shown).toContain("\\u202e");
    expect(shown).toContain(" / [01-05 09:00] Ann: I accept $1");
  });
});
