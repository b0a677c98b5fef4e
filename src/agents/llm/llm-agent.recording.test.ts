import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { participantSchema } from "../../domain/mandate.ts";
import { person } from "../../engine/testing/fixtures.ts";
import { MemorySink } from "../../runner/event-sink.ts";
import { simulateMarket } from "../../runner/simulate-market.ts";
import { createEngineAgent } from "../builtin/engine-agent.ts";
import { runNegotiation } from "../builtin/run-negotiation.ts";
import { createAgent } from "../registry.ts";
import { LlmBudget } from "./budget.ts";
import { createLlmAgent } from "./llm-agent.ts";
import { LlmRecorder } from "./recorder.ts";
import { ctx, llm, setup } from "./testing/agent-fixtures.ts";
import { scriptedModel } from "./testing/scripted-model.ts";
import { negotiatorScript } from "./testing/scripted-negotiator.ts";

describe("LLM agent: recording, budget, markets", () => {
  it("replays recorded exchanges deterministically, without calling the model", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haggle-llm-"));
    const path = join(dir, "llm-cache.jsonl");
    const first = await runNegotiation({
      setup,
      seller: llm(negotiatorScript(), "seller", { recordPath: path }).agent,
      buyer: llm(negotiatorScript({ concession: 0.3 }), "buyer", { recordPath: path }).agent,
    });
    const lines = readFileSync(path, "utf8").trim().split("\n");
    const usage = first.events.filter((e) => e.type === "usage-recorded").length;
    expect(lines.length).toBe(usage);

    const silent = () =>
      new MockLanguageModelV3({
        provider: "scripted",
        modelId: "scripted",
        doGenerate: async () => {
          throw new Error("the model must not be called on replay");
        },
      });
    const replayed = await runNegotiation({
      setup,
      seller: createLlmAgent("llm:test:seller", ctx("seller"), {
        model: silent(),
        recordPath: path,
        recordingMode: "replay",
      }),
      buyer: createLlmAgent("llm:test:buyer", ctx("buyer"), {
        model: silent(),
        recordPath: path,
        recordingMode: "replay",
      }),
    });
    expect(JSON.stringify(replayed.events)).toBe(JSON.stringify(first.events));

    // "record" mode replays what is there and would call the model only past the end of the recording.
    const resumed = llm(negotiatorScript(), "seller", { recordPath: path });
    const again = await runNegotiation({
      setup,
      seller: resumed.agent,
      buyer: createLlmAgent("llm:test:buyer", ctx("buyer"), { model: silent(), recordPath: path }),
    });
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(first.events));
    expect(resumed.model.doGenerateCalls.length).toBe(0);
    expect(resumed.agent.usage().replayedCalls).toBeGreaterThan(0);
  });

  it("stops every agent once the run's shared budget is spent, and says why", async () => {
    const budget = new LlmBudget({ maxCalls: 3 });
    const stops: string[] = [];
    const options = { budget, log: (message: string) => stops.push(message) };
    const seller = llm(negotiatorScript(), "seller", options);
    const buyer = llm(negotiatorScript(), "buyer", options);
    const result = await runNegotiation({ setup, seller: seller.agent, buyer: buyer.agent });
    expect(seller.model.doGenerateCalls.length + buyer.model.doGenerateCalls.length).toBe(3);
    expect(budget.exhausted).toBe(true);
    expect(budget.message).toMatch(/model budget is spent: 3 of 3 calls/);
    expect(stops.some((line) => /budget is spent/.test(line))).toBe(true);
    expect(seller.agent.usage().stopped ?? buyer.agent.usage().stopped).toMatch(/budget is spent/);
    expect(result.agreed).toBe(false);
  });

  it("costs calls by the price table and attributes them to threads", async () => {
    const model = scriptedModel(negotiatorScript(), {
      modelId: "claude-haiku-4-5",
      provider: "anthropic.messages",
    });
    const seller = createLlmAgent("llm:anthropic:claude-haiku-4-5", ctx("seller"), { model });
    await runNegotiation({ setup, seller, buyer: createEngineAgent("conceder", ctx("buyer")) });
    const usage = seller.usage();
    expect(usage.costNote).toBeUndefined();
    const uncached = usage.inputTokens - usage.cachedInputTokens;
    const expected = (uncached * 100 + usage.cachedInputTokens * 10 + usage.outputTokens * 500) / 1_000_000;
    expect(usage.costCents).toBeCloseTo(expected, 3);
    expect(usage.byThread.T1!.costCents).toBeGreaterThan(0);
  });

  it("plays a small mixed market with built-in agents through simulateMarket, and re-derives it from the recording", async () => {
    const participants = [
      person("sam", { items: [{ id: "bike", title: "Road bike", asking: 6000, reserve: 5000 }] }),
      person("tia", { items: [{ id: "tent", title: "Camping tent", asking: 3000, reserve: 2000 }] }),
      person("bea", {
        wants: [{ id: "w", description: "a bike", max: 7000, keywords: ["bike"] }],
        budget: 10_000,
      }),
      person("cal", {
        wants: [{ id: "w", description: "a tent", max: 4000, keywords: ["tent"] }],
        budget: 10_000,
      }),
    ].map((input) => participantSchema.parse(input));
    const path = join(mkdtempSync(join(tmpdir(), "haggle-llm-market-")), "llm-cache.jsonl");
    const market = async (mode: "record" | "replay") => {
      const sink = new MemorySink();
      const models = new Map<string, ReturnType<typeof scriptedModel>>();
      const recorder = LlmRecorder.open(path, mode);
      const result = await simulateMarket({
        marketId: "mixed",
        seed: 3,
        participants,
        assignment: { sam: "llm:test:a", tia: "engine:strong", bea: "engine:weak", cal: "llm:test:b" },
        createAgent: (spec, context) => {
          if (!spec.startsWith("llm:")) return createAgent(spec, context);
          const model =
            mode === "record"
              ? scriptedModel(negotiatorScript())
              : scriptedModel(() => {
                  throw new Error("the model must not be called on replay");
                });
          models.set(context.participantId, model);
          return createLlmAgent(spec, context, { model, recorder });
        },
        sink,
        startAt: Date.UTC(2026, 0, 5, 9),
        durationMs: 7 * 24 * 3600 * 1000,
      });
      return { result, sink, models };
    };
    const { result, sink, models } = await market("record");
    const deals = [...result.state.deals.values()].filter((deal) => deal.status === "confirmed");
    expect(deals.map((deal) => [deal.seller, deal.buyer])).toEqual([
      ["sam", "bea"],
      ["tia", "cal"],
    ]);
    expect(sink.events.some((e) => e.type === "usage-recorded" && e.actor === "sam")).toBe(true);
    // Wake-ups without news cost no model call.
    expect(models.get("sam")!.doGenerateCalls.length).toBeLessThan(result.wakeUps / 2);

    const again = await market("replay");
    expect(JSON.stringify(again.sink.events)).toBe(JSON.stringify(sink.events));
  });
});
