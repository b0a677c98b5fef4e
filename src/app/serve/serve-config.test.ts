import { describe, expect, it } from "vitest";
import { ValidationError } from "../../domain/validation.ts";
import { interviewModelFor, parseServeConfig } from "./serve-config.ts";

describe("a served market's config", () => {
  it("defaults to public negotiations, no filling and the interviewer chosen by the server's keys", () => {
    const config = parseServeConfig({ name: "office" });
    expect(config).toMatchObject({ fill: 0, negotiations: "public", interviewModel: "auto" });
    expect(config.run.clock).toBe("wall");
  });

  it("names the field and the fix for a wall clock refused, a bad interviewer and a file population", () => {
    const refused = (input: object) => {
      try {
        parseServeConfig(input, "market.yaml");
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refused({ name: "m", clock: "virtual" })).toMatch(/clock: a served market runs on the wall clock/);
    expect(refused({ name: "m", interview: { model: "gpt" } })).toMatch(
      /interview\.model: a language model, "llm:<provider>:<model>".*"auto" or "off"/,
    );
    expect(refused({ name: "m", interview: { modle: "auto" } })).toMatch(/interview/);
    expect(refused({ name: "m", negotiations: "open" })).toMatch(/negotiations: write "public" or "private"/);
  });

  it("takes the interviewer from the config, else from the first key the server has, else none", () => {
    const auto = parseServeConfig({ name: "m" });
    expect(interviewModelFor(auto, {})).toBeUndefined();
    expect(interviewModelFor(auto, { ANTHROPIC_API_KEY: " " })).toBeUndefined();
    expect(interviewModelFor(auto, { OPENAI_API_KEY: "k" })).toEqual({
      model: "llm:openai:gpt-5-mini",
      why: "OPENAI_API_KEY is set",
    });
    expect(interviewModelFor(auto, { ANTHROPIC_API_KEY: "k", OPENAI_API_KEY: "k" })?.model).toBe(
      "llm:anthropic:claude-haiku-4-5",
    );
    const off = parseServeConfig({ name: "m", interview: { model: "off" } });
    expect(interviewModelFor(off, { ANTHROPIC_API_KEY: "k" })).toBeUndefined();
    const chosen = parseServeConfig({ name: "m", interview: { model: " llm:openai-compatible:llama3.1 " } });
    expect(interviewModelFor(chosen, { ANTHROPIC_API_KEY: "k" })).toEqual({
      model: "llm:openai-compatible:llama3.1",
      why: "the config's interview.model",
    });
  });
});
