import type { Deal } from "../../domain/deal.ts";
import { formatMoney } from "../../domain/money.ts";
import type { MarketEvent } from "../../engine/event.ts";
import type { MarketState } from "../../engine/state.ts";
import { slackPlain, slackText } from "./slack-text.ts";

/** Where a post goes: the channel, the thread under a listing's message, or a person's DM. */
export type PostTarget =
  | { kind: "channel" }
  | { kind: "thread"; listingId: string }
  | { kind: "dm"; participant: string; dealId: string };

/** One Slack message the mirror owes, keyed so it is posted once. */
export interface SlackPost {
  /** `e<seq>` for the channel and its threads, `dm:<deal>:<participant>` for a deal's DM. */
  key: string;
  /** The event it comes from. */
  seq: number;
  target: PostTarget;
  /** The `mrkdwn` fallback (notifications, clients without blocks): every outside text escaped. */
  text: string;
  blocks: SlackBlock[];
  /** A listing's own message: its ts is kept so its negotiations thread under it. */
  listingId?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit is plain JSON
export type SlackBlock = { type: string; [key: string]: any };

/** A piece of a line: our own words (`b` bold), or outside text (`t`), never parsed by Slack. */
type Part = string | { b: string } | { t: string };

/** A line as a rich-text block (nothing in it is parsed) and as escaped `mrkdwn`. */
function line(given: Part[]): { text: string; block: SlackBlock } {
  // Slack refuses an empty text element (an agent may send an empty message).
  const parts = given.filter(
    (part) => (typeof part === "string" ? part : "b" in part ? part.b : part.t) !== "",
  );
  const elements = parts.map((part) =>
    typeof part === "string"
      ? { type: "text", text: part }
      : "b" in part
        ? { type: "text", text: slackPlain(part.b), style: { bold: true } }
        : { type: "text", text: slackPlain(part.t) },
  );
  const text = parts
    .map((part) =>
      typeof part === "string" ? part : "b" in part ? `*${slackText(part.b)}*` : slackText(part.t),
    )
    .join("");
  return { text, block: { type: "rich_text", elements: [{ type: "rich_text_section", elements }] } };
}

export interface RenderOptions {
  /** Post negotiations in threads under their listings. */
  negotiations: boolean;
}

/**
 * The posts one durable event makes: listings, want ads, channel messages and the market opening and
 * closing in the channel; each negotiation's messages, offers and outcome in the thread under its
 * listing; each confirmed deal's confirmation in both people's DMs. Only public facts, names, offered
 * and agreed prices and what agents wrote in the negotiation: never a reserve, a max price, a budget,
 * a persona or an instruction (`participant-registered` makes nothing).
 */
export function renderEvent(event: MarketEvent, state: MarketState, options: RenderOptions): SlackPost[] {
  const name = (id: string) => state.participants.get(id)?.participant.name ?? id;
  const money = (cents: number) => formatMoney(cents, state.config.currency, { alwaysCents: true });
  const key = `e${event.seq}`;
  const channel = (parts: Part[], listingId?: string): SlackPost[] => {
    const { text, block } = line(parts);
    return [
      {
        key,
        seq: event.seq,
        target: { kind: "channel" },
        text,
        blocks: [block],
        ...(listingId ? { listingId } : {}),
      },
    ];
  };
  const thread = (threadId: string, parts: Part[]): SlackPost[] => {
    if (!options.negotiations) return [];
    const record = state.threads.get(threadId);
    if (!record) return [];
    const { text, block } = line([`${threadId} · `, ...parts]);
    return [
      { key, seq: event.seq, target: { kind: "thread", listingId: record.listingId }, text, blocks: [block] },
    ];
  };
  switch (event.type) {
    case "market-opened":
      return channel([
        { b: "The market is open." },
        " Listings and want ads appear here; negotiations in their threads.",
      ]);
    case "market-closed":
      return channel([{ b: "The market has closed." }]);
    case "listing-posted": {
      const { listing } = event;
      const parts: Part[] = [
        { b: "For sale:" },
        " ",
        { t: listing.title },
        ` (${listing.condition}${listing.ageYears !== undefined ? `, about ${listing.ageYears} years old` : ""}), asking ${money(listing.askingPrice)} · `,
        { b: name(listing.seller) },
        ` · ${listing.id}`,
      ];
      if (listing.description.trim() !== "") parts.push("\n", { t: listing.description });
      return channel(parts, listing.id);
    }
    case "want-ad-posted":
      return channel([
        { b: "Looking for:" },
        " ",
        { t: event.wantAd.description },
        " · ",
        { b: name(event.wantAd.buyer) },
        ` · ${event.wantAd.id}`,
      ]);
    case "message-posted": {
      const { message } = event;
      if (message.where === "channel") return channel([{ b: name(message.from) }, ": ", { t: message.text }]);
      return thread(message.where, [{ b: name(message.from) }, ": ", { t: message.text }]);
    }
    case "thread-opened":
      return thread(event.thread.id, [
        "negotiation opened: ",
        { b: name(event.thread.buyer) },
        " (buying) with ",
        { b: name(event.thread.seller) },
        " (selling)",
      ]);
    case "offer-made":
      return thread(event.offer.threadId, [
        { b: name(event.offer.from) },
        ` offers ${money(event.offer.price)}`,
      ]);
    case "deal-accepted":
      return thread(event.deal.threadId, [
        { b: name(event.deal.acceptedBy) },
        ` accepts ${money(event.deal.price)}; waiting for the other side to confirm`,
      ]);
    case "deal-confirmed": {
      const deal = state.deals.get(event.dealId);
      if (!deal) return [];
      return [
        ...thread(deal.threadId, [
          `Deal ${deal.id}: `,
          { b: name(deal.seller) },
          " sells to ",
          { b: name(deal.buyer) },
          ` for ${money(deal.price)}`,
        ]),
        ...[deal.seller, deal.buyer].map((participant) => dealDm(state, deal, participant, event.seq)),
      ];
    }
    case "deal-cancelled": {
      const deal = state.deals.get(event.dealId);
      return deal ? thread(deal.threadId, [`deal ${deal.id} cancelled`]) : [];
    }
    case "deal-handed-over": {
      const deal = state.deals.get(event.dealId);
      return deal
        ? thread(deal.threadId, [{ b: name(event.by) }, ` marked the hand-over of ${deal.id} done`])
        : [];
    }
    case "thread-declined":
      return thread(event.threadId, [{ b: name(event.by) }, " walked away"]);
    case "listing-withdrawn": {
      if (!options.negotiations) return [];
      const { text, block } = line(["listing withdrawn"]);
      return [
        {
          key,
          seq: event.seq,
          target: { kind: "thread", listingId: event.listingId },
          text,
          blocks: [block],
        },
      ];
    }
    default:
      return [];
  }
}

/** A person's survey answers about one deal, as the mirror last recorded them. */
export interface DmAnswers {
  fairness?: number;
  satisfaction?: number;
  wouldPay?: boolean;
}

/** What a button or menu in a deal's DM carries: the deal and whose DM it is. */
export interface DmActionValue {
  d: string;
  p: string;
}

export const ACTION = {
  handOver: "haggle_handover",
  fairness: "haggle_fairness",
  satisfaction: "haggle_satisfaction",
  wouldPayYes: "haggle_would_pay_yes",
  wouldPayNo: "haggle_would_pay_no",
} as const;

/** The key of a deal's DM to one of its people. */
export const dmKey = (dealId: string, participant: string) => `dm:${dealId}:${participant}`;

/** The DM of a confirmed deal to one of its two people. */
export function dealDm(state: MarketState, deal: Deal, participant: string, seq: number): SlackPost {
  const { text, blocks } = dealDmContent(state, deal, participant, {});
  return {
    key: dmKey(deal.id, participant),
    seq,
    target: { kind: "dm", participant, dealId: deal.id },
    text,
    blocks,
  };
}

/**
 * The confirmation of `deal` for `participant`, with the hand-over button and the survey (fairness
 * and satisfaction 1 to 7, would they pay), showing what is already marked and answered.
 */
export function dealDmContent(
  state: MarketState,
  deal: Deal,
  participant: string,
  answers: DmAnswers,
  notice?: string,
): { text: string; blocks: SlackBlock[] } {
  const name = (id: string) => slackText(state.participants.get(id)?.participant.name ?? id);
  const money = formatMoney(deal.price, state.config.currency, { alwaysCents: true });
  const title = slackText(state.listings.get(deal.listingId)?.title ?? deal.listingId);
  const selling = deal.seller === participant;
  const other = selling ? deal.buyer : deal.seller;
  const summary = selling
    ? `*Deal ${deal.id} confirmed.* Your agent sold *${title}* to *${name(other)}* for *${money}*.`
    : `*Deal ${deal.id} confirmed.* Your agent bought *${title}* from *${name(other)}* for *${money}*.`;
  const next = selling
    ? `Next: meet ${name(other)} and hand the item over; they pay ${money} once they have checked it. Then press *Handed over*.`
    : `Next: meet ${name(other)}, check the item matches the listing, then pay ${money}. Then press *Handed over*.`;
  const mine = deal.handedOverBy.includes(participant);
  const theirs = deal.handedOverBy.includes(other);
  const handOver =
    mine && theirs
      ? "Hand-over: done on both sides."
      : mine
        ? `Hand-over: you marked it done; waiting for ${name(other)}.`
        : theirs
          ? `Hand-over: ${name(other)} marked it done; press Handed over when you have.`
          : "Hand-over: not marked yet.";
  const value = JSON.stringify({ d: deal.id, p: participant } satisfies DmActionValue);
  const scale = (actionId: string, label: string, answer: number | undefined) => ({
    type: "static_select",
    action_id: actionId,
    placeholder: { type: "plain_text", text: label },
    options: [1, 2, 3, 4, 5, 6, 7].map((n) => ({
      text: { type: "plain_text", text: String(n) },
      value: `${value}|${n}`,
    })),
    ...(answer !== undefined
      ? {
          initial_option: { text: { type: "plain_text", text: String(answer) }, value: `${value}|${answer}` },
        }
      : {}),
  });
  const answered = [
    answers.fairness !== undefined ? `fairness ${answers.fairness}` : undefined,
    answers.satisfaction !== undefined ? `satisfaction ${answers.satisfaction}` : undefined,
    answers.wouldPay !== undefined ? `would pay: ${answers.wouldPay ? "yes" : "no"}` : undefined,
  ].filter((x) => x !== undefined);
  const blocks: SlackBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: summary } },
    { type: "section", text: { type: "mrkdwn", text: next } },
    { type: "context", elements: [{ type: "mrkdwn", text: handOver }] },
    ...(mine
      ? []
      : [
          {
            type: "actions",
            block_id: "haggle_handover",
            elements: [
              {
                type: "button",
                action_id: ACTION.handOver,
                style: "primary",
                text: { type: "plain_text", text: "Handed over" },
                value,
              },
            ],
          },
        ]),
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: "*How was this deal?* Fairness and satisfaction from 1 (very poor) to 7 (excellent); and would you pay for an agent like yours?",
      },
    },
    {
      type: "actions",
      block_id: "haggle_survey",
      elements: [
        scale(ACTION.fairness, "Fairness 1-7", answers.fairness),
        scale(ACTION.satisfaction, "Satisfaction 1-7", answers.satisfaction),
        {
          type: "button",
          action_id: ACTION.wouldPayYes,
          text: { type: "plain_text", text: answers.wouldPay === true ? "Would pay ✓" : "Would pay" },
          value,
        },
        {
          type: "button",
          action_id: ACTION.wouldPayNo,
          text: {
            type: "plain_text",
            text: answers.wouldPay === false ? "Would not pay ✓" : "Would not pay",
          },
          value,
        },
      ],
    },
    ...(answered.length > 0 || notice
      ? [
          {
            type: "context",
            elements: [
              {
                type: "mrkdwn",
                text: [
                  answered.length > 0 ? `Recorded: ${answered.join(", ")}.` : "",
                  notice ? slackText(notice) : "",
                ]
                  .filter(Boolean)
                  .join(" "),
              },
            ],
          },
        ]
      : []),
  ];
  return { text: `${summary} ${next}`, blocks };
}
