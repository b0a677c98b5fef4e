/**
 * The LLM agent benchmark, offline: a small market where every participant's agent is an LLM agent
 * driven by a deterministic scripted model (it lists, opens, counters, accepts). It measures what a
 * real model would cost: model calls, input and output tokens per deal (tokens estimated as
 * characters / 4), and the share of input tokens in the cacheable prefix (the part of each request
 * that repeats the same agent's previous request, which a provider's prompt cache serves).
 *
 * The default market has Project Deal's shape (7-9 items and 3-5 wants a person) with 20 people.
 *
 *   npm run bench:llm [-- --participants 20 --items 7-9 --wants 3-5 --seed 1 --days 7 --json]
 */
import { parseArgs } from "node:util";
import { runNegotiation } from "../src/agents/builtin/run-negotiation.ts";
import { catalogueScenarios } from "../src/agents/builtin/scenarios.ts";
import { createLlmAgent, type LlmAgent } from "../src/agents/llm/llm-agent.ts";
import {
  promptText,
  type ScriptedModel,
  scriptedModel,
  tokensOf,
} from "../src/agents/llm/testing/scripted-model.ts";
import { negotiatorScript } from "../src/agents/llm/testing/scripted-negotiator.ts";
import { MemorySink } from "../src/runner/event-sink.ts";
import { generatePopulation } from "../src/runner/population.ts";
import { simulateMarket } from "../src/runner/simulate-market.ts";

const { values } = parseArgs({
  options: {
    participants: { type: "string", default: "20" },
    items: { type: "string", default: "7-9" },
    wants: { type: "string", default: "3-5" },
    seed: { type: "string", default: "1" },
    days: { type: "string", default: "7" },
    negotiations: { type: "string", default: "60" },
    json: { type: "boolean", default: false },
  },
});
const participantsCount = Number(values.participants);
const seed = Number(values.seed);
const days = Number(values.days);
if (!Number.isInteger(participantsCount) || participantsCount < 2)
  throw new Error("--participants must be an integer of at least 2");
if (!Number.isInteger(seed)) throw new Error("--seed must be an integer");
if (!(days > 0)) throw new Error("--days must be positive");

const range = (text: string, flag: string): [number, number] => {
  const [low = Number.NaN, high = low] = text.split("-").map(Number);
  if (!Number.isInteger(low) || !Number.isInteger(high) || low < 0 || high < low) {
    throw new Error(`${flag} must be a range like 2-3`);
  }
  return [low, high];
};
const participants = generatePopulation({
  participants: participantsCount,
  itemsPerPerson: range(values.items, "--items"),
  wantsPerPerson: range(values.wants, "--wants"),
  budget: 300_00,
  seed,
  matchShare: 0.8,
});
const models = new Map<string, ScriptedModel>();
// Provider caches are shared by all requests of an account: also count the prefix a request shares
// with any earlier one (another agent's request starts with the same tools and market rules).
const firstRequests: string[] = [];
const previousRequest = new Map<string, string>();
let sharedCached = 0;
const commonPrefix = (a: string, b: string): number => {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
};
const negotiator = negotiatorScript();
const agents = new Map<string, LlmAgent>();
const sink = new MemorySink();
const started = performance.now();
const result = await simulateMarket({
  marketId: "bench-llm",
  seed,
  participants,
  assignment: Object.fromEntries(participants.map((p) => [p.id, "llm:scripted:negotiator"])),
  createAgent: (spec, context) => {
    const id = context.participantId;
    const model = scriptedModel((call) => {
      const text = promptText(call.options);
      const own = previousRequest.get(id);
      let best = own ? commonPrefix(own, text) : 0;
      for (const other of firstRequests) best = Math.max(best, commonPrefix(other, text));
      sharedCached += tokensOf(text.slice(0, best));
      if (!own) firstRequests.push(text);
      previousRequest.set(id, text);
      return negotiator(call);
    });
    const agent = createLlmAgent(spec, context, { model });
    models.set(context.participantId, model);
    agents.set(context.participantId, agent);
    return agent;
  },
  sink,
  startAt: Date.UTC(2026, 0, 5, 9),
  durationMs: days * 24 * 3600 * 1000,
});
const seconds = (performance.now() - started) / 1000;

const state = result.state;
const deals = [...state.deals.values()].filter(
  (deal) => deal.status === "confirmed" || deal.status === "handed-over",
);
const dealThreads = deals.map((deal) => state.threads.get(deal.threadId)!);
const offersPerDeal = dealThreads.map((thread) =>
  Object.values(thread.offerCount).reduce((a, b) => a + b, 0),
);
const roundsPerSide = dealThreads.map((thread) => Math.max(0, ...Object.values(thread.offerCount)));
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

