import { APICallError, type LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { LlmBudget } from "./budget.ts";
import { CallLimiter, type ModelTraffic } from "./call-limiter.ts";
import { LlmBudgetExhaustedError, LlmReplayMissError, RecordedLlmError } from "./errors.ts";
import { LlmRecorder } from "./recorder.ts";
import { type CallReport, resilientModel } from "./resilient-model.ts";

const ok: LanguageModelV3GenerateResult = {
  content: [{ type: "text", text: "hello" }],
  finishReason: { unified: "stop", raw: undefined },
  usage: {
    inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 2, text: 2, reasoning: undefined },
  },
  warnings: [],
};

const params = { prompt: [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }] };

function apiError(status: number, headers: Record<string, string> = {}) {
  return new APICallError({
    message: `HTTP ${status}`,
    url: "http://x",
    requestBodyValues: {},
    statusCode: status,
    responseHeaders: headers,
    isRetryable: status === 429 || status >= 500,
  });
}

function sequence(steps: (() => Promise<LanguageModelV3GenerateResult>)[]) {
  let n = 0;
  return new MockLanguageModelV3({ doGenerate: () => steps[Math.min(n++, steps.length - 1)]!() });
}

describe("resilientModel", () => {
  it("times out a hung attempt and retries it; backs off exponentially and honours retry-after", async () => {
    const waits: number[] = [];
    const reports: CallReport[] = [];
    const hang = (options?: { abortSignal?: AbortSignal }) =>
      new Promise<LanguageModelV3GenerateResult>((_, reject) =>
        options?.abortSignal?.addEventListener("abort", () => reject(options.abortSignal!.reason)),
      );
    let n = 0;
    const inner = new MockLanguageModelV3({
      doGenerate: async (options) => {
        n++;
        if (n === 1) return hang(options);
        if (n === 2) throw apiError(503);
        if (n === 3) throw apiError(429, { "retry-after": "2" });
        return ok;
      },
    });
    const model = resilientModel(inner, {
      timeoutMs: 50,
      retry: { initialDelayMs: 100, maxDelayMs: 10_000 },
      sleep: async (ms) => {
        waits.push(ms);
      },
      onCall: (report) => reports.push(report),
    });
    const result = await model.doGenerate(params);
    expect(result.content).toEqual(ok.content);
    expect(waits).toEqual([100, 200, 2_000]);
    expect(reports).toEqual([{ usage: ok.usage, replayed: false, retries: 3, failed: false }]);
  });

  it("waits out a 429 outside the cap on calls in flight, counted as backing off and rate-limited", async () => {
    const limiter = new CallLimiter(1);
    const seen: ModelTraffic[] = [];
    let n = 0;
    const inner = new MockLanguageModelV3({
      doGenerate: async () => {
        n++;
        if (n === 1) throw apiError(429, { "retry-after-ms": "30" });
        if (n === 2) throw apiError(503);
        return ok;
      },
    });
    const model = resilientModel(inner, {
      limiter,
      retry: { initialDelayMs: 10 },
      sleep: async () => {
        seen.push(limiter.traffic());
      },
    });
    await model.doGenerate(params);
    // While each backoff runs the call holds no slot; only the 429 counts as a rate limit.
    expect(seen).toEqual([
      { inFlight: 0, waiting: 0, backingOff: 1, rateLimited: 1 },
      { inFlight: 0, waiting: 0, backingOff: 1, rateLimited: 1 },
    ]);
    expect(limiter.traffic()).toEqual({ inFlight: 0, waiting: 0, backingOff: 0, rateLimited: 1 });
  });

  it("does not retry a request the provider refuses (400, 401), and gives up after maxRetries", async () => {
    const reports: CallReport[] = [];
    const refused = resilientModel(sequence([() => Promise.reject(apiError(401))]), {
      sleep: async () => {},
      onCall: (report) => reports.push(report),
    });
    await expect(refused.doGenerate(params)).rejects.toThrow("HTTP 401");
    expect(reports.at(-1)).toMatchObject({ failed: true, retries: 0 });

    const down = resilientModel(sequence([() => Promise.reject(apiError(500))]), {
      retry: { maxRetries: 2 },
      sleep: async () => {},
      onCall: (report) => reports.push(report),
    });
    await expect(down.doGenerate(params)).rejects.toThrow("HTTP 500");
    expect(reports.at(-1)).toMatchObject({ failed: true, retries: 2 });
  });

  it("replays recorded answers and recorded failures, and refuses unrecorded requests in replay mode", async () => {
    const recorder = LlmRecorder.inMemory();
    const live = resilientModel(sequence([async () => ok, () => Promise.reject(apiError(400))]), {
      recorder,
    });
    await live.doGenerate(params);
    await expect(live.doGenerate(params)).rejects.toThrow("HTTP 400");
    expect(recorder.exchanges().map((e) => [e.n, e.error?.statusCode])).toEqual([
      [0, undefined],
      [1, 400],
    ]);

    const replay = LlmRecorder.inMemory("replay", recorder.exchanges());
    const never = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new Error("called");
      },
    });
    const replayed = resilientModel(never, { recorder: replay });
    expect((await replayed.doGenerate(params)).content).toEqual(ok.content);
    await expect(replayed.doGenerate(params)).rejects.toThrow(RecordedLlmError);
    await expect(replayed.doGenerate(params)).rejects.toThrow(LlmReplayMissError);
  });

  it("refuses to call once the shared budget is spent", async () => {
    const budget = new LlmBudget({ maxTokens: 10 });
    budget.charge({ inputTokens: 8, outputTokens: 2, costCents: 0 });
    const model = resilientModel(sequence([async () => ok]), { budget });
    await expect(model.doGenerate(params)).rejects.toThrow(LlmBudgetExhaustedError);
    expect(budget.message).toBe(
      "the run's model budget is spent: 10 of 10 tokens used; LLM agents stop acting",
    );
  });
});
