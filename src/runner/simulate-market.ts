import type { Agent, AgentContext } from "../agents/agent.ts";
import type { Participant } from "../domain/mandate.ts";
import { createRng, hashString, type Rng } from "../domain/random.ts";
import { emptyState, genesisEvent } from "../engine/create-market.ts";
import type { Caps } from "../engine/market-config.ts";
import { replay } from "../engine/replay.ts";
import type { MarketState } from "../engine/state.ts";
import { type MarketClock, virtualClock } from "./clock.ts";
import type { EventSink } from "./event-sink.ts";
import { MarketHost } from "./market-host.ts";
import { Scheduler } from "./scheduler.ts";
import type { TurnTaker } from "./turn-taker.ts";

const HOUR = 3600 * 1000;

export interface SimulationInput {
  marketId: string;
  seed: number;
  participants: Participant[];
  /** Agent spec per participant id, e.g. "engine:strong". */
  assignment: Record<string, string>;
  createAgent: (spec: string, context: AgentContext) => Agent | Promise<Agent>;
  sink: EventSink;
  /** Market-clock start, ms since the epoch. */
  startAt: number;
  durationMs: number;
  currency?: string;
  caps?: Partial<Caps>;
  /** Market ms an accepted deal waits for its confirmation before it expires (6 h by default). */
  acceptTimeoutMs?: number;
  /** Most actions one wake-up may propose (stops a runaway agent). */
  maxActionsPerWake?: number;
  /** Hours between an idle agent's browsing visits, as [min, max]. */
  browseEveryHours?: [number, number];
  /** Minutes a counterpart takes to reply, as [min, max]. */
  replyMinutes?: [number, number];
  onProgress?: (progress: { fraction: number; events: number; deals: number }) => void;
  /** The market's clock: virtual from `startAt` by default; a wall clock keeps it in step with real time. */
  clock?: MarketClock;
  /** Given the host as soon as it exists, so outside input can reach the running market. */
  onHost?: (host: MarketHost) => void;
  /** Stops the market where it is, without closing it (a live run that will be resumed). */
  signal?: AbortSignal;
  /** Real ms an agent may take to answer a turn before it is a fault (see `Scheduler`). */
  turnTimeoutMs?: number;
  /** Faults in a row after which an agent is suspended. */
  faultsBeforeSuspension?: number;
  /** Market ms within which wake-ups decide together (see `SchedulerOptions.turnWindowMs`). */
  turnWindowMs?: number;
  /** Whether outside input (`submit`, `join`) is taken; see `MarketHostOptions.outsideInput`. */
  outsideInput?: boolean;
  /**
   * Records a newcomer durably before they are registered (so a resumed market knows their agent);
   * their agent was already made from `spec`, so the spec is valid.
   */
  onJoin?: (participant: Participant, spec: string) => Promise<void>;
  /** Wall-clock ms, read to decide when to let the event loop turn; `performance.now` by default. */
  wallClock?: () => number;
  /**
   * "live" (the default) drops the transcripts of threads that end without a deal from the state,
   * as the log keeps them; "all" keeps every one (see `MarketState.transcripts`).
   */
  transcripts?: MarketState["transcripts"];
  /**
   * Who takes the agents' turns, given the market's agents once they are made: in this process by
   * default; src/app/turn-workers sends them to worker processes.
   */
  turns?: (agents: ReadonlyMap<string, Agent>) => TurnTaker;
}

export interface SimulationResult {
  state: MarketState;
  events: number;
  wakeUps: number;
  refusals: number;
  host: MarketHost;
  /** "aborted" when the signal stopped the market before its close. */
  ended: "closed" | "aborted";
}

/**
 * Runs one market from its opening to its close, offline: boardgame.io's `Simulate` beside the
 * host's `Master`. It makes a host on a fresh log and a scheduler with every agent, and waits for
 * the close. On the virtual clock (the default) the market runs as fast as agents answer; it is
 * deterministic for a seed, so a resumed run re-derives the same log.
 */
