import type { Move } from "./language/move.ts";

/** What the agent needs from the language part: one sentence per move. */
export interface Phraser {
  say(move: Move): string;
  /** A negotiation ended without a deal: what was remembered about it (keyed as in `say`) may go. */
  forget?(counterpartName: string, itemTitle: string): void;
  /**
   * What it remembers of each negotiation (so a travelling agent's words go on as they would have),
   * as data `encodePlain` can keep; `load` puts it back. Optional: a phraser without them starts afresh.
   */
  state?(): unknown;
  load?(state: unknown): void;
  /** Strategy hints read from the persona (see language/persona-style.ts). */
  hints: { closeFast: boolean; lowballOpen: boolean; patient: boolean };
}

/** What the agent needs from the understanding part, about one message from the other side. */
export interface Reading {
  /** A price they proposed or named in words. */
  price?: number;
  /** A floor (seller) or ceiling (buyer) they claimed. */
  bound?: number;
  /** They sounded in a hurry. */
  urgent: boolean;
  /** They asked something. */
  isQuestion: boolean;
  /** They said no / walked away in words. */
  refused: boolean;
  /** They said yes to our price in words. */
  agreed: boolean;
}

export interface Words {
  phraser(options: { persona: string; instructions: string; seed: number }): Phraser;
  read(text: string, context: { lastPrice?: number; counterpartLastPrice?: number }): Reading;
}
