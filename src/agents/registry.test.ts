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
