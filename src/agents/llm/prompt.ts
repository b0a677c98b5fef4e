import type { Listing, WantAd } from "../../domain/listing.ts";
import type { Want } from "../../domain/mandate.ts";
import type { Offer } from "../../domain/offer.ts";
import { type Message, offersMadeBy, type Thread } from "../../domain/thread.ts";
import { FINAL_THREAD_STATES } from "../../engine/evolve.ts";
import type { AgentView, ThreadView } from "../../engine/view.ts";
import { listingServesWant, withinReach } from "../builtin/view-facts.ts";
import { quoteText, safeName } from "./prompt-text.ts";
import { clockTime, itemFacts, money, type PromptOptions } from "./system-prompt.ts";
import { buyTarget, sellTarget } from "./targets.ts";

/**
 * Each turn's user message: the news since the last turn (newest last), so every request starts
 * with the previous request, the prefix a provider's prompt cache can reuse. The system prompt
 * (system-prompt.ts) is built once from the mandate and never changes.
 */
/** What the agent has already told the model, so each update carries only what is new. */
export interface SeenState {
  listings: Set<string>;
  wantAds: Set<string>;
  /** Per thread: message ids, offer "id#version", its status, its deal "id:status". */
  threads: Map<
    string,
    { messages: Set<string>; offers: Set<string>; status: Thread["status"]; deal?: string }
  >;
  /** Whether the first (full) update has been given since the history started. */
  started: boolean;
}

export function emptySeen(): SeenState {
  return { listings: new Set(), wantAds: new Set(), threads: new Map(), started: false };
}

export interface Note {
  text: string;
  /** Worth a model call on its own (a refusal the model should fix). */
  actionable: boolean;
  threadId?: string;
  /** The want an opening offer was for, when the note is that offer's refusal. */
  wantId?: string;
}

export interface Update {
  text: string;
  /** Something the model should act on: a reason to call it. */
  actionable: boolean;
  /** Threads this update is about, for attributing the call's usage. */
  threadIds: string[];
  /** Marks everything in this update as seen (call after the model answered). */
  commit(): void;
}

export interface UpdateContext {
  view: AgentView;
  options: PromptOptions;
  notes: readonly Note[];
  /** Deals confirmed for the model this turn (auto-confirm). */
  autoConfirmed: readonly string[];
  /** Threads in which the agent has gone quiet (stopped acting until the other side does something new). */
  quiet: ReadonlySet<string>;
}

function describeListing(listing: Listing, sellerName: string | undefined, currency: string): string {
  return `listing ${listing.id} "${quoteText(listing.title)}"${sellerName ? ` from ${sellerName}` : ""}: ${itemFacts(listing)}; asking ${money(listing.askingPrice, currency)}${listing.description ? `; described as "${quoteText(listing.description)}"` : ""}`;
}

function messageLine(message: Message, me: string, counterpart: string): string {
  const who = message.from === me ? "you" : safeName(counterpart);
  return `<message from="${who}" at="${clockTime(message.at)}">${quoteText(message.text)}</message>`;
}

function offerLine(offer: Offer, me: string, counterpart: string, currency: string): string {
  const who = offer.from === me ? "You" : safeName(counterpart);
  return `${who} offered ${money(offer.price, currency)} (offer ${offer.id} version ${offer.version}, now ${offer.status}).`;
}

/** The thread's target for the model: the item's or the want's. */
function threadTarget(view: AgentView, thread: ThreadView, options: PromptOptions): string | undefined {
  const $ = (cents: number) => money(cents, options.currency);
  if (thread.role === "seller") {
    const item = view.me.mandate.items.find((candidate) => candidate.id === thread.listing.itemId);
    if (!item) return undefined;
    return options.revealLimits
      ? `your reserve ${$(item.reserve)}`
      : `your target ${$(sellTarget(item, options.targetSalt))}`;
  }
  const want = view.me.mandate.wants.find((candidate) => candidate.id === thread.thread.wantId);
  if (!want) return undefined;
  return options.revealLimits
    ? `your max price ${$(want.maxPrice)}`
    : `your target ${$(buyTarget(want, options.targetSalt))}`;
}

