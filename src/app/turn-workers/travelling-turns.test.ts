import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentContext } from "../../agents/agent.ts";
import { LlmBudget } from "../../agents/llm/budget.ts";
import { CallLimiter } from "../../agents/llm/call-limiter.ts";
import type { LlmAgentOptions } from "../../agents/llm/llm-agent.ts";
import { LlmRecorder, type RecordedExchange } from "../../agents/llm/recorder.ts";
import type { LlmRunContext } from "../../agents/llm/run-context.ts";
import { negotiatorChatReply } from "../../agents/llm/testing/negotiator-chat.ts";
import {
  type LoopbackServer,
  startOpenAICompatibleServer,
} from "../../agents/llm/testing/openai-compatible-server.ts";
import { createAgent } from "../../agents/registry.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { canonicalJson } from "../../engine/fingerprint.ts";
import { MemorySink } from "../../runner/event-sink.ts";
import { generatePopulation, PROJECT_DEAL_POPULATION } from "../../runner/population.ts";
import { simulateMarket } from "../../runner/simulate-market.ts";
import { inProcessTurns } from "../../runner/turn-taker.ts";
import { budgetHeldTurns } from "../budget-held-turns.ts";
import { memoryTransport } from "./testing/memory-transport.ts";
import { travellingTurns } from "./travelling-turns.ts";
import type { MakeAgent } from "./turn-job.ts";

/**
 * Turns taken on "workers" (in this process, through JSON, each on a fresh agent loaded with the
 * state the last turn left) give the log the market's own process gives, for built-in and model
 * agents, whatever order the answers come in and however often a turn is answered.
 */
const SEED = 11;
const WINDOW = 30 * 60_000;
const participants = generatePopulation({ ...PROJECT_DEAL_POPULATION, participants: 12, seed: SEED });
const SPECS = ["engine:strong", "engine:weak", "llm:openai-compatible:scripted"];
const assignment = Object.fromEntries(participants.map((p, i) => [p.id, SPECS[i % SPECS.length]!]));
let server: LoopbackServer;

beforeAll(async () => {
  // Tool-call ids from the request's content: a model that keeps no count between calls, as a real one.
  server = await startOpenAICompatibleServer({
    models: ["scripted"],
    contentIds: true,
    respond: negotiatorChatReply,
  });
});
afterAll(async () => {
  await server?.close();
});

function llmRun(recorded: RecordedExchange[] = [], maxCalls = 100_000): LlmRunContext {
  const budget = new LlmBudget({ maxCalls });
  const recorder = LlmRecorder.inMemory("record", recorded);
  const limiter = new CallLimiter(16);
  const env = { HAGGLE_OPENAI_COMPATIBLE_URL: server.url };
  return { budget, recorder, limiter, llm: { budget, recorder, limiter, env } };
}

const makeAgent: MakeAgent = (spec: string, context: AgentContext, options: { llm?: LlmAgentOptions }) =>
  createAgent(spec, context, {
    ...(options.llm ? { llm: { ...options.llm, env: { HAGGLE_OPENAI_COMPATIBLE_URL: server.url } } } : {}),
  });

function hashOf(events: readonly MarketEvent[]): string {
  const hash = createHash("sha256");
  for (const event of events) hash.update(`${canonicalJson(event)}\n`);
  return hash.digest("hex");
}

async function market(options: {
  transport?: Parameters<typeof travellingTurns>[0]["transport"];
  run?: LlmRunContext;
}) {
  const run = options.run ?? llmRun();
  const sink = new MemorySink();
  const result = await simulateMarket({
    marketId: "travel",
    seed: SEED,
    participants,
    assignment,
    createAgent: (spec, context) => createAgent(spec, context, { llm: run.llm }),
    sink,
    startAt: Date.UTC(2026, 0, 5, 9),
    durationMs: 2 * 24 * 3600 * 1000,
    turnWindowMs: WINDOW,
    // As run-market.ts takes them: each window on the budget as it found it.
    turns: () =>
      budgetHeldTurns(
        options.transport
          ? travellingTurns({ transport: options.transport, runId: "travel", seed: SEED, llmRun: run })
          : inProcessTurns,
        run.budget,
      ),
  });
  return { result, events: sink.events, hash: hashOf(sink.events), run };
}

