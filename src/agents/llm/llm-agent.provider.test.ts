import { afterEach, describe, expect, it } from "vitest";
import { createEngineAgent } from "../builtin/engine-agent.ts";
import { runNegotiation } from "../builtin/run-negotiation.ts";
import { createAgent } from "../registry.ts";
import { ctx, setup } from "./testing/agent-fixtures.ts";
import {
  type LoopbackServer,
  lastUserMessage,
  startOpenAICompatibleServer,
} from "./testing/openai-compatible-server.ts";
import { negotiatorReply } from "./testing/scripted-negotiator.ts";

describe("LLM agent: the provider path over HTTP", () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("retries 429, then 500, then succeeds, against a real OpenAI-compatible server", async () => {
    let failures = 0;
    server = await startOpenAICompatibleServer({
      models: ["scripted"],
      respond: (request) => {
        if (failures === 0) {
          failures++;
          return {
            status: 429,
            headers: { "retry-after-ms": "5" },
            body: { error: { message: "slow down" } },
          };
        }
        if (failures === 1) {
          failures++;
          return { status: 500, body: { error: { message: "boom" } } };
        }
        const reply = negotiatorReply({ lastUser: lastUserMessage(request) });
        return {
          ...(reply.text ? { content: reply.text } : {}),
          toolCalls: (reply.toolCalls ?? []).map((call) => ({ name: call.name, arguments: call.input })),
        };
      },
    });
    const seller = await createAgent("llm:openai-compatible:scripted", ctx("seller"), {
      llm: { openaiCompatibleUrl: server.url, retry: { initialDelayMs: 5 } },
    });
    const result = await runNegotiation({
      setup,
      seller,
      buyer: createEngineAgent("conceder", ctx("buyer")),
    });
    const usage = seller.usage!();
    expect(usage.retries).toBe(2);
    expect(usage.failedCalls).toBe(0);
    expect(result.agreed).toBe(true);
    // Tools went over the wire as the typed actions, with JSON schemas.
    const tools = server.requests.at(-1)!.tools!.map((t) => t.function.name);
    expect(tools).toEqual([
      "post_listing",
      "send_message",
      "open_thread",
      "make_offer",
      "withdraw_offer",
      "accept_offer",
      "confirm_deal",
      "decline_thread",
      "mark_handed_over",
    ]);
    expect(usage.costNote).toMatch(/no price known/);
  });
});

describe("LLM agent: the Anthropic provider's request, offline", () => {
  it("marks the system blocks and the newest message for prompt caching, and counts cache reads and writes", async () => {
    const bodies: Record<string, unknown>[] = [];
    const fakeFetch = async (_url: string | URL | Request, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)));
      const first = bodies.length === 1;
      return new Response(
        JSON.stringify({
          id: `msg_${bodies.length}`,
          type: "message",
          role: "assistant",
          model: "claude-haiku-4-5",
          content: first
            ? [{ type: "tool_use", id: "toolu_1", name: "post_listing", input: { itemId: "bike" } }]
            : [{ type: "text", text: "Nothing to do." }],
          stop_reason: first ? "tool_use" : "end_turn",
          stop_sequence: null,
          usage: {
            input_tokens: 100,
            output_tokens: 20,
            cache_read_input_tokens: 900,
            cache_creation_input_tokens: 50,
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    };
    const seller = await createAgent("llm:anthropic:claude-haiku-4-5", ctx("seller"), {
      llm: { env: { ANTHROPIC_API_KEY: "test-key" }, fetch: fakeFetch as typeof fetch },
    });
    const result = await runNegotiation({
      setup,
      seller,
      buyer: createEngineAgent("conceder", ctx("buyer")),
      maxTurns: 3,
    });
    expect(result.events.some((e) => e.type === "listing-posted")).toBe(true);
    const body = bodies[1] as {
      system: { text: string; cache_control?: unknown }[];
      messages: { role: string; content: { type: string; cache_control?: unknown }[] }[];
      tools: { name: string; input_schema: unknown }[];
    };
    expect(body.system.map((block) => block.cache_control)).toEqual([
      { type: "ephemeral" },
      { type: "ephemeral" },
    ]);
    expect(body.system[0]!.text).toMatch(/^You are an agent in Haggle/);
    expect(body.messages.at(-1)!.content.at(-1)!.cache_control).toEqual({ type: "ephemeral" });
    expect(body.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(body.tools.map((t) => t.name)).toContain("make_offer");
    const usage = seller.usage!();
    expect(usage).toMatchObject({
      calls: 2,
      inputTokens: 2 * 1050,
      cachedInputTokens: 1800,
      cacheWriteTokens: 100,
    });
    // Haiku 4.5: $1/M input, $0.10/M cache reads, $1.25/M cache writes, $5/M output.
    expect(usage.costCents).toBeCloseTo((200 * 100 + 1800 * 10 + 100 * 125 + 40 * 500) / 1_000_000, 6);
  });
});
