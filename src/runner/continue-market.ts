import type { Agent } from "../agents/agent.ts";
import { createRng } from "../domain/random.ts";
import type { MarketState } from "../engine/state.ts";
import { viewFor } from "../engine/view.ts";
import type { MarketClock } from "./clock.ts";
import { callHook } from "./guarded-turn.ts";
import { MarketHost } from "./market-host.ts";
import {
  agentContext,
  type SchedulerInput,
  type SimulationInput,
  type SimulationResult,
  schedulerFor,
} from "./simulate-market.ts";

export interface ContinueInput
  extends SchedulerInput,
    Pick<SimulationInput, "participants" | "assignment" | "sink" | "onHost" | "signal"> {
  /** The market as its log left it (replayed). */
  state: MarketState;
  clock: MarketClock;
}

/**
 * Goes on with a live market from its log: the state replayed from the stored events, each agent
 * made again and restored from what the market shows it (`Agent.restore`), and the wake queue
 * seeded afresh, everyone looking again within a reply's delay. Outside input (people, hand-overs,
 * late joiners) cannot be re-derived from a seed, so a live market resumes this way rather than by
 * re-running the simulation; what it does after the resume is random again, drawn from the seed and
 * the log's length.
 */
export async function continueMarket(input: ContinueInput): Promise<SimulationResult> {
  const { state } = input;
  const host = new MarketHost({
    state,
    sink: input.sink,
    clock: input.clock,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const delays = createRng(input.seed).fork(`delays@${state.seq}`);
  const agents = new Map<string, Agent>();
  for (const participant of input.participants) {
    const spec = input.assignment[participant.id];
    if (!spec) throw new Error(`no agent assigned to participant "${participant.id}"`);
    const agent = await input.createAgent(spec, agentContext(input.seed, participant.id));
    if (state.participants.has(participant.id) && agent.restore) {
      const view = viewFor(state, participant.id, { now: host.now() });
      const fault = callHook(() => agent.restore!(view));
      // An agent that cannot restore goes on with an empty memory; the log says so.
      if (fault) {
        const action = {
          type: "report-agent-fault",
          participant: participant.id,
          ...fault,
          suspended: false,
        };
        host.apply("market", action, host.now(), "market");
      }
    }
    agents.set(participant.id, agent);
  }
  const scheduler = schedulerFor(host, agents, delays, input);
  // Outside input and readers reach the market from here on; newcomers can join.
  input.onHost?.(host);
  const endAt = input.startAt + input.durationMs;
  if (state.status !== "closed") {
    // People the run recorded whom the log does not hold yet (killed between the two) join now.
    for (const participant of input.participants) {
      if (!state.participants.has(participant.id)) {
        host.apply("market", { type: "register-participant", participant }, host.now(), "market");
      }
    }
    if (state.status === "setup") {
      host.apply("market", { type: "open-market", closesAt: endAt }, host.now(), "market");
    }
    const [, replyMax] = input.replyMinutes ?? [2, 90];
    for (const participant of input.participants) {
      scheduler.schedule(participant.id, host.now() + delays.int(0, replyMax * 60_000), "start");
    }
  }
  const ended = state.status === "closed" ? "closed" : await scheduler.run();
  if (ended === "closed") await host.flush();
  return {
    state,
    events: state.seq,
    wakeUps: scheduler.wakeUps,
    refusals: host.refusals,
    host,
    ended,
  };
}
