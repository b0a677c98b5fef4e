import { describe, expect, it } from "vitest";
import { participantFromDraft } from "../../interview/draft.ts";
import { describeWishes } from "../../interview/wishes.ts";
import { checkInterviewForm, type InterviewForm } from "./interview-form.ts";

const form = (change: Partial<InterviewForm> = {}): InterviewForm => ({
  name: "Ana",
  items: [
    {
      title: "Bike",
      description: "",
      condition: "good",
      flaws: "",
      category: "",
      askingPrice: "$80",
      reserve: "60",
    },
  ],
  wants: [{ description: "a lamp", maxPrice: "$25" }],
  budget: "$40",
  persona: "",
  instructions: "",
  ...change,
});

describe("checkInterviewForm", () => {
  it("gives the draft of a good form", () => {
    const { errors, draft } = checkInterviewForm(form());
    expect(errors).toEqual({});
    expect(draft).toMatchObject({ items: [{ askingPrice: 8000, reserve: 6000 }], budget: 4000 });
  });

  it("names each bad field with the fix, as the terminal interview words it", () => {
    const { errors, draft } = checkInterviewForm(
      form({
        name: " ",
        items: [{ ...form().items[0]!, askingPrice: "-5", reserve: "lots", condition: "shiny" }],
        wants: [{ description: "", maxPrice: "$0" }],
        budget: "abc",
      }),
    );
    expect(draft).toBeUndefined();
    expect(errors).toMatchObject({
      name: expect.stringMatching(/your name/),
      "items.0.askingPrice": expect.stringMatching(/cannot be negative/),
      "items.0.reserve": expect.stringMatching(/not an amount of money/),
      "items.0.condition": expect.stringMatching(/new, like-new, good, fair, poor/),
      "wants.0.description": expect.stringMatching(/what you are looking for/),
      "wants.0.maxPrice": expect.stringMatching(/more than \$0/),
      budget: expect.stringMatching(/not an amount of money/),
    });
  });

  it("refuses a reserve above the asking price, a budget below a want, and an empty mandate", () => {
    expect(
      checkInterviewForm(form({ items: [{ ...form().items[0]!, reserve: "$90" }] })).errors[
        "items.0.reserve"
      ],
    ).toMatch(/give at most \$80/);
    expect(checkInterviewForm(form({ budget: "$10" })).errors.budget).toMatch(/at least \$25/);
    expect(checkInterviewForm(form({ items: [], wants: [] })).errors.items).toMatch(/nothing to do/);
  });
});

describe("checkInterviewForm: the owner's wishes", () => {
  it("reads people to avoid, facts, pick-up terms and a language into the participant's wishes", () => {
    const { errors, draft } = checkInterviewForm(
      form({
        items: [{ ...form().items[0]!, facts: "serviced last spring\nnew tyres" }],
        avoid: "Dave, Eve",
        meeting: "evenings near the station",
        language: "French",
        instructions: "Be extra nice to students",
      }),
    );
    expect(errors).toEqual({});
    const ana = participantFromDraft(draft!);
    expect(ana.mandate.wishes).toEqual({
      avoid: [{ name: "Dave" }, { name: "Eve" }],
      facts: { bike: ["serviced last spring", "new tyres"] },
      meeting: "evenings near the station",
      tone: { language: "fr" },
      notes: "Be extra nice to students",
    });
    const lines = describeWishes(ana.mandate, "any").join("\n");
    expect(lines).toContain("never trade with anyone called Dave");
    expect(lines).toContain('will not act on: "Be extra nice to students"');
  });

  it("names a language it cannot write in", () => {
    expect(checkInterviewForm(form({ language: "Klingon" })).errors.language).toMatch(
      /English, French, Spanish or German/,
    );
  });
});
