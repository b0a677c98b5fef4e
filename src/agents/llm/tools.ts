import { type Tool, tool, zodSchema } from "ai";
import { z } from "zod";
import type { Mandate } from "../../domain/mandate.ts";
import { parseMoney } from "../../domain/money.ts";
import { type ActionType, actionSchema } from "../../engine/action.ts";

/**
 * The model's tools are exactly the typed agent actions. Each input schema is the action's own zod
 * schema from src/engine/action.ts, without the fields the runner fills in (actor, idempotency key)
 * and with prices written as amounts ("$45.00") rather than cents. A tool call is turned back into
 * the action, which the engine checks like any other.
 */

/** Tool name (what the model calls) for each action type. */
export const TOOL_ACTIONS = {
  post_listing: "post-listing",
  post_want_ad: "post-want-ad",
  send_message: "send-message",
  open_thread: "open-thread",
  make_offer: "make-offer",
  withdraw_offer: "withdraw-offer",
  accept_offer: "accept-offer",
  confirm_deal: "confirm-deal",
  decline_thread: "decline-thread",
  mark_handed_over: "mark-handed-over",
} as const satisfies Record<string, ActionType>;

export type ToolName = keyof typeof TOOL_ACTIONS;

/** The action's schema as the engine defines it. */
function actionObject(type: ActionType): z.ZodObject {
  const option = actionSchema.options.find((candidate) => candidate.shape.type.value === type);
  if (!option) throw new Error(`no action "${type}" in actionSchema`);
  return option as unknown as z.ZodObject;
}

const RUNNER_FIELDS = { actor: true, idempotencyKey: true, type: true } as const;

/** Reads an amount as a model writes it ("$45.00", "45", "US$1,200") into cents, or undefined. */
export function amountToCents(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  try {
    return parseMoney(value.trim().replace(/^(?:US)?\$?\s*(?=\d)/i, "$")).cents;
  } catch {
    return undefined;
  }
}

/**
 * An amount as a model writes it: "$45.00", "45", "1,200". Kept as the model wrote it (so the
 * conversation shows the model its own words) and read into cents when the call becomes an action.
 */
export const writtenAmount = z
  .string({ error: 'write the price as a string like "$45.00"' })
  .describe('an amount like "$45.00"')
  .refine((value) => amountToCents(value) !== undefined, {
    error: (issue) => `"${String(issue.input)}" is not an amount: write it like "$45.00"`,
  });

const described = (schema: z.ZodType, text: string) => schema.describe(text);

function derive(
  type: ActionType,
  omit: Record<string, true>,
  fields: (shape: Record<string, z.ZodType>) => z.ZodRawShape,
): z.ZodObject {
  const base = actionObject(type).omit({ ...RUNNER_FIELDS, ...omit } as never) as z.ZodObject;
  return base.extend(fields(base.shape as unknown as Record<string, z.ZodType>));
}

const textNote = "optional words that go with it, in your owner's voice";

