import { describe, expect, it } from "vitest";
import { participantSchema } from "../../domain/mandate.ts";
import { person } from "../../engine/testing/fixtures.ts";
import { ownerPrompt } from "./system-prompt.ts";

describe("a model agent's prompt carries its owner's wishes", () => {
  it("lists avoid, facts, pick-up terms, language, style and notes, as the owner's quoted words", () => {
    const input = person("sam", {
      items: [{ id: "bike", title: "Road bike", asking: 12_000, reserve: 9_037 }],
    });
    input.mandate.wishes = {
      avoid: [{ name: "Dave" }],
      facts: { bike: ["serviced last spring for $90.37"] },
      meeting: "evenings near the <station>",
      tone: { language: "fr", style: "questions" },
      notes: "be extra nice to students",
    };
    const sam = participantSchema.parse(input);
    const prompt = ownerPrompt(sam.name, sam.mandate, { revealLimits: false, offerCap: 6, currency: "USD" });
    expect(prompt).toContain('Never trade with: anyone called "Dave"');
    expect(prompt).toContain('Mention about item "bike"');
    expect(prompt).toContain("Write every message in French.");
    expect(prompt).toContain("Ask the other side questions");
    expect(prompt).toContain('"be extra nice to students"');
    // The owner's words are data: no markup gets through, and a secret in them is scrubbed.
    expect(prompt).toContain("evenings near the &lt;station&gt;");
    expect(prompt).not.toContain("90.37");
  });
});
