import { withoutMarketPromises } from "../../domain/market-promises.ts";
import { formatMoney } from "../../domain/money.ts";
import { offersMadeBy } from "../../domain/thread.ts";
import type { AgentAction } from "../../engine/action.ts";
import type { AgentView, ThreadView } from "../../engine/view.ts";
import { secretsOf } from "../builtin/view-facts.ts";
import type { LoopGuard } from "./loop-guard.ts";
import { buyTarget, sellTarget } from "./targets.ts";
import { guardOutgoingText, isNearSecret, priceCarriesSecret } from "./text-guard.ts";
import { amountToCents, type ToolName } from "./tools.ts";
import type { Turn } from "./turn.ts";

/** What tool calls read and share with the rest of the agent. */
export interface ToolCallContext {
  /** The wake-up in progress; undefined between turns. */
  turn(): Turn | undefined;
  loops: LoopGuard;
  /** Offers the market refused, by thread id or "listing:<id>": they count towards the cap. */
  refusedOffers: ReadonlyMap<string, number>;
  /** Deals already confirmed for the model. */
  confirmed: ReadonlySet<string>;
  offerCap: number;
  nearFraction?: number;
  /**
   * The targets the prompt gave instead of the limits count as secrets too: a target is a known
   * formula of its limit. True unless the model is given its limits. Default true.
   */
  targetsAreSecret?: boolean;
  /** The salt the prompt's targets are drawn with (the agent's seed). */
  targetSalt?: number;
  /** What the secret guard did, counted for the agent's usage. */
  guardCounts: { blocked: number; redacted: number };
}

/** What the guard keeps from the other side: the limits, and the targets derived from them. */
export function guardedNumbers(view: AgentView, targetsAreSecret = true, targetSalt?: number): number[] {
  const numbers = secretsOf(view);
  if (targetsAreSecret) {
    numbers.push(
      ...view.me.mandate.items.map((item) => sellTarget(item, targetSalt)),
      ...view.me.mandate.wants.map((want) => buyTarget(want, targetSalt)),
    );
  }
  return [...new Set(numbers.filter((cents) => cents > 0))];
}

/** The agent's own last few words where a message goes: a number split over messages is read whole. */
function recentOwnTexts(thread: ThreadView | undefined, view: AgentView): string[] {
  const messages = thread ? thread.messages : view.channelMessages;
  return messages
    .filter((message) => message.from === view.me.id)
    .slice(-3)
    .map((message) => message.text);
}

/** Amounts already public where a message goes: they may be written, even near a secret (exactly, never "near"). */
function publicAmountsOf(thread: ThreadView | undefined, view: AgentView, extra: number[] = []): number[] {
  const amounts = [...extra, ...view.myListings.map((l) => l.askingPrice)];
  if (thread) amounts.push(thread.listing.askingPrice, ...thread.offers.map((o) => o.price));
  return amounts;
}

/**
 * Turns the model's tool calls into actions for the market. Each call is checked first: an unknown
 * id or a missing field throws an error the model can fix; words that would reveal a secret number
 * are blocked or redacted; offers past the cap or in a thread gone quiet are not sent, with a reason.
 */
