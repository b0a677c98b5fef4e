import { describe, expect, it } from "vitest";
import { ENGINE_AGENT_SPECS } from "../agents/registry.ts";
import { ValidationError } from "../domain/validation.ts";
import { parseRunConfig } from "./load-run-config.ts";

const withAgents = (agents: unknown) =>
  parseRunConfig({ name: "t", population: { generate: { participants: 3 } }, agents }, "market.yaml");

const problems = (agents: unknown): { path: string; message: string }[] => {
  try {
    withAgents(agents);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error("the config was accepted");
};

describe("agent specs in a run config", () => {
  it("accepts what the agent registry's parser accepts, and the test agents tests make", () => {
    const specs = [
      ...ENGINE_AGENT_SPECS,
      "llm:anthropic:claude-haiku-4-5",
      "llm:ollama:qwen3:8b",
      "module:./examples/my-agent.js",
      "human",
      "test:scripted",
    ];
    for (const spec of specs) expect(withAgents({ all: spec }).agents).toEqual({ all: spec });
    expect(withAgents({ random: { "engine:strong": 1, "test:scripted": 2 } }).agents).toEqual({
      random: { "engine:strong": 1, "test:scripted": 2 },
    });
  });

  it("refuses a bad spec naming the field and the valid specs", () => {
    expect(problems({ all: "engine:mighty" })).toEqual([
      {
        path: "agents.all",
        message: `unknown built-in agent "engine:mighty": use one of ${ENGINE_AGENT_SPECS.join(", ")}`,
      },
    ]);
    expect(problems({ explicit: { ann: "robot" }, default: "engine:weak" })).toEqual([
      {
        path: "agents.explicit.ann",
        message: expect.stringMatching(/^unknown agent "robot": use one of engine:strong/),
      },
    ]);
    expect(problems({ random: { "engine:strong": 1, "module:": 1 } })).toEqual([
      { path: "agents.random.module:", message: expect.stringMatching(/"module:" needs a path/) },
    ]);
  });

  it("checks an llm spec's provider and model before any market starts", () => {
    expect(problems({ all: "llm:gemini:x" })).toEqual([
      {
        path: "agents.all",
        message: expect.stringMatching(/unknown model provider "gemini": .*anthropic, openai/),
      },
    ]);
    expect(problems({ all: "llm:openai" })).toEqual([
      { path: "agents.all", message: expect.stringMatching(/name the model/) },
    ]);
  });
});

describe("turnWindow and llm.concurrency in a run config", () => {
  const population = { generate: { participants: 4 } };

  it("reads a window as a span of market time, in ms", () => {
    expect(parseRunConfig({ population, turnWindow: "5m" }).turnWindow).toBe(300_000);
    expect(parseRunConfig({ population, turnWindow: "30s" }).turnWindow).toBe(30_000);
    expect(parseRunConfig({ population, turnWindow: "1.5h" }).turnWindow).toBe(5_400_000);
    expect(parseRunConfig({ population, turnWindow: 10 }).turnWindow).toBe(600_000);
    expect(parseRunConfig({ population }).turnWindow).toBeUndefined();
  });

  it("refuses a window it cannot read, and a concurrency below 1, naming the field and the fix", () => {
    expect(() => parseRunConfig({ population, turnWindow: "5 minutes" })).toThrow(
      /turnWindow.*"30s", "5m" or "2h"/,
    );
    expect(() => parseRunConfig({ population, llm: { concurrency: 0 } })).toThrow(
      /llm.concurrency.*at least 1/,
    );
    expect(parseRunConfig({ population, llm: { concurrency: 32 } }).llm?.concurrency).toBe(32);
  });
});

describe("acceptTimeout in a run config", () => {
  const parse = (acceptTimeout: unknown) =>
    parseRunConfig(
      { name: "t", population: { generate: { participants: 3 } }, acceptTimeout },
      "market.yaml",
    );
  it("takes a span of market time, in ms, and leaves it out when not given", () => {
    expect(parse("6h").acceptTimeout).toBe(6 * 3_600_000);
    expect(parse("90m").acceptTimeout).toBe(90 * 60_000);
    expect(parse(undefined).acceptTimeout).toBeUndefined();
  });
  it("refuses a span under a minute or one it cannot read, naming the field", () => {
    for (const bad of ["10s", "soon"]) {
      try {
        parse(bad);
        throw new Error("accepted");
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues[0]!.path).toBe("acceptTimeout");
      }
    }
  });
});
