import type { Deal } from "../../domain/deal.ts";
import type { Listing, WantAd } from "../../domain/listing.ts";
import type { Mandate } from "../../domain/mandate.ts";
import type { MarketState } from "../../engine/state.ts";
import { forbidden, notFound } from "../errors.ts";
import { type PersonRef, personRef } from "./person-ref.ts";
import { summariseThread, type ThreadSummary } from "./thread-summary.ts";
import { checkViewer, type Viewer, viewerMaySee } from "./viewer.ts";

/** A deal of the page's participant, from their side. */
export interface ParticipantDeal {
  id: string;
  threadId: string;
  listingId: string;
  item: string;
  role: "seller" | "buyer";
  counterpart: PersonRef;
  price: number;
  status: Deal["status"];
  acceptedAt: number;
  confirmedAt?: number;
  /** Which sides have marked the hand-over done. */
  handOver: { seller: boolean; buyer: boolean };
}

/**
 * One participant's page. Only for themself and the operator; `mandate` and `available` (which
 * reveal their reserves, max prices and budget) only for themself.
 */
export interface ParticipantPage {
  id: string;
  name: string;
  /** Settled spending as a buyer, cents. */
  spent: number;
  /** Settled income as a seller, cents. */
  earned: number;
  /** Budget held by accepted deals awaiting confirmation, cents. */
  held: number;
  /** Budget left to commit (budget - spent - held): only on one's own page. */
  available?: number;
  /** What they delegated, secrets included: only on one's own page. */
  mandate?: Mandate;
  listings: Listing[];
  wantAds: WantAd[];
  threads: ThreadSummary[];
  deals: ParticipantDeal[];
}

/**
 * The page of participant `id` as `viewer` sees it: the operator sees anyone's page without its
 * mandate; a participant sees only their own, with their mandate.
 *
 * @throws AppError "participant/not-found" (not-found) for an unknown id;
 *   "participant/forbidden" (forbidden) when a participant asks for someone else's page.
 */
export function participantPage(state: MarketState, viewer: Viewer, id: string): ParticipantPage {
  checkViewer(state, viewer);
  const self = state.participants.get(id);
  if (!self) throw notFound("participant/not-found", `No participant "${id}" in this market.`);
  if (!viewerMaySee(viewer, { kind: "participants", ids: [id] })) {
    throw forbidden("participant/forbidden", "Only the participant themself and the operator see this page.");
  }
  const own = viewer !== "operator" && viewer.participant === id;
  const { participant } = self;
  const threads = self.threadIds.map((threadId) => state.threads.get(threadId)!);
  const deals: ParticipantDeal[] = [];
  for (const thread of threads) {
    const deal = thread.dealId ? state.deals.get(thread.dealId) : undefined;
    if (!deal) continue;
    const role = deal.seller === id ? "seller" : "buyer";
    deals.push({
      id: deal.id,
      threadId: deal.threadId,
      listingId: deal.listingId,
      item: state.listings.get(deal.listingId)!.title,
      role,
      counterpart: personRef(state, role === "seller" ? deal.buyer : deal.seller),
      price: deal.price,
      status: deal.status,
      acceptedAt: deal.acceptedAt,
      ...(deal.confirmedAt !== undefined ? { confirmedAt: deal.confirmedAt } : {}),
      handOver: {
        seller: deal.handedOverBy.includes(deal.seller),
        buyer: deal.handedOverBy.includes(deal.buyer),
      },
    });
  }
  return {
    id: participant.id,
    name: participant.name,
    spent: self.spent,
    earned: self.earned,
    held: self.held,
    ...(own
      ? { available: participant.mandate.budget - self.spent - self.held, mandate: participant.mandate }
      : {}),
    listings: self.listingIds.map((listingId) => state.listings.get(listingId)!),
    wantAds: self.wantAdIds.map((adId) => state.wantAds.get(adId)!),
    threads: threads.map((thread) => summariseThread(state, thread)),
    deals,
  };
}
