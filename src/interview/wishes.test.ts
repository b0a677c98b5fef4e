import { describe, expect, it } from "vitest";
import { describeParticipant, type InterviewDraft, participantFromDraft, participantYaml } from "./draft.ts";
import { parseWishes } from "./wishes.ts";

const BIKE = [{ id: "road-bike", title: "Road bike" }];

describe("wishes from an owner's instructions", () => {
  it("turns the four wishes of the report into structured parts", () => {
    const parsed = parseWishes(
      "Never sell the bike to anyone called Dave. Mention the bike was serviced last spring. Speak only French. An anxious first-time buyer who asks lots of questions.",
      BIKE,
    );
    expect(parsed.wishes).toEqual({
      avoid: [{ name: "Dave" }],
      facts: { "road-bike": ["The bike was serviced last spring"] },
      tone: { language: "fr", style: "questions" },
    });
    expect(parsed.notes).toEqual([]);
  });

  it("reads other phrasings, pick-up terms, and keeps the rest as notes", () => {
    const parsed = parseWishes(
      "Don't trade with Dave or Eve; mention that it comes with two spare tubes\nPick-up only evenings near the station. Be extra nice to students",
      BIKE,
    );
    expect(parsed.wishes.avoid).toEqual([{ name: "Dave" }, { name: "Eve" }]);
    expect(parsed.wishes.facts).toEqual({ "road-bike": ["It comes with two spare tubes"] });
    expect(parsed.wishes.meeting).toBe("Pick-up only evenings near the station");
    expect(parsed.notes).toEqual(["Be extra nice to students"]);
  });

  it("shows in the review which wishes the built-in agent acts on and which it will not", () => {
    const draft: InterviewDraft = {
      name: "Ann",
      items: [
        {
          title: "Road bike",
          description: "",
          condition: "good",
          flaws: [],
          askingPrice: 12_000,
          reserve: 9_000,
        },
      ],
      wants: [],
      budget: 0,
      persona: "friendly",
      instructions:
        "Never sell the bike to anyone called Dave. Mention the bike was serviced last spring. Be extra nice to students.",
      meeting: "evenings near the station",
      language: "fr",
    };
    const ann = participantFromDraft(draft);
    expect(ann.mandate.wishes).toMatchObject({
      avoid: [{ name: "Dave" }],
      facts: { "road-bike": ["The bike was serviced last spring"] },
      meeting: "evenings near the station",
      tone: { language: "fr" },
      notes: "Be extra nice to students",
    });
    const review = describeParticipant(ann);
    expect(review).toContain("never trade with anyone called Dave");
    expect(review).toContain('mention about Road bike: "The bike was serviced last spring"');
    expect(review).toContain("write in French");
    expect(review).toContain('Your agent (built-in) will not act on: "Be extra nice to students".');
    expect(describeParticipant(ann, "model")).not.toContain("will not act on");
    // The file a market loads keeps the wishes.
    expect(participantYaml(ann)).toContain("evenings near the station");
  });

  it("adds nothing when there are no instructions", () => {
    const draft: InterviewDraft = {
      name: "Bo",
      items: [],
      wants: [{ description: "a kindle", maxPrice: 6_000 }],
      budget: 6_000,
      persona: "",
      instructions: "",
    };
    expect(participantFromDraft(draft).mandate.wishes).toBeUndefined();
  });
});
