import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  buyerLimitOf,
  type NegotiationResult,
  type NegotiationSetup,
  runNegotiation,
} from "../builtin/run-negotiation.ts";
import { catalogueScenarios } from "../builtin/scenarios.ts";
import { createAgent } from "../registry.ts";
import { createLlmAgent, type LlmAgent, type LlmAgentOptions } from "./llm-agent.ts";
import { MODEL_PRICES } from "./prices.ts";
import {
  type AnthropicReply,
  type AnthropicRequest,
  type AnthropicServer,
  startAnthropicServer,
  systemBlocks,
  userMessages,
} from "./testing/anthropic-server.ts";
import {
  type ChatReply,
  type ChatRequest,
  type LoopbackServer,
  messageText,
  startOpenAICompatibleServer,
} from "./testing/openai-compatible-server.ts";
import { negotiatorReply } from "./testing/scripted-negotiator.ts";

/**
 * End to end, offline: the real `@ai-sdk/anthropic` and `@ai-sdk/openai` adapters, made from
 * "llm:anthropic:..." and "llm:openai:..." specs by providers.ts, talk HTTP to loopback stand-ins of
 * the providers' APIs, which answer as the scripted negotiator would. Whole negotiations run through
 * the market engine; the requests on the wire and the agents' usage are checked.
 */

const ANTHROPIC_SPEC = "llm:anthropic:claude-haiku-4-5";
const OPENAI_SPEC = "llm:openai:gpt-5-mini";
const ANTHROPIC_KEY = "test-anthropic-key";
const OPENAI_KEY = "test-openai-key";
const EPHEMERAL = { type: "ephemeral" };

/** The typed actions, as tools, in the order the agent declares them. */
const SELLER_TOOLS = [
  "post_listing",
  "send_message",
  "open_thread",
  "make_offer",
  "withdraw_offer",
  "accept_offer",
  "confirm_deal",
  "decline_thread",
  "mark_handed_over",
];
const BUYER_TOOLS = ["post_want_ad", ...SELLER_TOOLS.slice(1)];

// Catalogue draws (seed 1) where the scripted negotiator settles: #9 between two LLM agents (three
// rounds), #7 for an LLM buyer against engine:weak.
const scenarios = catalogueScenarios(12, 1);
const twoLlmSetup = scenarios[9]!;
const vsEngineSetup = scenarios[7]!;

const ctx = (participantId: string) => ({ participantId, seed: 1 });

function expectDealInsideLimits(result: NegotiationResult, setup: NegotiationSetup): void {
  expect(result.agreed).toBe(true);
  expect(result.price!).toBeGreaterThanOrEqual(setup.item.reserve);
  expect(result.price!).toBeLessThanOrEqual(buyerLimitOf(setup));
  expect(result.events.some((e) => e.type === "deal-confirmed")).toBe(true);
}

/** Tokens the engine logged for one side (each model call's usage becomes a record-usage action). */
function loggedTokens(result: NegotiationResult, side: string): { input: number; output: number } {
  let input = 0;
  let output = 0;
  for (const event of result.events) {
    if (event.type !== "usage-recorded" || event.actor !== side) continue;
    input += event.inputTokens;
    output += event.outputTokens;
  }
  return { input, output };
}

// Every HTTP request any code makes in these tests, with its answer's JSON: none may leave loopback.
interface Fetched {
  url: string;
  headers: Headers;
  status: number;
  body: unknown;
}
let fetched: Fetched[] = [];
const servers: { close(): Promise<void> }[] = [];