export function createToolCalls(
  context: ToolCallContext,
): (name: ToolName, input: Record<string, unknown>) => string {
  const counts = context.guardCounts;

  function guardText(
    text: string | undefined,
    current: Turn,
    publicAmounts: number[],
    thread?: ThreadView | "channel",
  ): { text?: string; note?: string; blocked: boolean } {
    if (text === undefined || text.trim() === "") return { blocked: false };
    // The market hands items over in person: promises of delivery, shipping or asks for an address go.
    const promised = withoutMarketPromises(text);
    if (promised.removed.length > 0) {
      const why = `the market hands items over in person and does not do ${promised.removed[0]}`;
      if (promised.text === "") {
        counts.blocked++;
        return { note: `your words were not sent because ${why}`, blocked: true };
      }
      counts.redacted++;
      const rest = guardText(promised.text, current, publicAmounts, thread);
      if (rest.blocked) return rest;
      const note = `some of your words were removed before sending because ${why}`;
      return { ...rest, note: rest.note ? `${rest.note}; and ${note}` : note };
    }
    const recent =
      thread === undefined ? [] : recentOwnTexts(thread === "channel" ? undefined : thread, current.view);
    const result = guardOutgoingText(text, {
      secrets: guardedNumbers(current.view, context.targetsAreSecret ?? true, context.targetSalt),
      publicAmounts,
      recentOwnTexts: recent,
      ...(context.nearFraction !== undefined ? { nearFraction: context.nearFraction } : {}),
    });
    if (result.verdict === "clean") return { text, blocked: false };
    if (result.verdict === "redacted") {
      counts.redacted++;
      return {
        text: result.text!,
        note: `some of your words were removed before sending because ${result.reasons[0]}`,
        blocked: false,
      };
    }
    counts.blocked++;
    return { note: `your words were not sent because ${result.reasons[0]}`, blocked: true };
  }

  /** Turns one checked tool call into an action; throws an error the model can fix, or says why it was not sent. */
  function execute(name: ToolName, input: Record<string, unknown>): string {
    const current = context.turn();
    if (!current) throw new Error("this turn is over; call tools in your next turn");
    const { view } = current;
    const me = view.me.id;
    const threadById = (id: string) => view.threads.find((t) => t.thread.id === id);
    const requireThread = (id: unknown): ThreadView => {
      const thread = typeof id === "string" ? threadById(id) : undefined;
      if (!thread) {
        const known = view.threads.map((t) => t.thread.id).join(", ") || "none yet";
        throw new Error(`there is no thread "${String(id)}" of yours; your threads: ${known}`);
      }
      return thread;
    };
    const quietHere = (threadId: string | undefined) => context.loops.isQuiet(threadId);
    const submit = (action: AgentAction, threadId: string | undefined, note?: string): string => {
      current.actions.push(action);
      if (threadId) current.touched.add(threadId);
      return note ? `submitted, but ${note}` : "submitted; the market answers next turn";
    };
    const text = typeof input.text === "string" ? input.text : undefined;

    switch (name) {
      case "post_listing": {
        const item = view.me.mandate.items.find((candidate) => candidate.id === input.itemId);
        if (!item) {
          throw new Error(
            `you have no item "${String(input.itemId)}"; your items: ${view.me.mandate.items.map((i) => i.id).join(", ")}`,
          );
        }
        const asking = amountToCents(input.askingPrice);
        if (
          asking !== undefined &&
          asking !== item.askingPrice &&
          (isNearSecret(asking, [item.reserve], context.nearFraction) ||
            priceCarriesSecret(
              asking,
              guardedNumbers(view, context.targetsAreSecret ?? true, context.targetSalt),
            ))
        ) {
          counts.blocked++;
          return `not sent: an asking price of that amount would show your limit; list it at ${formatMoney(item.askingPrice, view.market.currency, { alwaysCents: true })} or leave askingPrice out`;
        }
        const guarded = guardText(text, current, [
          item.askingPrice,
          ...(asking !== undefined ? [asking] : []),
        ]);
        return submit(
          {
            type: "post-listing",
            itemId: item.id,
            ...(asking !== undefined ? { askingPrice: asking } : {}),
            ...(guarded.text ? { text: guarded.text } : {}),
          },
          undefined,
          guarded.note,
        );
      }
      case "post_want_ad": {
        const want = view.me.mandate.wants.find((candidate) => candidate.id === input.wantId);
        if (!want) {
          throw new Error(
            `you have no want "${String(input.wantId)}"; your wants: ${view.me.mandate.wants.map((w) => w.id).join(", ")}`,
          );
        }
        const guarded = guardText(text, current, []);
        return submit(
          { type: "post-want-ad", wantId: want.id, ...(guarded.text ? { text: guarded.text } : {}) },
          undefined,
          guarded.note,
        );
      }
      case "send_message": {
        const where = String(input.where);
        const thread = where === "channel" ? undefined : requireThread(where);
        if (thread && quietHere(where)) {
          return `not sent: you have gone quiet in thread ${where}; wait for ${thread.counterpart.name} to answer`;
        }
        const guarded = guardText(text, current, publicAmountsOf(thread, view), thread ?? "channel");
        if (guarded.blocked || !guarded.text) {
          return `not sent: ${guarded.note ?? "the message was empty"}. Write it again without amounts near your limits.`;
        }
        return submit({ type: "send-message", where, text: guarded.text }, thread?.thread.id, guarded.note);
      }
      case "open_thread": {
        const listingId = String(input.listingId);
        const wantAdId = typeof input.wantAdId === "string" ? input.wantAdId : undefined;
        const wantId = typeof input.wantId === "string" ? input.wantId : undefined;
        const mine = view.myListings.find((listing) => listing.id === listingId);
        if (mine && !wantAdId) {
          throw new Error(`listing "${listingId}" is yours: to reach a buyer, name their want ad (wantAdId)`);
        }
        if (!mine && !wantId) {
          throw new Error(
            `name which of your wants this is for (wantId): ${view.me.mandate.wants.map((w) => w.id).join(", ")}`,
          );
        }
        const asking =
          mine?.askingPrice ?? view.matchingListings.find((l) => l.id === listingId)?.askingPrice;
        const guarded = guardText(text, current, asking !== undefined ? [asking] : []);
        if (guarded.blocked)
          return `not sent: ${guarded.note}. Write it again without amounts near your limits.`;
        return submit(
          {
            type: "open-thread",
            listingId,
            ...(wantId ? { wantId } : {}),
            ...(wantAdId ? { wantAdId } : {}),
            ...(guarded.text ? { text: guarded.text } : {}),
          },
          undefined,
          guarded.note,
        );
      }
      case "make_offer": {
        const price = amountToCents(input.price)!;
        let thread: ThreadView | undefined;
        let listingId: string | undefined;
        let wantId = typeof input.wantId === "string" ? input.wantId : undefined;
        if (typeof input.threadId === "string") {
          thread = requireThread(input.threadId);
        } else if (typeof input.listingId === "string") {
          listingId = input.listingId;
          thread = view.threads.find(
            (t) =>
              t.listing.id === listingId && t.role === "buyer" && (!wantId || t.thread.wantId === wantId),
          );
          if (!thread) {
            const open = view.me.mandate.wants.filter(
              (want) => !view.deals.some((deal) => deal.wantId === want.id && deal.status !== "cancelled"),
            );
            if (!wantId && open.length === 1) wantId = open[0]!.id;
            if (!wantId) {
              throw new Error(
                `name the want this offer is for (wantId): one of ${open.map((w) => w.id).join(", ")}`,
              );
            }
          }
        } else {
          throw new Error(
            "give threadId (to offer in a thread) or listingId and wantId (to open a negotiation)",
          );
        }
        const key = thread ? thread.thread.id : `listing:${listingId}`;
        if (thread && quietHere(thread.thread.id)) {
          return `not sent: you have gone quiet in thread ${thread.thread.id}; wait for ${thread.counterpart.name}`;
        }
        if (current.offersIn.has(key)) {
          return "not sent: one offer per thread per turn; your first offer this turn stands";
        }
        const made =
          (thread ? offersMadeBy(thread.thread, me) : 0) +
          (context.refusedOffers.get(key) ?? 0) +
          (thread ? (context.refusedOffers.get(`listing:${thread.listing.id}`) ?? 0) : 0);
        if (made >= context.offerCap) {
          return `not sent: you have used all ${context.offerCap} offers allowed in this negotiation; accept their offer, wait, or decline the thread`;
        }
        if (
          priceCarriesSecret(
            price,
            guardedNumbers(view, context.targetsAreSecret ?? true, context.targetSalt),
          )
        ) {
          counts.blocked++;
          return "not sent: the cents of that price could spell out a private limit; offer whole dollars";
        }
        const guarded = guardText(text, current, publicAmountsOf(thread, view, [price]), thread);
        current.offersIn.add(key);
        const action: AgentAction = thread
          ? {
              type: "make-offer",
              threadId: thread.thread.id,
              price,
              ...(guarded.text ? { text: guarded.text } : {}),
            }
          : {
              type: "make-offer",
              listingId: listingId!,
              wantId: wantId!,
              price,
              ...(guarded.text ? { text: guarded.text } : {}),
            };
        if (thread) current.offersIn.add(thread.thread.id);
        return submit(action, thread?.thread.id, guarded.note);
      }
      case "withdraw_offer": {
        const offerId = String(input.offerId);
        const thread = view.threads.find((t) => t.offers.some((o) => o.id === offerId));
        return submit({ type: "withdraw-offer", offerId }, thread?.thread.id);
      }
      case "accept_offer": {
        const offerId = String(input.offerId);
        const thread = view.threads.find((t) => t.offers.some((o) => o.id === offerId));
        if (!thread) throw new Error(`there is no offer "${offerId}" in your threads`);
        if (quietHere(thread.thread.id)) {
          return `not sent: you have gone quiet in thread ${thread.thread.id}; wait for ${thread.counterpart.name}`;
        }
        const offer = thread.offers.find((o) => o.id === offerId)!;
        const guarded = guardText(text, current, publicAmountsOf(thread, view), thread);
        current.offersIn.add(thread.thread.id);
        return submit(
          {
            type: "accept-offer",
            offerId,
            version: typeof input.version === "number" ? input.version : offer.version,
            ...(guarded.text ? { text: guarded.text } : {}),
          },
          thread.thread.id,
          guarded.note,
        );
      }
      case "confirm_deal": {
        const dealId = String(input.dealId);
        const thread = view.threads.find((t) => t.deal?.id === dealId);
        const guarded = guardText(text, current, publicAmountsOf(thread, view), thread);
        if (context.confirmed.has(dealId)) return "already confirmed for you";
        return submit(
          { type: "confirm-deal", dealId, ...(guarded.text ? { text: guarded.text } : {}) },
          thread?.thread.id,
          guarded.note,
        );
      }
      case "decline_thread": {
        const thread = requireThread(input.threadId);
        const guarded = guardText(text, current, publicAmountsOf(thread, view), thread);
        return submit(
          {
            type: "decline-thread",
            threadId: thread.thread.id,
            ...(guarded.text ? { text: guarded.text } : {}),
          },
          thread.thread.id,
          guarded.note,
        );
      }
      case "mark_handed_over": {
        const dealId = String(input.dealId);
        const thread = view.threads.find((t) => t.deal?.id === dealId);
        return submit({ type: "mark-handed-over", dealId }, thread?.thread.id);
      }
    }
  }

  return execute;
}
