import type { RemoteTurn, RemoteTurns } from "../../agents/remote-agent.ts";
import type { MarketAccess } from "../../app/market-access.ts";
import { hostAccess } from "../../app/open-run-host.ts";
import { remoteTurnsOf } from "../../app/remote-turns.ts";
import type { MarketEvent } from "../../engine/event.ts";
import type { MarketHost } from "../../runner/market-host.ts";

/** What an MCP server acting for one participant needs of a market, wherever its host runs. */
export interface McpMarket extends MarketAccess {
  /** Market time now (market-clock ms). */
  now(): Promise<number>;
  /**
   * The durable events after seq `after` that `participant` may see (the engine's `audienceOf`), up to
   * `upTo`, the last durable seq read (pass it as the next `after`). `stopped`: the host has stopped,
   * so no more will come.
   */
  eventsAfter(
    after: number,
    participant: string,
  ): Promise<{ events: MarketEvent[]; upTo: number; stopped: boolean }>;
  /**
   * Resolves when an event after seq `after` is durable, when `participant` is given a remote turn
   * after turn `knownTurn`, after `timeoutMs`, when `signal` aborts or when the host stops.
   */
  waitForChange(
    after: number,
    participant: string,
    knownTurn: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<void>;
  /** The latest turn the scheduler gave `participant` if an outside agent plays them ("remote"). */
  turn(participant: string): Promise<RemoteTurn | undefined>;
}

/**
 * A market whose host runs in this process (`haggle serve`, a test): reads and waits go straight to
 * the host (`events` with the participant as viewer), actions through `submit`, and remote turns come
 * from the run's board (`remoteTurnsOf`), unless `turns` names another.
 */
export function hostMarket(
  host: MarketHost,
  turns: RemoteTurns | undefined = remoteTurnsOf(host),
): McpMarket {
  return {
    ...hostAccess(host),
    now: async () => host.now(),
    async eventsAfter(after, participant) {
      const upTo = host.durableSeq;
      const events: MarketEvent[] = [];
      if (upTo > after) {
        // Aborted from the start: the feed yields what is durable, then ends instead of waiting.
        for await (const event of host.events({
          fromSeq: after + 1,
          viewer: participant,
          signal: AbortSignal.abort(),
        })) {
          if (event.seq > upTo) break;
          events.push(event);
        }
      }
      return { events, upTo: Math.max(after, upTo), stopped: host.closed || host.signal.aborted };
    },
    async waitForChange(after, participant, knownTurn, timeoutMs, signal) {
      if (host.durableSeq > after || host.closed) return;
      if ((turns?.latest(participant)?.number ?? 0) > knownTurn) return;
      const controller = new AbortController();
      const stop = () => controller.abort();
      const timer = setTimeout(stop, Math.max(0, timeoutMs));
      signal?.addEventListener("abort", stop, { once: true });
      const off = turns?.onTurn((turn) => {
        if (turn.participant === participant) stop();
      });
      try {
        // The operator's feed: any durable event ends the wait (the caller filters what it may see).
        for await (const _event of host.events({ fromSeq: after + 1, signal: controller.signal })) break;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", stop);
        off?.();
      }
    },
    turn: async (participant) => turns?.latest(participant),
  };
}
