import { afterEach, describe, expect, it } from "vitest";
import { AgentSpecError, createAgent, preflightAgentSpecs as fromRegistry } from "../registry.ts";
import { LlmConfigError } from "./errors.ts";
import { preflightAgentSpecs } from "./preflight.ts";
import { normaliseCompatibleUrl } from "./providers.ts";
import { parseLlmSpec } from "./spec.ts";
import { type LoopbackServer, startOpenAICompatibleServer } from "./testing/openai-compatible-server.ts";

describe("parseLlmSpec", () => {
  it("reads provider and model, with aliases for local servers", () => {
    expect(parseLlmSpec("llm:anthropic:claude-opus-4-5")).toEqual({
      provider: "anthropic",
      modelId: "claude-opus-4-5",
    });
    expect(parseLlmSpec("llm:ollama:qwen3:8b")).toEqual({
      provider: "openai-compatible",
      modelId: "qwen3:8b",
    });
    expect(() => parseLlmSpec("llm:gemini:x")).toThrow(/unknown model provider "gemini"/);
    expect(() => parseLlmSpec("llm:openai")).toThrow(/name the model/);
  });

  it("adds /v1 to a bare host", () => {
    expect(normaliseCompatibleUrl("http://localhost:11434")).toBe("http://localhost:11434/v1");
    expect(normaliseCompatibleUrl("http://localhost:8000/v1/")).toBe("http://localhost:8000/v1");
  });
});

describe("preflightAgentSpecs", () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("ignores built-in and module agents", async () => {
    await expect(preflightAgentSpecs(["engine:strong", "module:./x.js"], {})).resolves.toBeUndefined();
  });

  it("names the missing key, as an LlmConfigError that is an AgentSpecError (exit code 2)", async () => {
    const failure = preflightAgentSpecs(["engine:strong", "llm:anthropic:claude-haiku-4-5"], {});
    await expect(failure).rejects.toThrow(LlmConfigError);
    await expect(failure).rejects.toThrow(AgentSpecError);
    await expect(failure).rejects.toThrow(/set ANTHROPIC_API_KEY/);
    await expect(preflightAgentSpecs(["llm:openai:gpt-5"], {})).rejects.toThrow(/set OPENAI_API_KEY/);
    await expect(preflightAgentSpecs(["llm:openai-compatible:llama3.1"], {})).rejects.toThrow(
      /set HAGGLE_OPENAI_COMPATIBLE_URL/,
    );
    await expect(
      preflightAgentSpecs(["llm:anthropic:claude-haiku-4-5", "llm:openai:gpt-5"], {
        ANTHROPIC_API_KEY: "k",
        OPENAI_API_KEY: "k",
      }),
    ).resolves.toBeUndefined();
  });

  it("finds an unreachable OpenAI-compatible server quickly, and a model it does not serve", async () => {
    server = await startOpenAICompatibleServer({
      models: ["llama3.1:latest"],
      respond: () => ({ content: "" }),
    });
    const env = { HAGGLE_OPENAI_COMPATIBLE_URL: server.url };
    await expect(preflightAgentSpecs(["llm:openai-compatible:llama3.1"], env)).resolves.toBeUndefined();
    await expect(fromRegistry(["llm:ollama:llama3.1"], env)).resolves.toBeUndefined();
    await expect(preflightAgentSpecs(["llm:openai-compatible:qwen3"], env)).rejects.toThrow(
      /has no model "qwen3"; it serves llama3.1:latest/,
    );
    const url = server.url;
    await server.close();
    server = undefined;
    const started = Date.now();
    await expect(
      preflightAgentSpecs(
        ["llm:openai-compatible:llama3.1"],
        { HAGGLE_OPENAI_COMPATIBLE_URL: url },
        { timeoutMs: 500 },
      ),
    ).rejects.toThrow(/cannot reach the OpenAI-compatible server at http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("createAgent makes LLM agents and reports a missing key the same way", async () => {
    await expect(
      createAgent("llm:anthropic:claude-opus-4-5", { participantId: "a", seed: 1 }, { llm: { env: {} } }),
    ).rejects.toThrow(/needs an Anthropic API key/);
    const agent = await createAgent(
      "llm:anthropic:claude-opus-4-5",
      { participantId: "a", seed: 1 },
      {
        llm: { env: { ANTHROPIC_API_KEY: "test" } },
      },
    );
    expect(agent.spec).toBe("llm:anthropic:claude-opus-4-5");
    expect(agent.usage?.().calls).toBe(0);
  });
});
