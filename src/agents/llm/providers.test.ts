import { describe, expect, it } from "vitest";
import { anthropicApiUrl, resolveLlmConnection } from "./providers.ts";

describe("resolveLlmConnection", () => {
  it("takes an Anthropic base URL with or without /v1, as Anthropic's own tools write it", () => {
    expect(anthropicApiUrl("https://proxy.example.com")).toBe("https://proxy.example.com/v1");
    expect(anthropicApiUrl("https://proxy.example.com/")).toBe("https://proxy.example.com/v1");
    expect(anthropicApiUrl("http://127.0.0.1:8080/v1/")).toBe("http://127.0.0.1:8080/v1");
    const env = { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: "https://proxy.example.com" };
    expect(resolveLlmConnection("llm:anthropic:claude-haiku-4-5", { env }).baseURL).toBe(
      "https://proxy.example.com/v1",
    );
  });

  it("names the official endpoints when none is given, so nothing is read from process.env behind env", () => {
    const previous = { a: process.env.ANTHROPIC_BASE_URL, o: process.env.OPENAI_BASE_URL };
    process.env.ANTHROPIC_BASE_URL = "http://elsewhere.invalid";
    process.env.OPENAI_BASE_URL = "http://elsewhere.invalid";
    try {
      const anthropic = resolveLlmConnection("llm:anthropic:claude-haiku-4-5", {
        env: { ANTHROPIC_API_KEY: "k" },
      });
      const openai = resolveLlmConnection("llm:openai:gpt-5-mini", { env: { OPENAI_API_KEY: "k" } });
      expect(anthropic.baseURL).toBe("https://api.anthropic.com/v1");
      expect(openai.baseURL).toBe("https://api.openai.com/v1");
    } finally {
      for (const [key, value] of [
        ["ANTHROPIC_BASE_URL", previous.a],
        ["OPENAI_BASE_URL", previous.o],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
