import { existsSync } from "node:fs";
import type { RemoteTurn } from "../../agents/remote-agent.ts";
import { audienceOf, canSee } from "../../engine/audience.ts";
import { emptyState } from "../../engine/create-market.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { replay } from "../../engine/replay.ts";
import type { MarketState } from "../../engine/state.ts";
import { HostError } from "../../runner/host-error.ts";
import type { SubmitResult } from "../../runner/market-host.ts";
import { endpointPath } from "../local/endpoint-path.ts";
import { call } from "../local/host-client.ts";
import type { McpMarket } from "./market-port.ts";

interface EventsPage {
  events: MarketEvent[];
  durableSeq: number;
  closed: boolean;
  turn?: RemoteTurn | null;
}

/** The market's process went away (stopped, finished, killed): said plainly, never as a socket error. */
function stoppedError(runDir: string, cause: unknown): HostError {
  return new HostError(
    "unavailable",
    "mcp/market-stopped",
    `the market of ${runDir} is not running any more: start it again with haggle resume ${runDir}`,
    { cause },
  );
}

/**
 * A market running in another process on this machine, reached through its local endpoint (a Unix
 * socket only its owner can open): what `haggle mcp --market <run folder>` serves. This process keeps a
 * replica of the market (its log, replayed as it grows) for reads; actions go to the market's one
 * writer; waits are long polls (`GET /events?wait=`). Undefined when no market runs for `runDir`.
 */
export async function endpointMarket(runDir: string): Promise<McpMarket | undefined> {
  const socket = endpointPath(runDir);
  if (!existsSync(socket)) return undefined;
  try {
    await call(socket, "GET", "/status");
  } catch {
    return undefined;
  }
  const state: MarketState = emptyState({ transcripts: "all" });
  const log: MarketEvent[] = [];
  let stopped = false;

  const request = async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal) => {
    try {
      return await call<T>(socket, method, path, body, signal);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ECONNREFUSED" || code === "ECONNRESET") {
        stopped = true;
        throw stoppedError(runDir, error);
      }
      throw error;
    }
  };
  const absorb = (page: EventsPage) => {
    for (const event of page.events) {
      if (event.seq !== state.seq + 1) continue;
      replay([event], state);
      log.push(event);
    }
    if (page.closed) stopped = true;
  };
  // One refresh at a time: each reads from where the replica stands.
  let refreshing: Promise<void> | undefined;
  const refresh = () => {
    refreshing ??= (async () => {
      try {
        for (;;) {
          if (stopped) return;
          const page = await request<EventsPage>("GET", `/events?fromSeq=${state.seq + 1}`);
          absorb(page);
          if (page.events.length === 0 || state.seq >= page.durableSeq) return;
        }
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };
  const current = async () => {
    await refresh().catch((error) => {
      // A market that stopped is read as it last stood; anything else is an error.
      if (!stopped) throw error;
    });
    return state;
  };
  await refresh();

  return {
    submit: (actor, action) => request<SubmitResult>("POST", "/submit", { actor, action }),
    state: current,
    close: async () => {},
    async now() {
      if (stopped) return state.now;
      return Math.max(state.now, (await request<{ now: number }>("GET", "/status")).now);
    },
    async eventsAfter(after, participant) {
      await current();
      const events = log
        .slice(after)
        .filter((event) => canSee(audienceOf(state, event), participant) && participant !== "operator");
      return { events, upTo: Math.max(after, state.seq), stopped };
    },
    async waitForChange(after, participant, knownTurn, timeoutMs, signal) {
      if (stopped || state.seq > after) return;
      const query = new URLSearchParams({
        fromSeq: String(after + 1),
        wait: String(Math.max(0, Math.round(timeoutMs))),
        turnOf: participant,
        turnAfter: String(knownTurn),
      });
      try {
        absorb(await request<EventsPage>("GET", `/events?${query}`, undefined, signal));
      } catch (error) {
        if (signal?.aborted || stopped) return;
        throw error;
      }
    },
    async turn(participant) {
      if (stopped) return undefined;
      const { turn } = await request<{ turn: RemoteTurn | null }>(
        "GET",
        `/turn?participant=${encodeURIComponent(participant)}`,
      );
      return turn ?? undefined;
    },
  };
}