export async function simulateMarket(input: SimulationInput): Promise<SimulationResult> {
  const rng = createRng(input.seed);
  const delays: Rng = rng.fork("delays");
  const endAt = input.startAt + input.durationMs;

  const genesis = genesisEvent(
    {
      marketId: input.marketId,
      currency: input.currency ?? "USD",
      ...(input.caps ? { caps: { ...input.caps } } : {}),
      ...(input.acceptTimeoutMs !== undefined ? { acceptTimeoutMs: input.acceptTimeoutMs } : {}),
    },
    input.startAt,
  );
  const host = new MarketHost({
    state: replay([genesis], emptyState({ transcripts: input.transcripts ?? "live" })),
    sink: input.sink,
    clock: input.clock ?? virtualClock(input.startAt),
    genesis,
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.outsideInput !== undefined ? { outsideInput: input.outsideInput } : {}),
  });

  const agents = new Map<string, Agent>();
  for (const participant of input.participants) {
    const spec = input.assignment[participant.id];
    if (!spec) throw new Error(`no agent assigned to participant "${participant.id}"`);
    agents.set(participant.id, await input.createAgent(spec, agentContext(input.seed, participant.id)));
  }
  const scheduler = schedulerFor(host, agents, delays, input);
  // Outside input and readers reach the market from here on; newcomers can join.
  input.onHost?.(host);

  for (const participant of input.participants) {
    host.apply("market", { type: "register-participant", participant }, input.startAt, "market");
  }
  host.apply("market", { type: "open-market", closesAt: endAt }, input.startAt, "market");
  for (const participant of input.participants) {
    scheduler.schedule(participant.id, input.startAt + delays.int(0, 3 * HOUR), "start");
  }
  const ended = await scheduler.run();
  return {
    state: host.state,
    events: host.state.seq,
    wakeUps: scheduler.wakeUps,
    refusals: host.refusals,
    host,
    ended,
  };
}

/** The context an agent is made with: its own seed, derived from the market's. */
export function agentContext(seed: number, participantId: string): AgentContext {
  return { participantId, seed: hashString(`${seed}:${participantId}`) };
}

/** The options of a market's run that its scheduler takes. */
export type SchedulerInput = Pick<
  SimulationInput,
  | "seed"
  | "startAt"
  | "durationMs"
  | "createAgent"
  | "maxActionsPerWake"
  | "browseEveryHours"
  | "replyMinutes"
  | "onProgress"
  | "wallClock"
  | "onJoin"
  | "turnTimeoutMs"
  | "faultsBeforeSuspension"
  | "turnWindowMs"
  | "turns"
>;

/** The scheduler of a market's in-process agents, which also admits newcomers. */
export function schedulerFor(
  host: MarketHost,
  agents: Map<string, Agent>,
  delays: Rng,
  input: SchedulerInput,
): Scheduler {
  const scheduler = new Scheduler({
    host,
    agents,
    delays,
    endAt: input.startAt + input.durationMs,
    startAt: input.startAt,
    ...(input.maxActionsPerWake !== undefined ? { maxActionsPerWake: input.maxActionsPerWake } : {}),
    ...(input.browseEveryHours ? { browseEveryHours: input.browseEveryHours } : {}),
    ...(input.replyMinutes ? { replyMinutes: input.replyMinutes } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.wallClock ? { wallClock: input.wallClock } : {}),
    ...(input.turnTimeoutMs !== undefined ? { turnTimeoutMs: input.turnTimeoutMs } : {}),
    ...(input.faultsBeforeSuspension !== undefined
      ? { faultsBeforeSuspension: input.faultsBeforeSuspension }
      : {}),
    ...(input.turnWindowMs ? { turnWindowMs: input.turnWindowMs } : {}),
    ...(input.turns ? { turns: input.turns(agents) } : {}),
  });
  host.setAdmission(async (participant, spec) => {
    // The agent is made first: a bad spec is refused before anything is recorded.
    const agent = await input.createAgent(spec, agentContext(input.seed, participant.id));
    await input.onJoin?.(participant, spec);
    return () => scheduler.addAgent(participant.id, agent);
  });
  return scheduler;
}