beforeEach(() => {
  fetched = [];
  const original = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    // Noted before it is sent, so a request that fails (no network) is seen too.
    const call: Fetched = { url, headers, status: 0, body: undefined };
    fetched.push(call);
    const response = await original(input, init);
    call.status = response.status;
    const text = await response.clone().text();
    try {
      call.body = JSON.parse(text);
    } catch {
      call.body = text;
    }
    return response;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function expectOnlyLoopback(urls: string[]): void {
  expect(fetched.length).toBeGreaterThan(0);
  for (const call of fetched) expect(urls).toContain(call.url);
  for (const call of fetched) expect(new URL(call.url).hostname).toBe("127.0.0.1");
}

// ---------------------------------------------------------------------------------------------
// Anthropic

/** The scripted negotiator behind the Messages API: it reads the newest update, remembers the older ones. */
function negotiatorOverMessages(request: AnthropicRequest): AnthropicReply {
  const users = userMessages(request);
  const reply = negotiatorReply({ lastUser: users.at(-1) ?? "", history: users.slice(0, -1).join("\n") });
  return {
    ...(reply.text ? { text: reply.text } : {}),
    toolUses: (reply.toolCalls ?? []).map((call) => ({
      name: call.name,
      input:
        typeof call.input === "string" ? (JSON.parse(call.input) as Record<string, unknown>) : call.input,
    })),
  };
}

async function anthropicServer(
  respond: (request: AnthropicRequest, n: number) => AnthropicReply = negotiatorOverMessages,
): Promise<AnthropicServer> {
  const server = await startAnthropicServer({ respond });
  servers.push(server);
  return server;
}

/** Only options: no environment is read, so a developer's real key or base URL cannot leak in. */
const anthropicOptions = (server: AnthropicServer, extra: LlmAgentOptions = {}): LlmAgentOptions => ({
  env: {},
  anthropicApiKey: ANTHROPIC_KEY,
  anthropicBaseUrl: server.url,
  ...extra,
});

/** Checks what one agent sent and that its usage is exactly what the server reported. */
function expectAnthropicAgent(agent: LlmAgent, server: AnthropicServer, tools: string[]): void {
  const ok = server.exchanges.filter((exchange) => exchange.status === 200);
  expect(ok.length).toBeGreaterThan(1);
  const firstSystem = JSON.stringify(systemBlocks(server.requests[0]!).map((block) => block.text));
  for (const { path, headers, request } of server.exchanges) {
    expect(path).toBe("/v1/messages");
    expect(headers["x-api-key"]).toBe(ANTHROPIC_KEY);
    expect(headers["anthropic-version"]).toBe("2023-06-01");
    expect(request.model).toBe("claude-haiku-4-5");
    expect(request.stream).toBeFalsy();
    // The tools are exactly the typed actions, each with an object schema, the same in every request.
    expect(request.tools!.map((tool) => tool.name)).toEqual(tools);
    for (const tool of request.tools!) {
      expect(tool.description).toEqual(expect.any(String));
      expect(tool.input_schema).toMatchObject({ type: "object" });
    }
    // Two system blocks (the market's rules, then the owner's part), each a cache breakpoint, and one
    // on the newest message: three of the four allowed.
    const system = systemBlocks(request);
    expect(system.map((block) => block.cache_control)).toEqual([EPHEMERAL, EPHEMERAL]);
    expect(system[0]!.text).toMatch(/^You are an agent in Haggle/);
    expect(JSON.stringify(system.map((block) => block.text))).toBe(firstSystem);
    const last = request.messages.at(-1)!;
    expect(last.role).toBe("user");
    expect(Array.isArray(last.content) && last.content.at(-1)!.cache_control).toEqual(EPHEMERAL);
    expect(JSON.stringify(request).match(/"cache_control"/g)).toHaveLength(3);
  }

  // Each request reads from the cache all that the one before it read or wrote: the prefix only grows.
  for (let i = 1; i < ok.length; i++) {
    const before = ok[i - 1]!.usage!;
    expect(ok[i]!.usage!.cache_read_input_tokens).toBeGreaterThanOrEqual(
      before.cache_read_input_tokens + before.cache_creation_input_tokens,
    );
  }

  const sum = (key: keyof NonNullable<(typeof ok)[number]["usage"]>) =>
    ok.reduce((total, exchange) => total + exchange.usage![key], 0);
  const usage = agent.usage();
  expect(usage.calls).toBe(ok.length);
  expect(usage.failedCalls).toBe(0);
  expect(usage.inputTokens).toBe(
    sum("input_tokens") + sum("cache_read_input_tokens") + sum("cache_creation_input_tokens"),
  );
  expect(usage.outputTokens).toBe(sum("output_tokens"));
  expect(usage.cachedInputTokens).toBe(sum("cache_read_input_tokens"));
  expect(usage.cachedInputTokens).toBeGreaterThan(0);
  expect(usage.cacheWriteTokens).toBe(sum("cache_creation_input_tokens"));
  // Costed by the price table: Haiku 4.5 is $1/M input, $0.10/M cache reads, $1.25/M writes, $5/M output.
  const price = MODEL_PRICES["claude-haiku-4-5"]!;
  expect(usage.costNote).toBeUndefined();
  expect(usage.costCents).toBeCloseTo(
    (sum("input_tokens") * price.input +
      sum("cache_read_input_tokens") * price.cacheRead! +
      sum("cache_creation_input_tokens") * price.cacheWrite! +
      sum("output_tokens") * price.output) /
      1_000_000,
    5,
  );
}

describe("llm:anthropic through @ai-sdk/anthropic, against a loopback Messages API", () => {
  it("two LLM agents settle inside both limits, with typed tools, cache markers and cached-token usage", async () => {
    const sellerServer = await anthropicServer();
    const buyerServer = await anthropicServer();
    const seller = createLlmAgent(ANTHROPIC_SPEC, ctx("seller"), anthropicOptions(sellerServer));
    const buyer = createLlmAgent(ANTHROPIC_SPEC, ctx("buyer"), anthropicOptions(buyerServer));
    expect(seller.modelId).toBe("claude-haiku-4-5");

    const result = await runNegotiation({ setup: twoLlmSetup, seller, buyer });

    expectDealInsideLimits(result, twoLlmSetup);
    expect(result.rounds).toBeGreaterThanOrEqual(2);
    expectAnthropicAgent(seller, sellerServer, SELLER_TOOLS);
    expectAnthropicAgent(buyer, buyerServer, BUYER_TOOLS);
    // The engine's log holds the same token counts as the agents' own usage.
    for (const [side, agent] of [
      ["seller", seller],
      ["buyer", buyer],
    ] as const) {
      expect(loggedTokens(result, side)).toEqual({
        input: agent.usage().inputTokens,
        output: agent.usage().outputTokens,
      });
    }
    // Tool results went back to the model: a later request answers the first tool use.
    const results = sellerServer.requests
      .at(-1)!
      .messages.flatMap((m) => (typeof m.content === "string" ? [] : m.content))
      .filter((block) => block.type === "tool_result");
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.tool_use_id).toBe("toolu_0001");
    expectOnlyLoopback([`${sellerServer.url}/messages`, `${buyerServer.url}/messages`]);
  });

  it("an LLM buyer made by createAgent settles with engine:weak", async () => {
    const server = await anthropicServer();
    const buyer = (await createAgent(ANTHROPIC_SPEC, ctx("buyer"), {
      llm: anthropicOptions(server),
    })) as LlmAgent;
    const seller = await createAgent("engine:weak", ctx("seller"));

    const result = await runNegotiation({ setup: vsEngineSetup, seller, buyer });

    expectDealInsideLimits(result, vsEngineSetup);
    expectAnthropicAgent(buyer, server, BUYER_TOOLS);
    expectOnlyLoopback([`${server.url}/messages`]);
  });

  it("retries a 429 and then a 500, and the negotiation still completes", async () => {
    const server = await anthropicServer((request, n) => {
      // The second model call is refused twice: first rate-limited (retry-after 1 s), then a server error.
      if (n === 1) return { status: 429, headers: { "retry-after": "1" } };
      if (n === 2) return { status: 500 };
      return negotiatorOverMessages(request);
    });
    const waits: number[] = [];
    const seller = createLlmAgent(
      ANTHROPIC_SPEC,
      ctx("seller"),
      anthropicOptions(server, {
        retry: { initialDelayMs: 5 },
        sleep: async (ms) => {
          waits.push(ms);
        },
      }),
    );
    const buyer = createLlmAgent(ANTHROPIC_SPEC, ctx("buyer"), anthropicOptions(await anthropicServer()));

    const result = await runNegotiation({ setup: twoLlmSetup, seller, buyer });

    expectDealInsideLimits(result, twoLlmSetup);
    expect(server.exchanges.map((exchange) => exchange.status).slice(0, 4)).toEqual([200, 429, 500, 200]);
    expect(server.exchanges.filter((exchange) => exchange.status !== 200)).toHaveLength(2);
    // The same request each time; the server's retry-after first, then the backoff (5 ms doubled).
    expect(server.requests[2]).toEqual(server.requests[1]);
    expect(server.requests[3]).toEqual(server.requests[1]);
    expect(waits).toEqual([1000, 10]);
    const usage = seller.usage();
    expect(usage.retries).toBe(2);
    expect(usage.failedCalls).toBe(0);
    expect(usage.stopped).toBeUndefined();
    expectAnthropicAgent(seller, server, SELLER_TOOLS);
  });

  it("does not retry a 401: the agent stops and says why", async () => {
    const server = await anthropicServer(() => ({
      status: 401,
      body: { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } },
    }));
    const seller = createLlmAgent(
      ANTHROPIC_SPEC,
      ctx("seller"),
      anthropicOptions(server, { retry: { initialDelayMs: 1 } }),
    );
    const result = await runNegotiation({
      setup: vsEngineSetup,
      seller,
      buyer: await createAgent("engine:weak", ctx("buyer")),
    });
    expect(result.agreed).toBe(false);
    expect(server.exchanges).toHaveLength(1);
    const usage = seller.usage();
    expect(usage).toMatchObject({ calls: 1, failedCalls: 1, retries: 0, inputTokens: 0 });
    expect(usage.stopped).toMatch(/HTTP 401: invalid x-api-key/);
    expectOnlyLoopback([`${server.url}/messages`]);
  });
});

