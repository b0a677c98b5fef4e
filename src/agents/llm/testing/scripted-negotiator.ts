import { formatMoney, parseMoney } from "../../../domain/money.ts";
import type { Script, ScriptedCall, ScriptedReply } from "./scripted-model.ts";

/**
 * A deterministic stand-in for a model that plays a plausible negotiation by reading the agent's
 * update the way a model would: it lists its items and posts its want ads, opens on the cheapest
 * matching listing for a want (again when that listing went to someone else) below its target,
 * counters by splitting part of the difference, accepts a price close to its own next offer, and
 * confirms deals. For tests and `npm run bench:llm`.
 */

const AMOUNT = String.raw`\$[\d,]+(?:\.\d{2})?`;
const cents = (text: string): number => parseMoney(text).cents;
const dollars = (value: number): string =>
  formatMoney(Math.max(1, Math.round(value / 100) * 100), "USD", { alwaysCents: true });

function section(update: string, heading: string): string[] {
  const start = update.indexOf(heading);
  if (start === -1) return [];
  const rest = update.slice(start + heading.length);
  const end = rest.search(/\n\n/);
  return (end === -1 ? rest : rest.slice(0, end)).split("\n").filter((line) => line.startsWith("- "));
}

export interface NegotiatorStyle {
  /** A buyer opens at this share of the asking price (capped by its target). Default 0.7. */
  buyerOpening?: number;
  /** A seller's first counter is this share of the asking price. Default 0.97. */
  sellerOpening?: number;
  /** Share of the gap to the other side's offer conceded each round. Default 0.4. */
  concession?: number;
  /** How far past its target it goes: sellers down to target x (1 - slack), buyers up to target x (1 + slack). Default 0.2. */
  slack?: number;
  /** Words to send with each offer. */
  say?: (price: string, role: "seller" | "buyer") => string;
}

/**
 * What the market refused so far, per thread: the lowest price refused as below the reserve (a
 * seller's floor) and the highest refused as above the max price (a buyer's ceiling).
 */
function refusedBounds(history: string): Map<string, { above?: number; below?: number }> {
  const bounds = new Map<string, { above?: number; below?: number }>();
  const pattern = new RegExp(
    `make_offer \\(threadId "([^"]+)", price (${AMOUNT})\\) was refused by the market: That price is (below|above)`,
    "g",
  );
  for (const match of history.matchAll(pattern)) {
    const entry = bounds.get(match[1]!) ?? {};
    const price = cents(match[2]!);
    if (match[3] === "below") entry.below = Math.max(entry.below ?? 0, price);
    else entry.above = Math.min(entry.above ?? Number.POSITIVE_INFINITY, price);
    bounds.set(match[1]!, entry);
  }
  return bounds;
}

/**
 * One turn of the negotiator: the tool calls for an update. `history` (all earlier updates) lets it
 * remember which prices the market refused, as a model remembers its conversation.
 */
