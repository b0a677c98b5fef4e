import type { AgentAction } from "../../engine/action.ts";
import type { AgentView } from "../../engine/view.ts";
import type { ToolName } from "./tools.ts";

const toolOf: Record<string, ToolName> = {
  "post-listing": "post_listing",
  "post-want-ad": "post_want_ad",
  "send-message": "send_message",
  "open-thread": "open_thread",
  "make-offer": "make_offer",
  "withdraw-offer": "withdraw_offer",
  "accept-offer": "accept_offer",
  "confirm-deal": "confirm_deal",
  "decline-thread": "decline_thread",
  "mark-handed-over": "mark_handed_over",
};

/** A short description of an action for the model, naming what it was about. */
export function describeAction(action: AgentAction): string {
  const tool = toolOf[action.type] ?? action.type;
  const fields: string[] = [];
  for (const key of [
    "threadId",
    "listingId",
    "wantId",
    "offerId",
    "version",
    "dealId",
    "itemId",
    "where",
  ] as const) {
    const value = (action as Record<string, unknown>)[key];
    if (value !== undefined) fields.push(`${key} ${JSON.stringify(value)}`);
  }
  if ("price" in action && typeof action.price === "number")
    fields.push(`price $${(action.price / 100).toFixed(2)}`);
  return `${tool}${fields.length ? ` (${fields.join(", ")})` : ""}`;
}

/** The thread an action was about, found in the view it was decided on. */
export function threadOfAction(action: AgentAction, view: AgentView): string | undefined {
  const a = action as Record<string, unknown>;
  if (typeof a.threadId === "string") return a.threadId;
  if (action.type === "send-message" && action.where !== "channel") return action.where;
  if (typeof a.offerId === "string") {
    return view.threads.find((t) => t.offers.some((o) => o.id === a.offerId))?.thread.id;
  }
  if (typeof a.dealId === "string") return view.threads.find((t) => t.deal?.id === a.dealId)?.thread.id;
  return undefined;
}
