import { RemoteTurns } from "../agents/remote-agent.ts";
import type { MarketHost } from "../runner/market-host.ts";

const boards = new WeakMap<MarketHost, RemoteTurns>();

/** Records which board of remote turns a running market's scheduler writes (set by the run). */
export function attachRemoteTurns(host: MarketHost, turns: RemoteTurns): void {
  boards.set(host, turns);
}

/**
 * The remote turns of a market running in this process (`haggle run`, `haggle serve`), so an MCP
 * server over its host can tell an outside agent when it is its turn. Undefined for a host opened
 * for one command, which has no scheduler.
 */
export function remoteTurnsOf(host: MarketHost): RemoteTurns | undefined {
  return boards.get(host);
}

export { RemoteTurns };
