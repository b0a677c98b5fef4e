import type { z } from "zod";
import { type ActionType, actionSchema } from "../../engine/action.ts";

const CENTS = "integer cents (1250 is $12.50)";

/**
 * The typed actions a participant may take, as tools: each one's input schema is the engine's own zod
 * schema for the action (src/engine/action.ts) without `type`, `actor` (always the token's
 * participant) and `idempotencyKey`, and strict, so an unknown field (an `actor`, say) is a schema
 * error. System actions (register, open, close, fault, usage) are the market's own and not offered.
 */
export const ACTION_TOOLS: { name: string; type: ActionType; title: string; description: string }[] = [
  {
    name: "post_listing",
    type: "post-listing",
    title: "Post a listing",
    description: `Offer one of my mandate's items for sale in the channel (itemId from my_view's mandate.items). askingPrice in ${CENTS}, by default the mandate's; the engine refuses one below my reserve.`,
  },
  {
    name: "withdraw_listing",
    type: "withdraw-listing",
    title: "Withdraw a listing",
    description: "Take one of my active listings off the market.",
  },
  {
    name: "post_want_ad",
    type: "post-want-ad",
    title: "Post a want ad",
    description:
      "Tell the channel I am looking for one of my mandate's wants (wantId from my_view's mandate.wants). Never states my max price.",
  },
  {
    name: "send_message",
    type: "send-message",
    title: "Send a message",
    description:
      'Say something in one of my threads (where: the thread id) or in the public channel (where: "channel"). Words never bind: only offers and accepts do.',
  },
  {
    name: "open_thread",
    type: "open-thread",
    title: "Open a negotiation",
    description:
      "Start a negotiation about a listing: as a buyer, name the listing and my wantId; as a seller answering a want ad, name my listingId and the wantAdId.",
  },
  {
    name: "make_offer",
    type: "make-offer",
    title: "Make an offer",
    description: `Offer a price (${CENTS}) in a thread (threadId), or as a buyer's first offer with listingId and wantId (opens the thread). A seller may not offer below their reserve; a buyer not above the max price or the budget left. expiresAt is market-clock ms.`,
  },
  {
    name: "withdraw_offer",
    type: "withdraw-offer",
    title: "Withdraw an offer",
    description: "Withdraw one of my open offers.",
  },
  {
    name: "accept_offer",
    type: "accept-offer",
    title: "Accept an offer",
    description:
      "Accept an offer made to me, naming its id and the version I read (read_thread shows both); an offer that changed since is refused (offer/stale-version). The offer's maker then confirms the deal.",
  },
  {
    name: "confirm_deal",
    type: "confirm-deal",
    title: "Confirm a deal",
    description:
      "Confirm a deal the other side accepted on my offer (its deal id D3, or its thread's id T12): the sale settles. Both people then hand the item over.",
  },
  {
    name: "decline_thread",
    type: "decline-thread",
    title: "Decline a negotiation",
    description: "End a negotiation without a deal.",
  },
  {
    name: "mark_handed_over",
    type: "mark-handed-over",
    title: "Mark a hand-over done",
    description:
      "Mark my side of a confirmed deal's hand-over done (its deal id D3, or the id T12 of the thread that made it); when both sides have, the deal is complete.",
  },
];

const PLUMBING = { type: true, actor: true, idempotencyKey: true } as const;

/** The engine's schema of one action type, as a tool's input: without its plumbing, strict. */
export function inputSchemaOf(type: ActionType): z.ZodObject<z.ZodRawShape> {
  const schema = actionSchema.options.find((option) => option.shape.type.value === type);
  if (!schema) throw new Error(`no action "${type}" in the engine's schema`);
  return (schema as unknown as z.ZodObject<z.ZodRawShape>).omit(PLUMBING).strict();
}