// ---------------------------------------------------------------------------------------------
// OpenAI: providers.ts builds `createOpenAI(...).chat(model)`, so the wire protocol is Chat Completions.

function negotiatorOverChat(request: ChatRequest): ChatReply {
  const users = request.messages.filter((m) => m.role === "user").map(messageText);
  const reply = negotiatorReply({ lastUser: users.at(-1) ?? "", history: users.slice(0, -1).join("\n") });
  return {
    ...(reply.text ? { content: reply.text } : {}),
    toolCalls: (reply.toolCalls ?? []).map((call) => ({ name: call.name, arguments: call.input })),
  };
}

async function openaiServer(): Promise<LoopbackServer> {
  const server = await startOpenAICompatibleServer({ respond: negotiatorOverChat });
  servers.push(server);
  return server;
}

const openaiOptions = (server: LoopbackServer): LlmAgentOptions => ({
  env: {},
  openaiApiKey: OPENAI_KEY,
  openaiBaseUrl: server.url,
});

interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number };
}

function expectOpenAIAgent(agent: LlmAgent, server: LoopbackServer, tools: string[]): void {
  const url = `${server.url}/chat/completions`;
  const calls = fetched.filter((call) => call.url === url);
  expect(calls.length).toBe(server.requests.length);
  expect(server.requests.length).toBeGreaterThan(1);
  for (const call of calls) {
    expect(call.status).toBe(200);
    expect(call.headers.get("authorization")).toBe(`Bearer ${OPENAI_KEY}`);
  }
  for (const request of server.requests) {
    expect(request.model).toBe("gpt-5-mini");
    expect(request.tools!.map((tool) => tool.function.name)).toEqual(tools);
    for (const tool of request.tools!) expect(tool.function.parameters).toMatchObject({ type: "object" });
    // One system prompt (gpt-5 models take it in the "developer" role), no Anthropic cache markers.
    const first = request.messages[0]!;
    expect(["system", "developer"]).toContain(first.role);
    expect(messageText(first)).toMatch(/^You are an agent in Haggle/);
    expect(
      request.messages.filter((m) => m.role === "system" || (m.role as string) === "developer"),
    ).toHaveLength(1);
    expect(JSON.stringify(request)).not.toMatch(/cache_control|cacheControl/);
  }
  const reported = calls.map((call) => (call.body as { usage: ChatUsage }).usage);
  const sum = (pick: (u: ChatUsage) => number) => reported.reduce((total, u) => total + pick(u), 0);
  const usage = agent.usage();
  expect(usage.calls).toBe(server.requests.length);
  expect(usage.failedCalls).toBe(0);
  expect(usage.inputTokens).toBe(sum((u) => u.prompt_tokens));
  expect(usage.inputTokens).toBeGreaterThan(0);
  expect(usage.outputTokens).toBe(sum((u) => u.completion_tokens));
  expect(usage.outputTokens).toBeGreaterThan(0);
  expect(usage.cachedInputTokens).toBe(sum((u) => u.prompt_tokens_details?.cached_tokens ?? 0));
  const price = MODEL_PRICES["gpt-5-mini"]!;
  expect(usage.costNote).toBeUndefined();
  expect(usage.costCents).toBeCloseTo(
    (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000,
    5,
  );
}

describe("llm:openai through @ai-sdk/openai, against a loopback Chat Completions API", () => {
  it("two LLM agents settle inside both limits, with typed tools and counted usage", async () => {
    const sellerServer = await openaiServer();
    const buyerServer = await openaiServer();
    const seller = createLlmAgent(OPENAI_SPEC, ctx("seller"), openaiOptions(sellerServer));
    const buyer = createLlmAgent(OPENAI_SPEC, ctx("buyer"), openaiOptions(buyerServer));
    expect(seller.modelId).toBe("gpt-5-mini");

    const result = await runNegotiation({ setup: twoLlmSetup, seller, buyer });

    expectDealInsideLimits(result, twoLlmSetup);
    expectOpenAIAgent(seller, sellerServer, SELLER_TOOLS);
    expectOpenAIAgent(buyer, buyerServer, BUYER_TOOLS);
    for (const [side, agent] of [
      ["seller", seller],
      ["buyer", buyer],
    ] as const) {
      expect(loggedTokens(result, side)).toEqual({
        input: agent.usage().inputTokens,
        output: agent.usage().outputTokens,
      });
    }
    // Tool results went back as tool messages answering the calls.
    const last = sellerServer.requests.at(-1)!;
    expect(last.messages.some((m) => m.role === "tool" && m.tool_call_id === "call_1")).toBe(true);
    expectOnlyLoopback([`${sellerServer.url}/chat/completions`, `${buyerServer.url}/chat/completions`]);
  });

  it("an LLM buyer made by createAgent settles with engine:weak", async () => {
    const server = await openaiServer();
    const buyer = (await createAgent(OPENAI_SPEC, ctx("buyer"), { llm: openaiOptions(server) })) as LlmAgent;
    const seller = await createAgent("engine:weak", ctx("seller"));

    const result = await runNegotiation({ setup: vsEngineSetup, seller, buyer });

    expectDealInsideLimits(result, vsEngineSetup);
    expectOpenAIAgent(buyer, server, BUYER_TOOLS);
    expectOnlyLoopback([`${server.url}/chat/completions`]);
  });
});