function threadHeading(view: AgentView, thread: ThreadView, options: PromptOptions): string {
  const what = `"${quoteText(thread.listing.title)}", listing ${thread.listing.id}, asking ${money(thread.listing.askingPrice, options.currency)}`;
  const target = threadTarget(view, thread, options);
  const role =
    thread.role === "seller"
      ? `you sell ${what}${target ? `, ${target}` : ""}, to ${safeName(thread.counterpart.name)}`
      : `you buy ${what}${target ? `, ${target}` : ""}, for want "${thread.thread.wantId}", from ${safeName(thread.counterpart.name)}`;
  return `### Thread ${thread.thread.id}: ${role}`;
}

/** The one-line state of a live thread: whose offer is open, what the agent offered, how many it has left. */
function nowLine(view: AgentView, thread: ThreadView, options: PromptOptions, quiet: boolean): string {
  const me = view.me.id;
  const $ = (cents: number) => money(cents, options.currency);
  const name = safeName(thread.counterpart.name);
  const parts: string[] = [];
  const theirOpen = thread.offers.filter((offer) => offer.from !== me && offer.status === "open").at(-1);
  const mine = thread.offers.filter((offer) => offer.from === me).at(-1);
  if (theirOpen)
    parts.push(`${name}'s open offer ${theirOpen.id} version ${theirOpen.version} is ${$(theirOpen.price)}`);
  else parts.push(`${name} has no open offer`);
  if (mine) parts.push(`your last offer was ${$(mine.price)} (${mine.status})`);
  const made = offersMadeBy(thread.thread, me);
  parts.push(`you have made ${made} of ${options.offerCap} offers`);
  let line = `Now: ${parts.join("; ")}.`;
  if (quiet) line += ` You have gone quiet here: wait for ${name} to do something new.`;
  return line;
}

function dealLine(
  view: AgentView,
  thread: ThreadView,
  options: PromptOptions,
  autoConfirmed: readonly string[],
): string | undefined {
  const deal = thread.deal;
  if (!deal) return undefined;
  const $ = (cents: number) => money(cents, options.currency);
  const name = safeName(thread.counterpart.name);
  const me = view.me.id;
  if (autoConfirmed.includes(deal.id)) {
    return `${name} accepted your offer of ${$(deal.price)}; deal ${deal.id} is confirmed for you: the sale is settled.`;
  }
  switch (deal.status) {
    case "accepted":
      return deal.acceptedBy === me
        ? `You accepted ${$(deal.price)}; deal ${deal.id} waits for ${name} to confirm.`
        : `${name} accepted your offer of ${$(deal.price)}: confirm it with confirm_deal (dealId "${deal.id}") or decline the thread.`;
    case "confirmed":
      return `Deal ${deal.id} at ${$(deal.price)} is confirmed: the sale is settled. The item is handed over in person; mark_handed_over (dealId "${deal.id}") once it is.`;
    case "handed-over":
      return `Deal ${deal.id} at ${$(deal.price)} is done: the item was handed over.`;
    case "cancelled":
      return `Deal ${deal.id} was cancelled.`;
  }
}

function finalLine(thread: ThreadView): string | undefined {
  switch (thread.thread.status) {
    case "declined":
      return "This negotiation is over: it was declined.";
    case "expired":
      return "This negotiation has ended: the item was sold or the want was met elsewhere.";
    default:
      return undefined;
  }
}

