import { describe, expect, it } from "vitest";
import { AgentSpecError, createAgent, ENGINE_AGENT_SPECS, parseAgentSpec } from "./registry.ts";

describe("createAgent", () => {
  it("makes every built-in agent", async () => {
    expect(ENGINE_AGENT_SPECS).toEqual([
      "engine:strong",
      "engine:weak",
      "engine:boulware",
      "engine:conceder",
      "engine:linear",
      "engine:tit-for-tat",
      "engine:split",
    ]);
    for (const spec of ENGINE_AGENT_SPECS) {
      const agent = await createAgent(spec, { participantId: "ann", seed: 1 });
      expect(agent.spec).toBe(spec);
      expect(typeof agent.decide).toBe("function");
    }
  });

  it("names the valid specs when a spec is unknown", async () => {
    await expect(createAgent("engine:mighty", { participantId: "ann", seed: 1 })).rejects.toThrow(
      /unknown built-in agent "engine:mighty": use one of engine:strong, engine:weak/,
    );
    await expect(createAgent("robot", { participantId: "ann", seed: 1 })).rejects.toThrow(AgentSpecError);
    await expect(createAgent("robot", { participantId: "ann", seed: 1 })).rejects.toThrow(/module:<path/);
  });

  it("says clearly what an llm agent lacks, and that human agents are not available yet", async () => {
    await expect(
      createAgent("llm:anthropic:claude-opus-4-5", { participantId: "a", seed: 1 }, { llm: { env: {} } }),
    ).rejects.toThrow(/needs an Anthropic API key/);
    await expect(createAgent("human", { participantId: "a", seed: 1 })).rejects.toThrow(/not available yet/);
  });

  it("parses module specs and needs a path", () => {
    expect(parseAgentSpec("module:./examples/my-agent.js")).toEqual({
      kind: "module",
      path: "./examples/my-agent.js",
    });
    expect(() => parseAgentSpec("module:")).toThrow(/needs a path/);
  });
});

describe("parseAgentSpec, the one grammar of agent specs", () => {
  it("parses every kind", () => {
    expect(parseAgentSpec(" engine:weak ")).toEqual({ kind: "engine", tier: "weak" });
    expect(parseAgentSpec("llm:ollama:qwen3:8b")).toEqual({
      kind: "llm",
      rest: "ollama:qwen3:8b",
      llm: { provider: "openai-compatible", modelId: "qwen3:8b" },
    });
    expect(parseAgentSpec("human")).toEqual({ kind: "human" });
    expect(parseAgentSpec("test:scripted")).toEqual({ kind: "test", name: "scripted" });
  });

  it("refuses malformed specs with an AgentSpecError", () => {
    for (const spec of [
      "llm:gemini:x",
      "llm:openai",
      "llm",
      "human:ann",
      "test:",
      "test:Big",
      "remote:x",
      "",
    ]) {
      expect(() => parseAgentSpec(spec), spec).toThrow(AgentSpecError);
    }
  });

  it("leaves test agents to the tests that make them", async () => {
    await expect(createAgent("test:scripted", { participantId: "a", seed: 1 })).rejects.toThrow(
      /tests make and pass in their own createAgent/,
    );
  });
});
