import { describe, expect, it } from "vitest";
import { textPieces, visibleText } from "./text-pieces.ts";

describe("agent text on the page", () => {
  it("names a bidi override instead of letting it reorder the text", () => {
    expect(textPieces("photo\u202Egnp.exe\u202C")).toEqual([
      { hidden: false, text: "photo" },
      { hidden: true, text: "U+202E" },
      { hidden: false, text: "gnp.exe" },
      { hidden: true, text: "U+202C" },
    ]);
    expect(visibleText("a\u200Bb")).toBe("a[U+200B]b");
  });

  it("keeps markup-like text, line breaks, tabs and emoji as they are", () => {
    const text = "<script>alert(1)</script>\n**bold**\t[x](javascript:alert(1)) 👩‍💻";
    expect(textPieces(text)).toEqual([{ hidden: false, text }]);
    expect(textPieces("")).toEqual([]);
  });

  it("names a NUL too, so it cannot pass for the marker between pieces", () => {
    expect(visibleText("a\u0000b")).toBe("a[U+0000]b");
  });
});
