import { describe, expect, it } from "vitest";
import { readAmount, readCondition, readList, readReserve, readYesNo } from "./answers.ts";
import { draftFromModel, participantFromDraft, participantYaml } from "./draft.ts";

describe("reading answers", () => {
  it("reads amounts and names what is wrong with a bad one", () => {
    expect(readAmount("$12.50")).toEqual({ value: 1250 });
    expect(readAmount("1,200")).toEqual({ value: 120_000 });
    expect(readAmount("abc")).toEqual({
      problem: '"abc" is not an amount of money: write it like $45 or 45.50.',
    });
    expect(readAmount("-5")).toEqual({ problem: "The price cannot be negative: give an amount like $45." });
    expect(readAmount("0")).toEqual({ problem: "The price must be more than $0." });
    expect(readAmount("0", { allowZero: true })).toEqual({ value: 0 });
    expect(readReserve("$250", 20_000)).toEqual({
      problem: "The least you would accept ($250) is above your asking price ($200): give at most $200.",
    });
    expect(readReserve("150", 20_000)).toEqual({ value: 15_000 });
  });

  it("reads yes/no, conditions and lists", () => {
    expect(readYesNo("Yes")).toEqual({ value: true });
    expect(readYesNo("nah")).toEqual({ value: false });
    expect(readYesNo("maybe")).toHaveProperty("problem");
    expect(readCondition("Like new")).toEqual({ value: "like-new" });
    expect(readCondition("")).toEqual({ value: "good" });
    expect(readCondition("shiny")).toHaveProperty("problem");
    expect(readList("scratch, dent; none")).toEqual({ value: ["scratch", "dent"] });
  });
});

describe("drafts", () => {
  it("turns a model's draft into a valid participant, or lists the problems", () => {
    const raw = {
      name: "Di",
      items: [
        {
          title: "Road bike",
          description: "",
          condition: "good" as const,
          category: "Sports & Outdoors",
          flaws: [],
          askingPrice: "$200",
          reserve: "$250",
        },
      ],
      wants: [{ description: "a tent", keywords: ["the", "Tents"], maxPrice: "ninety" }],
      budget: "$100",
      persona: "",
      instructions: "",
    };
    expect(draftFromModel(raw)).toEqual({
      problems: [
        "the least accepted for Road bike ($250) is above its asking price ($200)",
        'the most paid for a tent "ninety" is not an amount of money',
        "the most paid for a tent must be more than $0",
      ],
    });
    const fixed = draftFromModel({
      ...raw,
      items: [{ ...raw.items[0]!, reserve: "$150" }],
      wants: [{ ...raw.wants[0]!, maxPrice: "$90" }],
    });
    if (!("draft" in fixed)) throw new Error("expected a draft");
    const participant = participantFromDraft(fixed.draft);
    expect(participant.id).toBe("di");
    expect(participant.mandate.items[0]).toMatchObject({
      id: "road-bike",
      category: "sports-outdoors",
      reserve: 15_000,
    });
    expect(participant.mandate.wants[0]).toMatchObject({ id: "a-tent", keywords: ["tent"], maxPrice: 9_000 });
    expect(participantYaml(participant)).toContain("reserve: $150");
  });
});
