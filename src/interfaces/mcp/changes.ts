import type { RemoteTurn } from "../../agents/remote-agent.ts";
import { audienceOf } from "../../engine/audience.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { threadOfEvent } from "../../engine/event-thread.ts";
import { listingKeywords, wantKeywords } from "../../engine/match-index.ts";
import type { MarketState } from "../../engine/state.ts";

/**
 * Whether `event` (one `me` may see) is worth telling them: anything in their threads and deals, what
 * they did or had refused, the market opening or closing, and public posts that match their open
 * wants or their active listings. Other public posts only when asked for (`includePublic`).
 */
export function isRelevant(state: MarketState, me: string, event: MarketEvent): boolean {
  const audience = audienceOf(state, event);
  if (audience.kind === "participants") return audience.ids.includes(me);
  if (event.actor === me) return true;
  const self = state.participants.get(me);
  if (!self) return false;
  switch (event.type) {
    case "market-opened":
    case "market-closed":
      return true;
    case "listing-posted": {
      const words = new Set(listingKeywords(event.listing));
      return self.participant.mandate.wants.some(
        (want) => !self.wantsTaken.has(want.id) && wantKeywords(want).some((word) => words.has(word)),
      );
    }
    case "want-ad-posted": {
      const words = new Set(wantKeywords(event.wantAd));
      return self.listingIds.some((id) => {
        const listing = state.listings.get(id);
        return listing?.status === "active" && listingKeywords(listing).some((word) => words.has(word));
      });
    }
    case "listing-withdrawn": {
      const threads = state.threadsByListing.get(event.listingId) ?? [];
      return threads.some((id) => state.threads.get(id)?.buyer === me);
    }
    default:
      return false;
  }
}

/** The thread an event is about, if any (for resource updates). */
export const threadOf = threadOfEvent;

/** "<seq>.<turn>": where a `wait_for_changes` left off in the log and in the remote turns. */
export function parseCursor(cursor: string | undefined): { seq: number; turn: number } | undefined {
  if (cursor === undefined) return undefined;
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cursor.trim());
  if (!match) return undefined;
  return { seq: Number(match[1]), turn: Number(match[2] ?? "0") };
}

export function turnInfo(turn: RemoteTurn | undefined, now: number) {
  if (!turn) return undefined;
  return { number: turn.number, at: turn.at, deadline: turn.deadline, open: now <= turn.deadline };
}

/** An event as an agent is shown it: without another actor's idempotency key and fingerprint. */
export function shown(event: MarketEvent): MarketEvent {
  const { key: _key, fingerprint: _fingerprint, ...rest } = event;
  return rest as MarketEvent;
}
