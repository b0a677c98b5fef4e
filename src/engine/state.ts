import type { Deal, LedgerEntry } from "../domain/deal.ts";
import type { Listing, WantAd } from "../domain/listing.ts";
import type { Participant } from "../domain/mandate.ts";
import type { Offer } from "../domain/offer.ts";
import type { Message, Thread } from "../domain/thread.ts";
import type { MarketConfig } from "./market-config.ts";
import type { MatchIndex } from "./match-index.ts";

export interface ParticipantState {
  participant: Participant;
  /** Settled spending as a buyer. */
  spent: number;
  /** Budget held by accepted deals that await confirmation. */
  held: number;
  /** Settled income as a seller. */
  earned: number;
  tokens: number;
  listingIds: string[];
  wantAdIds: string[];
  threadIds: string[];
  /** Item ids that have an active, pending or sold listing. */
  listedItems: Set<string>;
  /** Want ids that have an accepted or confirmed deal. */
  wantsTaken: Set<string>;
  /** Set once the runner suspended this participant's agent after repeated faults. */
  suspended?: boolean;
}

/**
 * The whole market. Built only by folding events with `evolve`; read by `decide` and `viewFor`.
 * One writer owns it: the runner that sequences the market's actions.
 */
export interface MarketState {
  config: MarketConfig;
  status: "setup" | "open" | "closed";
  closesAt?: number;
  seq: number;
  now: number;
  counters: { listing: number; wantAd: number; thread: number; offer: number; deal: number; message: number };
  participants: Map<string, ParticipantState>;
  listings: Map<string, Listing>;
  wantAds: Map<string, WantAd>;
  threads: Map<string, Thread>;
  /** Thread id by `${listingId}|${buyer}`: one thread per listing and buyer. */
  threadByPair: Map<string, string>;
  /** Thread ids by listing, and by `${buyer}|${wantId}`, to close the rest when one settles. */
  threadsByListing: Map<string, string[]>;
  threadsByWant: Map<string, string[]>;
  offers: Map<string, Offer>;
  deals: Map<string, Deal>;
  messages: Map<string, Message>;
  channelMessageIds: string[];
  ledger: LedgerEntry[];
  /** Fingerprints of applied actions by `${actor}|${key}`. */
  idempotency: Map<string, string>;
  index: MatchIndex;
  /**
   * Which transcripts the state holds. "all": every thread's messages and offers (what `show` and
   * the tests read). "live": a thread that ends without a deal drops them and keeps its record, its
   * counts and its status; the log keeps every word. A long market's memory then follows its open
   * negotiations and its deals, not everything ever said.
   */
  transcripts: "all" | "live";
}
