import type { Reader } from "../../app/serve/pages/negotiation-access.ts";
import { type Audience, audienceOf, canSee } from "../../engine/audience.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { threadOfEvent } from "../../engine/event-thread.ts";
import type { MarketState } from "../../engine/state.ts";
import type { MarketEventMessage } from "./api-types.ts";

/** Events about a negotiation: everyone reads them where negotiations are public. */
const NEGOTIATION = new Set([
  "thread-opened",
  "offer-made",
  "offer-withdrawn",
  "deal-accepted",
  "deal-confirmed",
  "deal-cancelled",
  "thread-declined",
  "thread-expired",
]);

/**
 * What the SSE stream tells readers about one event, made once for every stream: the SSE block
 * (its type and the ids it touches, so the page refetches what changed through routes that check
 * access again; no text, no price, no mandate), and what decides who may have it.
 */
export interface EventNotice {
  seq: number;
  /** `id: <seq>`, `event: market` and the JSON data, as written to a stream. */
  block: string;
  audience: Audience;
  /** Whether the event belongs to a negotiation (readable by all where negotiations are public). */
  inThread: boolean;
  /** For a participant joining: their id, so a stream can tell whether its own reader changed. */
  joined?: string;
}

export function eventNotice(state: MarketState, event: MarketEvent, appendedAt?: number): EventNotice {
  const threadId = threadOfEvent(state, event);
  const inThread = event.type === "message-posted" ? threadId !== undefined : NEGOTIATION.has(event.type);
  const thread = threadId ? state.threads.get(threadId) : undefined;
  const dealId =
    "dealId" in event ? event.dealId : event.type === "deal-accepted" ? event.deal.id : thread?.dealId;
  const listingId =
    event.type === "listing-posted"
      ? event.listing.id
      : event.type === "listing-withdrawn"
        ? event.listingId
        : thread?.listingId;
  const joined = event.type === "participant-registered" ? event.participant.id : undefined;
  const message: MarketEventMessage = {
    seq: event.seq,
    type: event.type,
    at: event.at,
    ...(listingId ? { listingId } : {}),
    ...(threadId ? { threadId } : {}),
    ...(dealId ? { dealId } : {}),
    ...(joined ? { participantId: joined } : {}),
    ...(appendedAt ? { appendedAt } : {}),
  };
  return {
    seq: event.seq,
    block: `id: ${event.seq}\nevent: market\ndata: ${JSON.stringify(message)}\n\n`,
    audience: audienceOf(state, event),
    inThread,
    ...(joined ? { joined } : {}),
  };
}

/** Whether `reader` may know of the notice's event. */
export function noticeVisibleTo(notice: EventNotice, reader: Reader): boolean {
  return (
    reader.operator === true ||
    notice.audience.kind === "public" ||
    (reader.participant !== undefined && canSee(notice.audience, reader.participant)) ||
    (reader.readsAllThreads && notice.inThread)
  );
}
