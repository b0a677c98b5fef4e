/**
 * The market half of bench:scale: a market of model agents whose scripted model answers after a fixed
 * delay, half of them strong negotiators and half weak, so a run tells how long it took, how often it
 * waited for the model, and who won.
 */
import { createHash } from "node:crypto";
import { CallLimiter } from "../src/agents/llm/call-limiter.ts";
import { createLlmAgent } from "../src/agents/llm/llm-agent.ts";
import { scriptedModel } from "../src/agents/llm/testing/scripted-model.ts";
import { type NegotiatorStyle, negotiatorScript } from "../src/agents/llm/testing/scripted-negotiator.ts";
import { armRecords } from "../src/analysis/deal-record.ts";
import { type TierContrast, tierEffects } from "../src/analysis/tier-effects.ts";
import { canonicalJson } from "../src/engine/fingerprint.ts";
import { MemorySink } from "../src/runner/event-sink.ts";
import { generatePopulation, PROJECT_DEAL_POPULATION } from "../src/runner/population.ts";
import { simulateMarket } from "../src/runner/simulate-market.ts";
import { inProcessTurns } from "../src/runner/turn-taker.ts";

// Two tiers of model, so the market part shows whether concurrency changes who wins: the strong
// negotiator opens further from the asking price, concedes less of the gap each round and goes less
// far past its target than the weak one. Every other participant is strong, the rest weak.
const STRONG = "llm:scripted:strong";
const WEAK = "llm:scripted:weak";
const STYLES: Record<string, NegotiatorStyle> = {
  [STRONG]: { buyerOpening: 0.6, sellerOpening: 1, concession: 0.25, slack: 0.1 },
  [WEAK]: { buyerOpening: 0.9, sellerOpening: 0.9, concession: 0.7, slack: 0.3 },
};

/** Strong minus weak, as a seller (% more for the same asking price) and as a buyer (% less paid). */
export interface TierGap {
  side: "seller" | "buyer";
  /** Percent, with its 95% interval; absent when there were too few deals to tell. */
  percent?: number;
  low?: number;
  high?: number;
  deals: number;
}

function strongMinusWeak(contrasts: readonly TierContrast[]): TierGap[] {
  return (["seller", "buyer"] as const).map((side) => {
    const contrast = contrasts.find((candidate) => candidate.side === side && candidate.tier === STRONG);
    if (!contrast || contrast.tooFew) return { side, deals: contrast?.deals ?? 0 };
    const { estimate, low, high } = contrast.percent;
    return {
      side,
      percent: 100 * estimate,
      ...(low !== undefined && high !== undefined ? { low: 100 * low, high: 100 * high } : {}),
      deals: contrast.deals,
    };
  });
}

export interface MarketRow {
  setting: string;
  turnWindowMs: number;
  concurrency: number;
  seconds: number;
  modelCalls: number;
  peakInFlight: number;
  /** Stretches of time with a model call in flight, and their total length: the run's time waiting. */
  modelRounds: number;
  /**
   * The fewest waits for the model the run could make: each turn window (each turn, one at a time)
   * waits once for every `concurrency` calls it makes, as its calls go out together.
   */
  modelWaits: number;
  waitingSeconds: number;
  deals: number;
  dealsPerPerson: number;
  events: number;
  logHash: string;
  strongMinusWeak: TierGap[];
}

export interface MarketRunOptions {
  participants: number;
  days: number;
  /** How long the scripted model takes to answer. */
  delayMs: number;
  seed: number;
  /** A progress line on stderr while it runs. */
  progress: boolean;
}

/**
 * One market of the market part, run with a turn window (0: one turn at a time) and a cap on model
 * calls in flight: its time, its calls and waits for the model, its outcome and its log's hash.
 */