/** The listings the owner could pay for, each with the wants it may serve, cheapest first. */
function listingsForWants(
  view: AgentView,
  listings: readonly Listing[],
  wants: readonly Want[],
): { listing: Listing; wants: Want[] }[] {
  if (wants.length === 0) return [];
  return listings
    .map((listing) => {
      const serving = wants.filter((want) => listingServesWant(want, listing));
      const reachable = (serving.length > 0 ? serving : wants).filter((want) =>
        withinReach(listing, Math.min(want.maxPrice, view.me.available)),
      );
      return { listing, wants: reachable };
    })
    .filter((entry) => entry.wants.length > 0)
    .sort((a, b) => a.listing.askingPrice - b.listing.askingPrice);
}

/** A section of listings to open talks on, each with the wants it may serve and the seller's post. */
function listingLines(
  heading: string,
  entries: readonly { listing: Listing; wants: Want[] }[],
  { view, options }: UpdateContext,
): string[] {
  const $ = (cents: number) => money(cents, options.currency);
  const lines = [heading];
  for (const { listing, wants } of entries) {
    const forWants = wants
      .map(
        (want) =>
          `"${want.id}" (${options.revealLimits ? `max ${$(want.maxPrice)}` : `target ${$(buyTarget(want, options.targetSalt))}`})`,
      )
      .join(" or ");
    const posted = view.channelMessages.find((m) => m.from === listing.seller && m.at === listing.postedAt);
    lines.push(
      `- ${describeListing(listing, undefined, options.currency)}. For want ${forWants}: open with make_offer (listingId "${listing.id}", wantId).`,
    );
    if (posted) lines.push(`  ${messageLine(posted, view.me.id, "the seller")}`);
  }
  return lines;
}

/**
 * The open wants that lost their chance through no fault of price since the model last looked: a
 * talk expired (its item sold to someone else) or the opening offer was refused (the listing went
 * first), with no other talk going. A declined talk is left out: no price suited that seller, and the
 * next listings, dearer, cost calls on both sides for few deals (bench:llm, seeds 1 to 5, 2026-12-06:
 * 943 calls for 207 deals with declined talks counted, 873 for 203 without; 839 for 202 before).
 */
function wantsWhoseListingWent(
  view: AgentView,
  seen: SeenState,
  openWants: readonly Want[],
  notes: readonly Note[],
): Set<Want> {
  const buying = view.threads.filter((thread) => thread.role === "buyer");
  const live = new Set(
    buying.filter((thread) => !FINAL_THREAD_STATES.has(thread.thread.status)).map((t) => t.thread.wantId),
  );
  const ended = new Set(
    buying
      .filter((thread) => {
        const known = seen.threads.get(thread.thread.id);
        // A talk may end before the model saw it begin (opened by its last action).
        return (
          thread.thread.status === "expired" &&
          (known === undefined || !FINAL_THREAD_STATES.has(known.status))
        );
      })
      .map((thread) => thread.thread.wantId),
  );
  // A talk that never began: the opening offer was refused (most often the listing went first).
  for (const note of notes) if (note.wantId) ended.add(note.wantId);
  return new Set(openWants.filter((want) => ended.has(want.id) && !live.has(want.id)));
}

/**
 * The news since the last turn as one user message, in a fixed order: results of the agent's last
 * actions, its own posts still to make, new listings and want ads, then each thread with news.
 * With `seen.started` false it is a full snapshot (the first turn, or after the history was compacted).
 */
