import type { MarketState } from "../engine/state.ts";
import type { SubmitResult } from "../runner/market-host.ts";

/**
 * A way to act on one market and read it, whoever holds it: the host in this process, a host in
 * another process (reached through its local endpoint), or a host opened here on the log for one
 * command. Commands take it, so they work the same whichever it is and the log keeps one writer.
 */
export interface MarketAccess {
  /** Applies an action as `actor`; resolves once it is durable (or refused, with the engine's code). */
  submit(actor: string, action: object): Promise<SubmitResult>;
  /** The market as its log stands now. */
  state(): Promise<MarketState>;
  /** Lets go of the market (a host opened for the command closes; a running one goes on). */
  close(): Promise<void>;
}