let calls = 0;
let input = 0;
let cached = 0;
/** Anthropic caches nothing below a minimum prefix: 4,096 tokens for Opus 4.5 and Haiku 4.5 (1,024 for Sonnet 4.5). */
const LARGE_CACHE_MINIMUM = 4096;
let cachedAboveMinimum = 0;
let output = 0;
for (const model of models.values()) {
  for (const call of model.calls) {
    calls++;
    input += call.inputTokens;
    cached += call.cachedTokens;
    if (call.cachedTokens >= LARGE_CACHE_MINIMUM) cachedAboveMinimum += call.cachedTokens;
    output += call.outputTokens;
  }
}
// Calls attributed to the deal threads (each call's share split over the threads it was about).
let dealCalls = 0;
for (const deal of deals) {
  for (const id of [deal.seller, deal.buyer])
    dealCalls += agents.get(id)!.usage().byThread[deal.threadId]?.calls ?? 0;
}
// Every call attributed to some thread, deal or not; the rest were about no thread (listing, browsing).
let threadCalls = 0;
for (const agent of agents.values())
  for (const entry of Object.values(agent.usage().byThread)) threadCalls += entry.calls;
const n = Math.max(1, deals.length);
const summary = {
  participants: participantsCount,
  seed,
  days,
  seconds,
  deals: deals.length,
  threads: state.threads.size,
  modelCalls: calls,
  wakeUps: result.wakeUps,
  callsPerDeal: calls / n,
  dealThreadCallsPerDeal: dealCalls / n,
  /** Calls about threads that ended without a deal, per deal. */
  otherThreadCallsPerDeal: (threadCalls - dealCalls) / n,
  /** Calls about no thread (posting, browsing without opening one), per deal. */
  noThreadCallsPerDeal: (calls - threadCalls) / n,
  offersPerDeal: mean(offersPerDeal),
  roundsPerSidePerDeal: mean(roundsPerSide),
  inputTokensPerDeal: input / n,
  outputTokensPerDeal: output / n,
  cacheablePrefixShare: input ? cached / input : 0,
  cacheablePrefixShareAcrossAgents: input ? sharedCached / input : 0,
  /** The same, counting only prefixes of at least 4,096 tokens (the minimum for Opus 4.5 and Haiku 4.5). */
  cacheablePrefixShareAt4096Minimum: input ? cachedAboveMinimum / input : 0,
  guard: [...agents.values()].reduce(
    (sum, agent) => ({
      blocked: sum.blocked + agent.usage().guard.blocked,
      redacted: sum.redacted + agent.usage().guard.redacted,
    }),
    { blocked: 0, redacted: 0 },
  ),
};
// One-to-one negotiations (both sides scripted LLM agents) over catalogue items where a deal is possible:
// the harness's overhead per deal, with no other market noise.
const bilateralCount = Number(values.negotiations);
if (!Number.isInteger(bilateralCount) || bilateralCount < 0)
  throw new Error("--negotiations must be a whole number");
const bilateral = {
  negotiations: 0,
  deals: 0,
  calls: 0,
  sideCalls: 0,
  offers: 0,
  rounds: 0,
  worstSideExcess: -Infinity,
};
for (const [index, setup] of catalogueScenarios(bilateralCount, seed).entries()) {
  if (Math.min(setup.buyer.maxPrice, setup.buyer.budget ?? Infinity) < setup.item.reserve) continue;
  const sellerModel = scriptedModel(negotiatorScript());
  const buyerModel = scriptedModel(negotiatorScript());
  const run = await runNegotiation({
    setup,
    seller: createLlmAgent(
      "llm:scripted:negotiator",
      { participantId: "seller", seed: index },
      { model: sellerModel },
    ),
    buyer: createLlmAgent(
      "llm:scripted:negotiator",
      { participantId: "buyer", seed: index },
      { model: buyerModel },
    ),
  });
  bilateral.negotiations++;
  if (!run.agreed) continue;
  const sides = [sellerModel.calls.length, buyerModel.calls.length];
  bilateral.deals++;
  bilateral.calls += sides[0]! + sides[1]!;
  bilateral.sideCalls += Math.max(...sides);
  bilateral.offers += run.offers.seller + run.offers.buyer;
  bilateral.rounds += run.rounds;
  bilateral.worstSideExcess = Math.max(
    bilateral.worstSideExcess,
    sides[0]! - run.offers.seller - 2,
    sides[1]! - run.offers.buyer - 2,
  );
}
const perDeal = (value: number) => value / Math.max(1, bilateral.deals);
const oneToOne = {
  negotiations: bilateral.negotiations,
  deals: bilateral.deals,
  callsPerDeal: perDeal(bilateral.calls),
  offersPerDeal: perDeal(bilateral.offers),
  /** Rounds as run-negotiation counts them: the larger side's offers. */
  roundsPerDeal: perDeal(bilateral.rounds),
  busierSideCallsPerDeal: perDeal(bilateral.sideCalls),
};

