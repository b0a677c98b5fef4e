import type { Reader } from "../../app/serve/pages/negotiation-access.ts";
import { audienceOf, canSee } from "../../engine/audience.ts";
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
 * What the SSE stream tells a reader about one event: its type and the ids it touches, so the page
 * refetches what changed (through routes that check access again). Nothing else of the event goes
 * out: no text, no price, no mandate. Undefined when the reader may not know of it.
 */
export function eventNotice(
  state: MarketState,
  event: MarketEvent,
  reader: Reader,
): MarketEventMessage | undefined {
  const threadId = threadOfEvent(state, event);
  const inThread = event.type === "message-posted" ? threadId !== undefined : NEGOTIATION.has(event.type);
  const audience = audienceOf(state, event);
  const own = reader.participant !== undefined && canSee(audience, reader.participant);
  const visible =
    reader.operator || audience.kind === "public" || own || (reader.readsAllThreads && inThread);
  if (!visible) return undefined;
  const thread = threadId ? state.threads.get(threadId) : undefined;
  const dealId =
    "dealId" in event ? event.dealId : event.type === "deal-accepted" ? event.deal.id : thread?.dealId;
  const listingId =
    event.type === "listing-posted"
      ? event.listing.id
      : event.type === "listing-withdrawn"
        ? event.listingId
        : thread?.listingId;
  return {
    seq: event.seq,
    type: event.type,
    at: event.at,
    ...(listingId ? { listingId } : {}),
    ...(threadId ? { threadId } : {}),
    ...(dealId ? { dealId } : {}),
    ...(event.type === "participant-registered" ? { participantId: event.participant.id } : {}),
  };
}
