import { describe, expect, it } from "vitest";
import { AnalysisInputError } from "./errors.ts";
import { chooseReference } from "./reference-tier.ts";

const OPUS = "llm:anthropic:claude-opus-4-5";
const HAIKU = "llm:anthropic:claude-haiku-4-5";

describe("chooseReference", () => {
  it("in Project Deal's design takes the tier absent from the all-strong arms, though the strong tier is the most common", () => {
    const arms = [
      { id: "A-all-strong", tiers: [OPUS] },
      { id: "B-all-strong", tiers: [OPUS] },
      { id: "C-mixed", tiers: [OPUS, HAIKU] },
      { id: "D-mixed", tiers: [HAIKU, OPUS] },
    ];
    const choice = chooseReference(arms);
    expect(choice).toMatchObject({ tier: HAIKU, source: "design" });
    expect(choice.reason).toMatch(
      /absent from the arms where everyone had the same tier \(A-all-strong, B-all-strong/,
    );
  });

  it("uses --reference, then the config, and refuses one that is not a tier", () => {
    const arms = [{ id: "mixed", tiers: [OPUS, HAIKU] }];
    expect(chooseReference(arms, { option: OPUS, config: HAIKU })).toMatchObject({
      tier: OPUS,
      source: "option",
    });
    expect(chooseReference(arms, { config: HAIKU })).toMatchObject({ tier: HAIKU, source: "config" });
    expect(() => chooseReference(arms, { option: "engine:weak" })).toThrow(
      /not a tier of these deals \(tiers: /,
    );
  });

  it("falls back to the one tier named weak, and refuses when nothing tells, naming the tiers", () => {
    expect(chooseReference([{ id: "m", tiers: ["engine:strong", "engine:weak"] }])).toMatchObject({
      tier: "engine:weak",
      source: "name",
    });
    const refuse = () => chooseReference([{ id: "m", tiers: [OPUS, HAIKU] }]);
    expect(refuse).toThrow(AnalysisInputError);
    expect(refuse).toThrow(
      /--reference <tier>.*llm:anthropic:claude-haiku-4-5, llm:anthropic:claude-opus-4-5/,
    );
  });

  it("refuses when the design and the names disagree", () => {
    // Everyone weak in one arm: the design points to the strong tier, the name to the weak one.
    const arms = [
      { id: "all-weak", tiers: ["engine:weak"] },
      { id: "mixed", tiers: ["engine:strong", "engine:weak"] },
    ];
    expect(() => chooseReference(arms)).toThrow(/design points to engine:strong .* name to engine:weak/);
    expect(chooseReference(arms, { option: "engine:weak" }).tier).toBe("engine:weak");
  });

  it("with one tier, has nothing to compare and says so", () => {
    expect(chooseReference([{ id: "a", tiers: [OPUS] }])).toMatchObject({ tier: OPUS, source: "only-tier" });
  });
});
