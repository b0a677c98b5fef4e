import { describe, expect, it } from "vitest";
import { participantFromDraft, slug } from "./draft.ts";

describe("slug", () => {
  it("keeps names readable across alphabets, and tells non-Latin names apart", () => {
    expect(slug("Zoë Ångström", "me")).toBe("zoe-angstrom");
    expect(slug("王小明", "me")).toMatch(/^me-[0-9a-f]{6}$/);
    expect(slug("王小明", "me")).not.toBe(slug("李雷", "me"));
    expect(slug("!!!", "me")).toBe("me");
  });

  it("gives people from the interview ids the market takes", () => {
    const draft = {
      name: "王小明",
      items: [
        {
          title: "自行车",
          description: "",
          condition: "good" as const,
          flaws: [],
          askingPrice: 5000,
          reserve: 4000,
        },
      ],
      wants: [],
      budget: 0,
      persona: "",
      instructions: "",
    };
    const participant = participantFromDraft(draft);
    expect(participant.id).toMatch(/^me-[0-9a-f]{6}$/);
    expect(participant.mandate.items[0]!.id).toMatch(/^item-1-[0-9a-f]{6}$/);
  });
});