export function marketRunner(options: MarketRunOptions) {
  const participants = generatePopulation({
    ...PROJECT_DEAL_POPULATION,
    participants: options.participants,
    seed: options.seed,
  });
  const assignment = Object.fromEntries(
    participants.map((p, index) => [p.id, index % 2 === 0 ? STRONG : WEAK]),
  );
  return async function run(setting: string, turnWindowMs: number, cap: number): Promise<MarketRow> {
    const limiter = new CallLimiter(cap);
    let calls = 0;
    let inFlight = 0;
    let peak = 0;
    let rounds = 0;
    let roundStart = 0;
    let waitingMs = 0;
    let waits = 0;
    const sink = new MemorySink();
    const started = performance.now();
    const result = await simulateMarket({
      marketId: "bench-scale",
      seed: options.seed,
      participants,
      assignment,
      createAgent: (spec, context) => {
        const negotiator = negotiatorScript(STYLES[spec]);
        const model = scriptedModel(async (call) => {
          calls++;
          if (inFlight++ === 0) {
            rounds++;
            roundStart = performance.now();
          }
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          if (--inFlight === 0) waitingMs += performance.now() - roundStart;
          return negotiator(call);
        });
        return createLlmAgent(spec, context, { model, limiter });
      },
      sink,
      startAt: Date.UTC(2026, 0, 5, 9),
      durationMs: options.days * 24 * 3600 * 1000,
      turnWindowMs,
      // Counts each window's model calls, to tell how many waits for the model the window needs at least.
      turns: () => ({
        async take(turns, timeoutMs) {
          const before = calls;
          const answers = await inProcessTurns.take(turns, timeoutMs);
          if (calls > before) waits += Math.ceil((calls - before) / cap);
          return answers;
        },
      }),
      onProgress: (progress) => {
        if (options.progress)
          process.stderr.write(`\r${setting}: ${Math.round(progress.fraction * 100)}%  calls ${calls}   `);
      },
    });
    if (options.progress) process.stderr.write("\n");
    const hash = createHash("sha256");
    for (const event of sink.events) hash.update(`${canonicalJson(event)}\n`);
    const deals = [...result.state.deals.values()].filter((deal) => deal.status !== "cancelled").length;
    // The reference tier is the weak one, so each contrast is strong minus weak.
    const effects = tierEffects(armRecords(result.state, setting, assignment).deals, {
      reference: WEAK,
      seed: options.seed,
    });
    return {
      setting,
      turnWindowMs,
      concurrency: cap,
      seconds: (performance.now() - started) / 1000,
      modelCalls: calls,
      peakInFlight: peak,
      modelRounds: rounds,
      modelWaits: waits,
      waitingSeconds: waitingMs / 1000,
      deals,
      dealsPerPerson: (2 * deals) / options.participants,
      events: sink.events.length,
      logHash: hash.digest("hex").slice(0, 16),
      strongMinusWeak: strongMinusWeak(effects.contrasts),
    };
  };
}

/** Whether the window changed the market's outcome: deals per person and who wins, side by side. */
export function outcomeLine(sequential: MarketRow, windowed: MarketRow): string {
  const change = (100 * (windowed.dealsPerPerson - sequential.dealsPerPerson)) / sequential.dealsPerPerson;
  const inside = (gap: TierGap, other: TierGap) =>
    gap.percent !== undefined &&
    other.low !== undefined &&
    gap.percent >= other.low &&
    gap.percent <= other.high!;
  const sides = sequential.strongMinusWeak.map((gap, index) => {
    const other = windowed.strongMinusWeak[index]!;
    const overlap =
      inside(gap, other) && inside(other, gap) ? "each inside the other's 95% interval" : "apart";
    return `as ${gap.side} ${gapText(other)} against ${gapText(gap)} (${overlap})`;
  });
  return (
    `outcome, ${windowed.setting} against ${sequential.setting}: ${windowed.dealsPerPerson.toFixed(2)} deals a person against ` +
    `${sequential.dealsPerPerson.toFixed(2)} (${change >= 0 ? "+" : ""}${change.toFixed(1)}%); strong minus weak ${sides.join(", ")}`
  );
}

export const gapText = (gap: TierGap): string =>
  gap.percent === undefined
    ? `too few deals (${gap.deals})`
    : `${gap.percent >= 0 ? "+" : ""}${gap.percent.toFixed(1)}%` +
      (gap.low !== undefined ? ` [${gap.low.toFixed(1)}, ${gap.high!.toFixed(1)}]` : "");
