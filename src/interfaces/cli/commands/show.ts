import type { Command } from "commander";
import { AppError } from "../../../app/errors.ts";
import { feed } from "../../../app/queries/feed.ts";
import { participantPage } from "../../../app/queries/participant-page.ts";
import { threadList } from "../../../app/queries/thread-list.ts";
import type { ThreadSummary } from "../../../app/queries/thread-summary.ts";
import { threadTranscript } from "../../../app/queries/thread-transcript.ts";
import { OPERATOR } from "../../../app/queries/viewer.ts";
import { formatMoney } from "../../../domain/money.ts";
import type { MarketState } from "../../../engine/state.ts";
import { connectToRunningHost } from "../../local/host-client.ts";
import { UsageError } from "../errors.ts";
import { openRun } from "../open-run.ts";
import { emit } from "../output.ts";
import { terminalText as safe } from "../terminal-text.ts";

function time(at: number): string {
  return new Date(at).toISOString().slice(5, 16).replace("T", " ");
}

/**
 * The market `show` reads: the run folder's log, replayed. `show` runs on the owner's machine, so it
 * reads as the operator. The one place to change to read a running market instead.
 */
/**
 * The market as its log stands: read through the host when the market is running in another
 * process (its embedded store is locked while it runs), else straight from the log.
 */
async function loadState(run: string, db: string | undefined): Promise<MarketState> {
  const running = await connectToRunningHost(run);
  if (running) return running.state();
  return (await openRun(run, db)).state;
}

/** Runs a query, turning its not-found errors into the CLI's usage errors (exit code 2). */
function query<T>(run: () => T, notFound: string): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AppError && error.kind === "not-found") throw new UsageError(notFound);
    throw error;
  }
}

/** A thread as `show` has always printed it in lists: names for people, a message count. */
function listed(thread: ThreadSummary) {
  return {
    id: thread.id,
    item: thread.item,
    askingPrice: thread.askingPrice,
    seller: thread.seller.name,
    buyer: thread.buyer.name,
    status: thread.status,
    ...(thread.deal
      ? { deal: { id: thread.deal.id, price: thread.deal.price, status: thread.deal.status } }
      : {}),
    messages: thread.messageCount,
  };
}

export function register(program: Command): void {
  program
    .command("show")
    .description(
      "Print what happened in a run: its threads, one transcript, the channel, or one person's view",
    )
    .argument("<run>", "the run folder")
    .option("--thread <id>", "print one negotiation's transcript: its thread id (T12) or its deal's id (D53)")
    .option("--channel", "print the shared channel")
    .option("--participant <id>", "print one participant's listings, wants, threads and deals")
    .option("--db <url>", "the PostgreSQL URL the run used, if any")
    .option("--json", "machine-readable output")
    .action(
      async (
        run: string,
        options: { thread?: string; channel?: boolean; participant?: string; db?: string; json?: boolean },
      ) => {
        const state = await loadState(run, options.db);
        const currency = state.config.currency;
        const money = (cents: number) => formatMoney(cents, currency, { alwaysCents: true });
        if (options.thread) {
          const threadId = options.thread;
          const found = query(
            () => threadTranscript(state, OPERATOR, threadId),
            `no thread or deal "${threadId}" in this run: see the list with haggle show <run>`,
          );
          const transcript = {
            ...listed(found),
            messages: found.messages.map((m) => ({ at: m.at, from: m.from.name, text: m.text })),
          };
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
          const posts = feed(state, OPERATOR).entries.map((entry) => ({
            at: entry.at,
            kind: entry.kind,
            from: entry.from.name,
            text:
              entry.kind === "for sale"
                ? `${entry.text} (${entry.condition}) ${money(entry.askingPrice)} [${entry.id}, ${entry.status}]`
                : entry.kind === "looking for"
                  ? `${entry.text} [${entry.id}, ${entry.status}]`
                  : entry.text,
          }));
          emit(Boolean(options.json), posts, () =>
            posts.map((p) => `[${time(p.at)}] ${safe(p.from)} ${p.kind}: ${safe(p.text)}`).join("\n"),
          );
          return;
        }
        if (options.participant) {
          const id = options.participant;
          const page = query(
            () => participantPage(state, OPERATOR, id),
            `no participant "${id}" in this run`,
          );
          const data = {
            id: page.id,
            name: page.name,
            spent: page.spent,
            earned: page.earned,
            listings: page.listings,
            threads: page.threads.map(listed),
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
        const list = threadList(state, OPERATOR).map(listed);
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