export const TOOL_SCHEMAS: Record<ToolName, z.ZodObject> = {
  post_listing: derive("post-listing", {}, (s) => ({
    itemId: described(s.itemId!, "the item's id from your list of things to sell"),
    askingPrice: writtenAmount
      .optional()
      .describe('asking price like "$60.00"; leave out to use the one given'),
    text: described(s.text!, "optional words for the channel post"),
  })),
  post_want_ad: derive("post-want-ad", {}, (s) => ({
    wantId: described(s.wantId!, "the want's id from your list of things to buy"),
    text: described(s.text!, "optional words for the channel post"),
  })),
  send_message: derive("send-message", {}, (s) => ({
    where: described(s.where!, 'a thread id like "T1", or "channel" for the public feed'),
    text: described(s.text!, "the message"),
  })),
  open_thread: derive("open-thread", {}, (s) => ({
    listingId: described(s.listingId!, "the listing the negotiation is about"),
    wantId: described(s.wantId!, "as a buyer: which of your wants it is for"),
    wantAdId: described(
      s.wantAdId!,
      "as a seller answering a want ad: the ad's id (listingId is then yours)",
    ),
    text: described(s.text!, "your first words to the other side"),
  })),
  make_offer: derive("make-offer", { expiresAt: true }, (s) => ({
    threadId: described(s.threadId!, "the thread to offer in; leave out to open a negotiation on a listing"),
    listingId: described(s.listingId!, "to open a negotiation: the listing you offer on"),
    wantId: described(s.wantId!, "to open a negotiation: which of your wants it is for"),
    price: writtenAmount,
    text: described(s.text!, textNote),
  })),
  withdraw_offer: derive("withdraw-offer", {}, (s) => ({
    offerId: described(s.offerId!, "your open offer's id"),
  })),
  accept_offer: derive("accept-offer", {}, (s) => ({
    offerId: described(s.offerId!, "the other side's open offer id"),
    version: described(s.version!, "that offer's current version number"),
    text: described(s.text!, textNote),
  })),
  confirm_deal: derive("confirm-deal", {}, (s) => ({
    dealId: described(s.dealId!, "the deal to confirm"),
    text: described(s.text!, textNote),
  })),
  decline_thread: derive("decline-thread", {}, (s) => ({
    threadId: described(s.threadId!, "the thread to end"),
    text: described(s.text!, textNote),
  })),
  mark_handed_over: derive("mark-handed-over", {}, (s) => ({
    dealId: described(s.dealId!, "the settled deal whose item changed hands"),
  })),
};

export const TOOL_DESCRIPTIONS: Record<ToolName, string> = {
  post_listing: "List one of your items for sale in the public channel.",
  post_want_ad: "Post a 'looking for' ad for one of your wants in the public channel.",
  send_message: "Write to the other side in a thread, or to everyone in the channel. Words never bind.",
  open_thread:
    "Start a negotiation without an offer yet: as a buyer on a listing (listingId and wantId), or as a seller answering a want ad with one of your listings (listingId and wantAdId).",
  make_offer:
    "Offer a price: in a thread (threadId), or open a negotiation on a listing (listingId and wantId). Replaces your earlier open offer in that thread.",
  withdraw_offer: "Take back your open offer.",
  accept_offer: "Accept the other side's open offer; name its id and current version. Binding.",
  confirm_deal: "Confirm a deal the other side accepted on your offer. Binding: the sale settles.",
  decline_thread: "End a negotiation without a deal.",
  mark_handed_over: "Mark a settled deal's item as handed over in person.",
};

/**
 * The tools' input schemas as the model is given them (JSON schema), converted from zod once per process
 * and kept: given the zod schema itself, the AI SDK converts it again on every model call, which was
 * 0.8 of the 4.3 s of CPU a worker spent on 8 arms of bench:scale's worker part (2026-12-06).
 */
const CONVERTED_SCHEMAS = new Map<ToolName, ReturnType<typeof zodSchema>>();

function convertedSchema(name: ToolName): ReturnType<typeof zodSchema> {
  let schema = CONVERTED_SCHEMAS.get(name);
  if (!schema) {
    schema = zodSchema(TOOL_SCHEMAS[name]);
    CONVERTED_SCHEMAS.set(name, schema);
  }
  return schema;
}

/**
 * The tools an owner's agent gets: every action its mandate allows (post_listing only with items to
 * sell, post_want_ad only with wants), the same for the whole run so the prompt prefix stays cacheable.
 * `execute` turns a checked call into an action (or an answer the model can act on).
 */
export function toolsFor(
  mandate: Mandate,
  execute: (name: ToolName, input: Record<string, unknown>) => string,
): Record<string, Tool> {
  const names = (Object.keys(TOOL_SCHEMAS) as ToolName[]).filter(
    (name) =>
      (name !== "post_listing" || mandate.items.length > 0) &&
      (name !== "post_want_ad" || mandate.wants.length > 0),
  );
  return Object.fromEntries(
    names.map((name) => [
      name,
      tool({
        description: TOOL_DESCRIPTIONS[name],
        inputSchema: convertedSchema(name),
        execute: async (input: unknown) => execute(name, input as Record<string, unknown>),
      }),
    ]),
  );
}
