import { describe, expect, it } from "vitest";
import type { Agent } from "../agents/agent.ts";
import { createAgent } from "../agents/registry.ts";
import { MemorySink } from "./event-sink.ts";
import { generatePopulation, PROJECT_DEAL_POPULATION } from "./population.ts";
import { simulateMarket } from "./simulate-market.ts";

const DAY = 24 * 3600 * 1000;

/**
 * A built-in agent that answers after a real delay drawn from Math.random, as a model would: the
 * order in which answers arrive changes from run to run.
 */
function slowAgent(inner: Agent, tracker: { live: number; peak: number }, maxDelayMs: number): Agent {
  return {
    spec: inner.spec,
    async decide(view) {
      tracker.live++;
      tracker.peak = Math.max(tracker.peak, tracker.live);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * maxDelayMs));
      tracker.live--;
      return inner.decide(view);
    },
    onRefused: (refusal) => inner.onRefused?.(refusal),
  };
}

async function market(options: { turnWindowMs: number; slow: boolean; participants?: number }) {
  const participants = generatePopulation({
    ...PROJECT_DEAL_POPULATION,
    participants: options.participants ?? 16,
    seed: 9,
  });
  const tracker = { live: 0, peak: 0 };
  const sink = new MemorySink();
  const result = await simulateMarket({
    marketId: "window",
    seed: 9,
    participants,
    assignment: Object.fromEntries(
      participants.map((p, i) => [p.id, i % 2 ? "engine:strong" : "engine:weak"]),
    ),
    createAgent: async (spec, context) => {
      const agent = await createAgent(spec, context);
      return options.slow ? slowAgent(agent, tracker, 3) : agent;
    },
    sink,
    startAt: Date.UTC(2026, 0, 5, 9),
    durationMs: 2 * DAY,
    turnWindowMs: options.turnWindowMs,
  });
  return { events: JSON.stringify(sink.events), peak: tracker.peak, result };
}

describe("turn windows", () => {
  it("with a window of 0, a slow agent's answers give the same log as instant ones", async () => {
    const instant = await market({ turnWindowMs: 0, slow: false });
    const slow = await market({ turnWindowMs: 0, slow: true });
    expect(slow.events).toBe(instant.events);
    expect(slow.peak).toBe(1);
  });

  it("decides a window's wake-ups concurrently, and gives the same log however their answers race", async () => {
    const window = 60 * 60_000;
    const first = await market({ turnWindowMs: window, slow: true });
    const second = await market({ turnWindowMs: window, slow: true });
    const instant = await market({ turnWindowMs: window, slow: false });
    expect(first.peak).toBeGreaterThan(1);
    expect(second.events).toBe(first.events);
    expect(instant.events).toBe(first.events);
    // The window changes when agents see each other's moves, so the market differs from window 0,
    // but it still trades.
    expect(first.events).not.toBe((await market({ turnWindowMs: 0, slow: false })).events);
    expect(first.result.state.counters.deal).toBeGreaterThan(0);
    expect(first.result.ended).toBe("closed");
  });
});