let reference: Awaited<ReturnType<typeof market>>;

describe("travelling turns", () => {
  it("give the log of turns taken in the market's process", async () => {
    reference = await market({});
    const deals = [...reference.result.state.deals.values()].filter((deal) => deal.status === "confirmed");
    // A market where people trade and model agents act, or the comparison proves little.
    expect(deals.length).toBeGreaterThan(3);
    expect(reference.events.some((event) => event.type === "usage-recorded")).toBe(true);
    const transport = memoryTransport({ makeAgent });
    const travelled = await market({ transport });
    expect(transport.jobs).toBeGreaterThan(100);
    expect(travelled.hash).toBe(reference.hash);
    expect(travelled.run.budget.used).toEqual(reference.run.budget.used);
    expect(travelled.run.recorder.exchanges().length).toBe(reference.run.recorder.exchanges().length);
  }, 120_000);

  it("replay a run's recorded model exchanges on the workers without calling the model", async () => {
    const first = await market({ transport: memoryTransport({ makeAgent }) });
    const before = server.requests.length;
    const again = await market({
      transport: memoryTransport({ makeAgent }),
      run: llmRun(first.run.recorder.exchanges()),
    });
    expect(server.requests.length).toBe(before);
    expect(again.hash).toBe(reference.hash);
  }, 120_000);

  it("run out of a model budget where the market's own process does, mid-window", async () => {
    const full = reference ?? (await market({}));
    const maxCalls = Math.round(full.run.budget.used.calls / 2);
    const here = await market({ run: llmRun([], maxCalls) });
    expect(here.run.budget.exhausted).toBe(true);
    // Answers in a shuffled order and some twice: the budget must not depend on which came first.
    const transport = memoryTransport({
      makeAgent,
      attempts: (job) => 1 + (job % 2),
      delayMs: (job) => (job * 7) % 5,
    });
    const travelled = await market({ transport, run: llmRun([], maxCalls) });
    expect(travelled.hash).toBe(here.hash);
    expect(travelled.run.budget.used).toEqual(here.run.budget.used);
  }, 120_000);

  it("settle no deal twice and overspend no budget, in any interleaving of answers and duplicates", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 })), {
          minLength: 1,
          maxLength: 16,
        }),
        async (plan) => {
          const transport = memoryTransport({
            makeAgent,
            attempts: (job) => plan[job % plan.length]![0],
            delayMs: (job, attempt) => (plan[(job + attempt) % plan.length]![1] * (attempt + 1)) % 5,
          });
          const { events, hash, result } = await market({ transport });
          const settled = new Map<string, number>();
          for (const event of events) {
            if (event.type !== "deal-confirmed") continue;
            settled.set(event.dealId, (settled.get(event.dealId) ?? 0) + 1);
          }
          expect([...settled.values()].every((count) => count === 1)).toBe(true);
          const sold = new Map<string, number>();
          for (const deal of result.state.deals.values()) {
            if (deal.status !== "confirmed") continue;
            sold.set(deal.listingId, (sold.get(deal.listingId) ?? 0) + 1);
          }
          expect([...sold.values()].every((count) => count === 1)).toBe(true);
          for (const participant of result.state.participants.values()) {
            expect(participant.spent + participant.held).toBeLessThanOrEqual(
              participant.participant.mandate.budget,
            );
          }
          expect(hash).toBe(reference.hash);
        },
      ),
      { numRuns: 4, seed: Number(process.env.FC_SEED ?? 19) },
    );
  }, 300_000);
});