export function negotiatorReply(
  call: Pick<ScriptedCall, "lastUser"> & { history?: string },
  style: NegotiatorStyle = {},
): ScriptedReply {
  const update = call.lastUser;
  const refused = refusedBounds(`${call.history ?? ""}\n${update}`);
  const concession = style.concession ?? 0.4;
  const slack = style.slack ?? 0.2;
  const say =
    style.say ?? ((price, role) => (role === "seller" ? `I could do ${price}.` : `Would you take ${price}?`));
  const toolCalls: NonNullable<ScriptedReply["toolCalls"]> = [];

  for (const line of section(update, "Items not listed yet")) {
    const id = /item "([^"]+)"/.exec(line)?.[1];
    if (id) toolCalls.push({ name: "post_listing", input: { itemId: id, text: "For sale, in good shape." } });
  }
  for (const line of section(update, "Wants without a want ad")) {
    const id = /want "([^"]+)"/.exec(line)?.[1];
    if (id) toolCalls.push({ name: "post_want_ad", input: { wantId: id } });
  }
  const openedFor = new Set<string>();
  const listings = [
    ...section(update, "New listings that match your wants:"),
    ...section(update, "Other listings for wants whose listing went to someone else:"),
  ];
  for (const line of listings) {
    const listing = /listing (\S+) /.exec(line)?.[1];
    const asking = new RegExp(`asking (${AMOUNT})`).exec(line)?.[1];
    const want = new RegExp(`For want "([^"]+)" \\(target (${AMOUNT})\\)`).exec(line);
    if (!listing || !asking || !want || openedFor.has(want[1]!)) continue;
    openedFor.add(want[1]!);
    const price = Math.min(cents(want[2]!), cents(asking) * (style.buyerOpening ?? 0.7));
    toolCalls.push({
      name: "make_offer",
      input: {
        listingId: listing,
        wantId: want[1],
        price: dollars(price),
        text: say(dollars(price), "buyer"),
      },
    });
  }

  const blocks = update.split(/\n(?=### Thread )/).filter((block) => block.startsWith("### Thread "));
  for (const block of blocks) {
    const head = new RegExp(
      `^### Thread (\\S+): you (sell|buy) .*?asking (${AMOUNT}), your target (${AMOUNT})`,
    ).exec(block);
    if (!head) continue;
    const [, threadId, verb, askingText, targetText] = head;
    const role = verb === "sell" ? "seller" : "buyer";
    const confirm = /confirm_deal \(dealId "([^"]+)"\)/.exec(block);
    if (confirm && /accepted your offer/.test(block) && !/confirmed for you/.test(block)) {
      toolCalls.push({ name: "confirm_deal", input: { dealId: confirm[1] } });
      continue;
    }
    const now = /^Now: (.*)$/m.exec(block)?.[1];
    if (!now) continue;
    const theirs = new RegExp(`open offer (\\S+) version (\\d+) is (${AMOUNT})`).exec(now);
    const mine = new RegExp(`your last offer was (${AMOUNT})`).exec(now);
    const made = Number(/you have made (\d+) of (\d+)/.exec(now)?.[1] ?? 0);
    const cap = Number(/you have made \d+ of (\d+)/.exec(now)?.[1] ?? 6);
    if (!theirs) continue; // Nothing to answer.
    const asking = cents(askingText!);
    const target = cents(targetText!);
    const their = cents(theirs[3]!);
    const last = mine ? cents(mine[1]!) : undefined;
    let next: number;
    const bound = refused.get(threadId!);
    if (role === "seller") {
      // Past its target if need be; never again at or below a price the market refused.
      const floor = Math.max(target * (1 - slack), bound?.below !== undefined ? bound.below * 1.05 : 0);
      next = last === undefined ? asking * (style.sellerOpening ?? 0.97) : last - (last - their) * concession;
      // Prices are written in whole dollars: concede at least one, or a small item's talk never moves.
      if (last !== undefined && their < last) next = Math.min(next, last - 100);
      next = Math.max(floor, Math.min(asking, next));
      if (their >= next * 0.98 || their >= target) {
        toolCalls.push({
          name: "accept_offer",
          input: { offerId: theirs[1], version: Number(theirs[2]), text: "Deal." },
        });
        continue;
      }
    } else {
      const ceiling = Math.min(
        target * (1 + slack),
        bound?.above !== undefined ? bound.above * 0.95 : Number.POSITIVE_INFINITY,
      );
      next =
        last === undefined
          ? Math.min(target, asking * (style.buyerOpening ?? 0.7))
          : last + (their - last) * concession;
      if (last !== undefined && their > last) next = Math.max(next, last + 100);
      next = Math.min(ceiling, next);
      if (their <= next * 1.02 || their <= target) {
        toolCalls.push({
          name: "accept_offer",
          input: { offerId: theirs[1], version: Number(theirs[2]), text: "Deal." },
        });
        continue;
      }
    }
    const stuck = last !== undefined && Math.round(next / 100) === Math.round(last / 100) && made >= 3;
    if (made >= cap - 1 || stuck) {
      // Out of offers, or no room left to move after a few rounds: take it if close enough, else walk.
      const close = role === "seller" ? their >= target * (1 - slack) : their <= target * (1 + slack);
      toolCalls.push(
        close
          ? { name: "accept_offer", input: { offerId: theirs[1], version: Number(theirs[2]) } }
          : { name: "decline_thread", input: { threadId, text: "We are too far apart, thanks anyway." } },
      );
      continue;
    }
    toolCalls.push({
      name: "make_offer",
      input: { threadId, price: dollars(next), text: say(dollars(next), role) },
    });
  }
  return toolCalls.length > 0 ? { toolCalls } : { text: "Nothing to do now." };
}

/** The negotiator as a script for `scriptedModel`. */
export function negotiatorScript(style: NegotiatorStyle = {}): Script {
  return (call) => {
    const history = call.prompt
      .filter((message) => message.role === "user")
      .map((message) => JSON.stringify(message.content))
      .join("\n");
    return negotiatorReply({ lastUser: call.lastUser, history: history.replaceAll('\\"', '"') }, style);
  };
}