const goals = {
  cacheablePrefixAtLeast80Percent: summary.cacheablePrefixShare >= 0.8,
  // One-to-one: each side's calls at most its own offers (its rounds) plus two, in every deal.
  oneToOneCallsPerSideAtMostRoundsPlusTwo: bilateral.deals > 0 && bilateral.worstSideExcess <= 0,
  // One-to-one: both sides' calls at most the offers made (each offer one round) plus two, on average.
  oneToOneCallsPerDealAtMostOffersPlusTwo: oneToOne.callsPerDeal <= oneToOne.offersPerDeal + 2,
  // Both sides' calls in a deal's thread, against the offers in it (each offer is one round of the negotiation).
  dealThreadCallsAtMostRoundsPlusTwo: summary.dealThreadCallsPerDeal <= summary.offersPerDeal + 2,
  // All calls in the market, listing and failed negotiations included, per deal.
  allCallsPerDealAtMostRoundsPlusTwo: summary.callsPerDeal <= summary.offersPerDeal + 2,
};

if (values.json) {
  process.stdout.write(`${JSON.stringify({ market: summary, oneToOne, goals }, null, 2)}\n`);
} else {
  const rows: [string, string][] = [
    ["deals", `${summary.deals} (of ${summary.threads} negotiations)`],
    ["model calls", `${summary.modelCalls} (${summary.wakeUps} wake-ups)`],
    ["calls per deal (all calls)", summary.callsPerDeal.toFixed(2)],
    ["calls per deal (in the deal's thread)", summary.dealThreadCallsPerDeal.toFixed(2)],
    ["calls per deal (in threads without a deal)", summary.otherThreadCallsPerDeal.toFixed(2)],
    ["calls per deal (about no thread)", summary.noThreadCallsPerDeal.toFixed(2)],
    ["offers per deal (both sides)", summary.offersPerDeal.toFixed(2)],
    ["offers per side per deal", summary.roundsPerSidePerDeal.toFixed(2)],
    ["input tokens per deal", Math.round(summary.inputTokensPerDeal).toLocaleString("en-US")],
    ["output tokens per deal", Math.round(summary.outputTokensPerDeal).toLocaleString("en-US")],
    ["input in cacheable prefix (same agent)", `${(summary.cacheablePrefixShare * 100).toFixed(1)}%`],
    [
      "input in cacheable prefix (same agent, 4,096-token minimum)",
      `${(summary.cacheablePrefixShareAt4096Minimum * 100).toFixed(1)}%`,
    ],
    [
      "input in cacheable prefix (any agent)",
      `${(summary.cacheablePrefixShareAcrossAgents * 100).toFixed(1)}%`,
    ],
    ["guard: blocked / redacted", `${summary.guard.blocked} / ${summary.guard.redacted}`],
  ];
  const one: [string, string][] = [
    ["deals", `${oneToOne.deals} (of ${oneToOne.negotiations} with a deal possible)`],
    ["calls per deal (both sides)", oneToOne.callsPerDeal.toFixed(2)],
    ["offers per deal (both sides)", oneToOne.offersPerDeal.toFixed(2)],
    ["rounds per deal (larger side's offers)", oneToOne.roundsPerDeal.toFixed(2)],
    ["calls per deal (busier side)", oneToOne.busierSideCallsPerDeal.toFixed(2)],
  ];
  rows.push(...one.map(([label, value]): [string, string] => [`1:1 ${label}`, value]));
  const width = Math.max(...rows.map(([label]) => label.length));
  const out = [
    `LLM agents, scripted model: ${participantsCount} participants, ${days} days, seed ${seed}, ${seconds.toFixed(1)}s (tokens = characters / 4)`,
    "",
    ...rows.slice(0, rows.length - one.length).map(([label, value]) => `${label.padEnd(width)}  ${value}`),
    "",
    `One-to-one negotiations (${bilateralCount} catalogue scenarios, scripted LLM agents on both sides):`,
    ...rows.slice(rows.length - one.length).map(([label, value]) => `${label.padEnd(width)}  ${value}`),
    "",
    "Goals:",
    ...Object.entries(goals).map(([name, ok]) => `  ${ok ? "ok  " : "FAIL"} ${name}`),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
}
