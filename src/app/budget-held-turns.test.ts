import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LlmBudget } from "../agents/llm/budget.ts";
import { createLlmAgent } from "../agents/llm/llm-agent.ts";
import { scriptedModel } from "../agents/llm/testing/scripted-model.ts";
import { negotiatorScript } from "../agents/llm/testing/scripted-negotiator.ts";
import { createRng } from "../domain/random.ts";
import { canonicalJson } from "../engine/fingerprint.ts";
import { MemorySink } from "../runner/event-sink.ts";
import { generatePopulation, PROJECT_DEAL_POPULATION } from "../runner/population.ts";
import { simulateMarket } from "../runner/simulate-market.ts";
import { inProcessTurns } from "../runner/turn-taker.ts";
import { budgetHeldTurns } from "./budget-held-turns.ts";

const SEED = 5;
const participants = generatePopulation({ ...PROJECT_DEAL_POPULATION, participants: 12, seed: SEED });
const assignment = Object.fromEntries(participants.map((p) => [p.id, "llm:scripted:negotiator"]));

/**
 * A market of model agents whose calls race: each answer comes after a delay drawn from `raceSeed`,
 * and every other first step of a turn is a malformed tool call, so that turn calls its model a second
 * time while the window's other turns end and are charged.
 */
async function market(raceSeed: number, maxCalls: number, held: boolean) {
  const budget = new LlmBudget({ maxCalls });
  const race = createRng(raceSeed);
  const sink = new MemorySink();
  let secondSteps = 0;
  await simulateMarket({
    marketId: "budget-race",
    seed: SEED,
    participants,
    assignment,
    createAgent: (spec, context) => {
      const negotiator = negotiatorScript();
      let turns = 0;
      const model = scriptedModel(async (call) => {
        await new Promise((resolve) => setTimeout(resolve, race.int(0, 15)));
        const firstStep = call.prompt.at(-1)?.role === "user";
        if (firstStep && turns++ % 2 === 0)
          return { toolCalls: [{ name: "make_offer", input: "{not json" }] };
        if (!firstStep) secondSteps++;
        return negotiator(call);
      });
      return createLlmAgent(spec, context, { model, budget });
    },
    sink,
    startAt: Date.UTC(2026, 0, 5, 9),
    durationMs: 24 * 3600 * 1000,
    turnWindowMs: 30 * 60_000,
    ...(held ? { turns: () => budgetHeldTurns(inProcessTurns, budget) } : {}),
  });
  const hash = createHash("sha256");
  for (const event of sink.events) hash.update(`${canonicalJson(event)}\n`);
  return { hash: hash.digest("hex"), calls: budget.used.calls, exhausted: budget.exhausted, secondSteps };
}

describe("budgetHeldTurns", () => {
  it("a budget that runs out mid-window gives one log however the window's model calls race", async () => {
    const unlimited = await market(1, 100_000, true);
    const maxCalls = Math.round(unlimited.calls / 2);
    const first = await market(1, maxCalls, true);
    const second = await market(2, maxCalls, true);
    const third = await market(3, maxCalls, true);
    // The budget ran out, in a market where turns took second steps (the calls that could race it).
    expect(first.exhausted).toBe(true);
    expect(first.secondSteps).toBeGreaterThan(0);
    expect(second.hash).toBe(first.hash);
    expect(third.hash).toBe(first.hash);
    // A window may spend past the limit by what its turns call, and no further.
    expect(first.calls).toBeGreaterThanOrEqual(maxCalls);
    expect(first.calls).toBeLessThan(maxCalls + 2 * participants.length);
  }, 60_000);
});
