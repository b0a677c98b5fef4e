import { describe, expect, it } from "vitest";
import { parseExperimentConfig } from "./experiment-config.ts";

const OPUS = "llm:anthropic:claude-opus-4-5";
const HAIKU = "llm:anthropic:claude-haiku-4-5";
const population = { generate: { participants: 4 } };
const projectDeal = [
  { name: "A", agents: { all: OPUS } },
  { name: "B", agents: { all: OPUS } },
  { name: "C", agents: { random: { [OPUS]: 1, [HAIKU]: 1 } } },
];

describe("experiment config: reference", () => {
  it("accepts a design that tells the reference, and a reference: that is one of the arms' tiers", () => {
    expect(parseExperimentConfig({ population, arms: projectDeal }).reference).toBeUndefined();
    expect(parseExperimentConfig({ population, arms: projectDeal, reference: HAIKU }).reference).toBe(HAIKU);
  });

  it("refuses a reference: that no arm uses, and a design that cannot tell, before anything runs", () => {
    expect(() => parseExperimentConfig({ population, arms: projectDeal, reference: "engine:weak" })).toThrow(
      /reference: no arm uses engine:weak: name one of llm:anthropic:claude-haiku-4-5, llm:anthropic:claude-opus-4-5/,
    );
    expect(() => parseExperimentConfig({ population, arms: projectDeal.slice(2) })).toThrow(
      /reference: .*cannot tell which tier is the reference.*Name it with reference: <tier>/s,
    );
  });
});

describe("experiment config: turnWindow", () => {
  it("reads a span as a market config does, and names the field when it cannot", () => {
    expect(parseExperimentConfig({ population, arms: projectDeal, turnWindow: "1h" }).turnWindow).toBe(
      3_600_000,
    );
    expect(parseExperimentConfig({ population, arms: projectDeal, turnWindow: 30 }).turnWindow).toBe(
      1_800_000,
    );
    expect(() => parseExperimentConfig({ population, arms: projectDeal, turnWindow: "an hour" })).toThrow(
      /turnWindow: write a span like "30s", "5m" or "2h"/,
    );
  });
});