export function buildUpdate(seen: SeenState, context: UpdateContext): Update {
  const { view, options, notes, autoConfirmed, quiet } = context;
  const me = view.me.id;
  const full = !seen.started;
  const $ = (cents: number) => money(cents, options.currency);
  const sections: string[] = [];
  const threadIds = new Set<string>();
  let actionable = full;
  const pendingSeen: (() => void)[] = [];

  const status =
    view.market.closesAt !== undefined ? ` (the market closes ${clockTime(view.market.closesAt)})` : "";
  sections.push(`Update at ${clockTime(view.now)}${status}.`);

  if (notes.length > 0) {
    sections.push(
      ["What happened to your last actions:", ...notes.map((note) => `- ${note.text}`)].join("\n"),
    );
    for (const note of notes) {
      if (note.actionable && !(note.threadId && quiet.has(note.threadId))) actionable = true;
      if (note.threadId) threadIds.add(note.threadId);
    }
  }

  // Own posts: what is listed, what is still to list.
  const listed = new Set(view.myListings.map((listing) => listing.itemId));
  const unlisted = view.me.mandate.items.filter((item) => !listed.has(item.id));
  const advertised = new Set(view.myWantAds.map((ad) => ad.wantId));
  const taken = new Set(
    view.deals.filter((deal) => deal.buyer === me && deal.status !== "cancelled").map((deal) => deal.wantId),
  );
  const unadvertised = view.me.mandate.wants.filter(
    (want) => !advertised.has(want.id) && !taken.has(want.id),
  );
  if (full) {
    if (view.myListings.length > 0) {
      sections.push(
        [
          "Your listings:",
          ...view.myListings.map(
            (l) => `- ${l.id} "${quoteText(l.title)}": ${l.status}, asking ${$(l.askingPrice)}`,
          ),
        ].join("\n"),
      );
    }
    if (unlisted.length > 0) {
      sections.push(
        [
          "Items not listed yet (post them with post_listing):",
          ...unlisted.map(
            (item) => `- item "${item.id}": "${quoteText(item.title)}", asking ${$(item.askingPrice)}`,
          ),
        ].join("\n"),
      );
    }
    if (unadvertised.length > 0) {
      sections.push(
        [
          "Wants without a want ad (post_want_ad makes them public):",
          ...unadvertised.map((want) => `- want "${want.id}": "${quoteText(want.description)}"`),
        ].join("\n"),
      );
    }
  }

  // Listings that match the owner's open wants, not yet negotiated.
  const threadedListings = new Set(view.threads.map((thread) => thread.listing.id));
  const openWants = view.me.mandate.wants.filter((want) => !taken.has(want.id));
  const newListings = view.matchingListings.filter(
    (listing) =>
      !seen.listings.has(listing.id) && !threadedListings.has(listing.id) && listing.status === "active",
  );
  // Only what the owner could pay for (the built-in agents' search rule), cheapest first: talks that
  // cannot end in a deal cost model calls on both sides.
  const offered = listingsForWants(view, newListings, openWants);
  if (offered.length > 0) {
    sections.push(listingLines("New listings that match your wants:", offered, context).join("\n"));
    actionable = true;
  }
  // A want whose chance went to someone else this turn gets its other listings again: the model saw
  // them once, perhaps many turns ago, and would otherwise wait for a new one. In a turn window several
  // buyers open on the same listing at once; before this, bench:scale's market (69 people, a day,
  // 2026-12-06) had 18% fewer deals with a 1h window than one turn at a time, 4.7% fewer after.
  const lost = full ? new Set<Want>() : wantsWhoseListingWent(view, seen, openWants, notes);
  if (lost.size > 0) {
    // Each listing for the wants it would be offered for as new, then only those that lost theirs:
    // a listing that matched another want is not offered for this one.
    const again = listingsForWants(
      view,
      view.matchingListings.filter(
        (listing) =>
          seen.listings.has(listing.id) && !threadedListings.has(listing.id) && listing.status === "active",
      ),
      openWants,
    )
      .map((entry) => ({ listing: entry.listing, wants: entry.wants.filter((want) => lost.has(want)) }))
      .filter((entry) => entry.wants.length > 0);
    if (again.length > 0) {
      sections.push(
        listingLines("Other listings for wants whose listing went to someone else:", again, context).join(
          "\n",
        ),
      );
      actionable = true;
    }
  }
  pendingSeen.push(() => {
    for (const listing of view.matchingListings) seen.listings.add(listing.id);
  });

  const newAds: WantAd[] = view.matchingWantAds.filter((ad) => !seen.wantAds.has(ad.id));
  if (newAds.length > 0) {
    sections.push(
      [
        "Want ads your listings could serve (answer one with open_thread, naming your listingId and the wantAdId):",
        ...newAds.map((ad) => `- want ad ${ad.id}: "${quoteText(ad.description)}"`),
      ].join("\n"),
    );
  }
  pendingSeen.push(() => {
    for (const ad of view.matchingWantAds) seen.wantAds.add(ad.id);
  });

  // Threads, oldest first (their ids are in creation order in the view).
  for (const thread of view.threads) {
    const id = thread.thread.id;
    const known = seen.threads.get(id);
    const counterpart = thread.counterpart.name;
    const final = FINAL_THREAD_STATES.has(thread.thread.status);
    const newMessages = thread.messages.filter((m) => !known?.messages.has(m.id) && (full || m.from !== me));
    const offerKeys = thread.offers.map((offer) => `${offer.id}#${offer.version}`);
    const newOffers = thread.offers.filter(
      (offer, i) => !known?.offers.has(offerKeys[i]!) && (full || offer.from !== me),
    );
    const dealKey = thread.deal ? `${thread.deal.id}:${thread.deal.status}` : undefined;
    const dealChanged = dealKey !== known?.deal || (thread.deal && autoConfirmed.includes(thread.deal.id));
    const statusChanged = known !== undefined && known.status !== thread.thread.status;
    const commitThread = () => {
      seen.threads.set(id, {
        messages: new Set(thread.messages.map((m) => m.id)),
        offers: new Set(offerKeys),
        status: thread.thread.status,
        ...(dealKey ? { deal: dealKey } : {}),
      });
    };
    pendingSeen.push(commitThread);
    if (full && final) continue;
    // A thread a note is about is shown with its state, so a refused move can be made again properly.
    const noted = notes.some((note) => note.threadId === id);
    if (
      !full &&
      !noted &&
      newMessages.length === 0 &&
      newOffers.length === 0 &&
      !dealChanged &&
      !statusChanged
    ) {
      continue;
    }
    if (!full && final && known === undefined) continue;

    const lines = [threadHeading(view, thread, options)];
    // Messages and offers in the order they happened.
    const items: { at: number; order: number; text: string }[] = [
      ...newMessages.map((m, i) => ({ at: m.at, order: i, text: messageLine(m, me, counterpart) })),
      ...newOffers.map((o, i) => ({
        at: o.madeAt,
        order: 1000 + i,
        text: offerLine(o, me, counterpart, options.currency),
      })),
    ].sort((a, b) => a.at - b.at || a.order - b.order);
    for (const item of items) lines.push(item.text);
    const deal = dealChanged ? dealLine(view, thread, options, autoConfirmed) : undefined;
    if (deal) lines.push(deal);
    const over = final ? finalLine(thread) : undefined;
    if (over) lines.push(over);
    if (!final && thread.thread.status !== "agreed")
      lines.push(nowLine(view, thread, options, quiet.has(id)));
    sections.push(lines.join("\n"));
    threadIds.add(id);

    const fromThem = newMessages.some((m) => m.from !== me) || newOffers.some((o) => o.from !== me);
    const dealPending = thread.deal !== undefined && thread.deal.status !== "cancelled";
    const mustConfirm =
      thread.deal?.status === "accepted" &&
      thread.deal.acceptedBy !== me &&
      !autoConfirmed.includes(thread.deal.id);
    // Words that come with a deal already made need no answer; a deal to confirm does.
    if (!final && !quiet.has(id) && ((fromThem && !dealPending) || mustConfirm || (full && !dealPending))) {
      actionable = true;
    }
  }

  if (sections.length === 1) sections.push("Nothing new.");
  return {
    text: sections.join("\n\n"),
    actionable,
    threadIds: [...threadIds],
    commit() {
      for (const mark of pendingSeen) mark();
      seen.started = true;
    },
  };
}
