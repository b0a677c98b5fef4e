import type { Command } from "commander";
import { formatMoney } from "../../../domain/money.ts";
import type { MarketState } from "../../../engine/state.ts";
import { UsageError } from "../errors.ts";
import { openRun } from "../open-run.ts";
import { emit } from "../output.ts";
import { terminalText as safe } from "../terminal-text.ts";

function time(at: number): string {
  return new Date(at).toISOString().slice(5, 16).replace("T", " ");
}

function nameOf(state: MarketState, id: string): string {
  return state.participants.get(id)?.participant.name ?? id;
}

/** A thread as data: its messages and offers in order. Never includes anyone's limits. */
function threadTranscript(state: MarketState, threadId: string) {
  const thread = state.threads.get(threadId);
  if (!thread)
    throw new UsageError(`no thread "${threadId}" in this run: see the list with haggle show <run>`);
  const listing = state.listings.get(thread.listingId)!;
  const deal = thread.dealId ? state.deals.get(thread.dealId) : undefined;
  return {
    id: thread.id,
    item: listing.title,
    askingPrice: listing.askingPrice,
    seller: nameOf(state, thread.seller),
    buyer: nameOf(state, thread.buyer),
    status: thread.status,
    ...(deal ? { deal: { id: deal.id, price: deal.price, status: deal.status } } : {}),
    messages: thread.messageIds.map((id) => {
      const message = state.messages.get(id)!;
      return { at: message.at, from: nameOf(state, message.from), text: message.text };
    }),
  };
}

export function register(program: Command): void {
  program
    .command("show")
    .description(
      "Print what happened in a run: its threads, one transcript, the channel, or one person's view",
    )
    .argument("<run>", "the run folder")
    .option("--thread <id>", "print one negotiation's transcript")
    .option("--channel", "print the shared channel")
    .option("--participant <id>", "print one participant's listings, wants, threads and deals")
    .option("--db <url>", "the PostgreSQL URL the run used, if any")
    .option("--json", "machine-readable output")
    .action(
      async (
        run: string,
        options: { thread?: string; channel?: boolean; participant?: string; db?: string; json?: boolean },
      ) => {
        const { state } = await openRun(run, options.db);
        const currency = state.config.currency;
        const money = (cents: number) => formatMoney(cents, currency, { alwaysCents: true });
        if (options.thread) {
          const transcript = threadTranscript(state, options.thread);
          emit(Boolean(options.json), transcript, () =>
            [
              `${transcript.id}: "${safe(transcript.item)}" (asking ${money(transcript.askingPrice)}), ${safe(transcript.seller)} selling to ${safe(transcript.buyer)}: ${transcript.status}${transcript.deal ? `, deal ${transcript.deal.id} at ${money(transcript.deal.price)}` : ""}`,
              "",
              ...transcript.messages.map((m) => `[${time(m.at)}] ${safe(m.from)}: ${safe(m.text)}`),
            ].join("\n"),
          );
          return;
        }
        if (options.channel) {
          const posts = [...state.listings.values()].map((l) => ({
            at: l.postedAt,
            kind: "for sale",
            from: nameOf(state, l.seller),
            text: `${l.title} (${l.condition}) ${money(l.askingPrice)} [${l.id}, ${l.status}]`,
          }));
          const ads = [...state.wantAds.values()].map((a) => ({
            at: a.postedAt,
            kind: "looking for",
            from: nameOf(state, a.buyer),
            text: `${a.description} [${a.id}, ${a.status}]`,
          }));
          const messages = state.channelMessageIds.map((id) => {
            const m = state.messages.get(id)!;
            return { at: m.at, kind: "message", from: nameOf(state, m.from), text: m.text };
          });
          const feed = [...posts, ...ads, ...messages].sort((a, b) => a.at - b.at);
          emit(Boolean(options.json), feed, () =>
            feed.map((p) => `[${time(p.at)}] ${safe(p.from)} ${p.kind}: ${safe(p.text)}`).join("\n"),
          );
          return;
        }
        if (options.participant) {
          const self = state.participants.get(options.participant);
          if (!self) throw new UsageError(`no participant "${options.participant}" in this run`);
          const threads = self.threadIds.map((id) => threadTranscript(state, id));
          const data = {
            id: self.participant.id,
            name: self.participant.name,
            spent: self.spent,
            earned: self.earned,
            listings: self.listingIds.map((id) => state.listings.get(id)!),
            threads: threads.map(({ messages, ...rest }) => ({ ...rest, messages: messages.length })),
          };
          emit(Boolean(options.json), data, () =>
            [
              `${safe(data.name)} (${data.id}): spent ${money(data.spent)}, earned ${money(data.earned)}`,
              "Listings:",
              ...data.listings.map((l) => `  ${l.id} ${safe(l.title)} ${money(l.askingPrice)} ${l.status}`),
              "Negotiations:",
              ...data.threads.map(
                (t) =>
                  `  ${t.id} ${safe(t.seller)} -> ${safe(t.buyer)}: ${safe(t.item)}: ${t.status}${t.deal ? ` at ${money(t.deal.price)}` : ""} (${t.messages} messages)`,
              ),
            ].join("\n"),
          );
          return;
        }
        const threads = [...state.threads.values()].map((t) => threadTranscript(state, t.id));
        const list = threads.map(({ messages, ...rest }) => ({ ...rest, messages: messages.length }));
        emit(Boolean(options.json), list, () =>
          list
            .map(
              (t) =>
                `${t.id.padEnd(6)} ${t.status.padEnd(11)} ${safe(t.seller)} -> ${safe(t.buyer)}: ${safe(t.item)}${t.deal ? ` at ${money(t.deal.price)}` : ""}`,
            )
            .join("\n"),
        );
      },
    );
}
