import type { Command } from "commander";
import { AppError } from "../../../app/errors.ts";
import { feed } from "../../../app/queries/feed.ts";
import { participantPage } from "../../../app/queries/participant-page.ts";
import { threadList } from "../../../app/queries/thread-list.ts";
import type { ThreadSummary } from "../../../app/queries/thread-summary.ts";
import { threadTranscript } from "../../../app/queries/thread-transcript.ts";
import { OPERATOR } from "../../../app/queries/viewer.ts";
import { formatMoney } from "../../../domain/money.ts";
import { counted } from "../../../domain/plural.ts";
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

/** What `show` prints in one mode: the data for `--json` and the text for people. */
export interface Shown<T> {
  data: T;
  text: string;
}

const moneyOf = (state: MarketState) => (cents: number) =>
  formatMoney(cents, state.config.currency, { alwaysCents: true });

/*
 * Every name, title and message below was written by an agent or its owner: each goes through `safe`
 * (terminalText), so it prints as one inert line.
 */

/** One negotiation's transcript. */
export function showThread(state: MarketState, threadId: string) {
  const money = moneyOf(state);
  const found = query(
    () => threadTranscript(state, OPERATOR, threadId),
    `no thread or deal "${threadId}" in this run: see the list with haggle show <run>`,
  );
  const data = {
    ...listed(found),
    messages: found.messages.map((m) => ({ at: m.at, from: m.from.name, text: m.text })),
  };
  const text = [
    `${data.id}: "${safe(data.item)}" (asking ${money(data.askingPrice)}), ${safe(data.seller)} selling to ${safe(data.buyer)}: ${data.status}${data.deal ? `, deal ${data.deal.id} at ${money(data.deal.price)}` : ""}`,
    "",
    ...data.messages.map((m) => `[${time(m.at)}] ${safe(m.from)}: ${safe(m.text)}`),
  ].join("\n");
  return { data, text };
}

/** The shared channel: listings, want ads and messages. */
export function showChannel(state: MarketState) {
  const money = moneyOf(state);
  const data = feed(state, OPERATOR).entries.map((entry) => ({
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
  const text = data.map((p) => `[${time(p.at)}] ${safe(p.from)} ${p.kind}: ${safe(p.text)}`).join("\n");
  return { data, text };
}

/** One participant's page. */
export function showParticipant(state: MarketState, id: string) {
  const money = moneyOf(state);
  const page = query(() => participantPage(state, OPERATOR, id), `no participant "${id}" in this run`);
  const data = {
    id: page.id,
    name: page.name,
    spent: page.spent,
    earned: page.earned,
    listings: page.listings,
    threads: page.threads.map(listed),
  };
  const text = [
    `${safe(data.name)} (${data.id}): spent ${money(data.spent)}, earned ${money(data.earned)}`,
    "Listings:",
    ...data.listings.map((l) => `  ${l.id} ${safe(l.title)} ${money(l.askingPrice)} ${l.status}`),
    "Negotiations:",
    ...data.threads.map(
      (t) =>
        `  ${t.id} ${safe(t.seller)} -> ${safe(t.buyer)}: ${safe(t.item)}: ${t.status}${t.deal ? ` at ${money(t.deal.price)}` : ""} (${counted(t.messages, "message")})`,
    ),
  ].join("\n");
  return { data, text };
}

/** Every negotiation, one a line. */
export function showThreads(state: MarketState) {
  const money = moneyOf(state);
  const data = threadList(state, OPERATOR).map(listed);
  const text = data
    .map(
      (t) =>
        `${t.id.padEnd(6)} ${t.status.padEnd(11)} ${safe(t.seller)} -> ${safe(t.buyer)}: ${safe(t.item)}${t.deal ? ` at ${money(t.deal.price)}` : ""}`,
    )
    .join("\n");
  return { data, text };
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
        const shown: Shown<unknown> = options.thread
          ? showThread(state, options.thread)
          : options.channel
            ? showChannel(state)
            : options.participant
              ? showParticipant(state, options.participant)
              : showThreads(state);
        emit(Boolean(options.json), shown.data, () => shown.text);
      },
    );
}
