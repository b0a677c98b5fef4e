import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { MarketEventMessage, MarketInfo, SessionInfo } from "../../../http/api-types.ts";
import { keys } from "./keys.ts";

/** How long events are gathered before the pages refetch: a busy market sends many a second. */
const BATCH_MS = 400;

export type StreamState = "connecting" | "live" | "reconnecting";

/**
 * Marks stale what a batch of events touched; react-query refetches only what is on screen. The
 * session is not among them: the market's phase comes on its own event.
 */
export function invalidateFor(client: QueryClient, events: readonly MarketEventMessage[]): void {
  if (events.length === 0) return;
  refetchChannel(client);
  void client.invalidateQueries({ queryKey: keys.me });
  void client.invalidateQueries({ queryKey: keys.organiser });
  const listings = new Set<string>();
  const threads = new Set<string>();
  let unscoped = false;
  for (const event of events) {
    if (event.listingId) listings.add(event.listingId);
    if (event.threadId) threads.add(event.threadId);
    if (!event.listingId && !event.threadId) unscoped = true;
  }
  if (unscoped || events.some((event) => event.participantId && !event.listingId)) {
    void client.invalidateQueries({ queryKey: keys.people });
  }
  // A thread's change shows on its listing's page too, and an event may name only the thread.
  if (unscoped || threads.size > 0) void client.invalidateQueries({ queryKey: keys.listings });
  else for (const id of listings) void client.invalidateQueries({ queryKey: keys.listing(id) });
  if (unscoped) void client.invalidateQueries({ queryKey: keys.threads });
  else for (const id of threads) void client.invalidateQueries({ queryKey: keys.thread(id) });
}

/** Clients whose channel refetch waits for a read in flight (one wait each, however many batches come). */
const waiting = new WeakSet<QueryClient>();

/**
 * Refetches the channel, but not over a read in flight. react-query's refetch cancels one by default,
 * and a cancelled page of older posts is not read again: the refetch reads only the pages already
 * there, so a person's "Older posts" click was lost whenever a batch of events came while its page
 * was being read (seen in CI: the channel stayed at 50 posts). The refetch waits for the read instead.
 */
function refetchChannel(client: QueryClient): void {
  if (client.isFetching({ queryKey: keys.channel }) === 0) {
    void client.invalidateQueries({ queryKey: keys.channel });
    return;
  }
  if (waiting.has(client)) return;
  waiting.add(client);
  setTimeout(() => {
    waiting.delete(client);
    refetchChannel(client);
  }, RECHECK_MS);
}

/** How often a refetch waiting for a channel read looks again. */
const RECHECK_MS = 100;

/** How long to wait before opening the stream again after the server refused or dropped it for good. */
const RETRY_MS = 3000;

/**
 * Follows the market's live stream (`/api/events`) while signed in: `event: market` for each change
 * (the log's seq is the SSE id) and `event: phase` when the market opens or closes. EventSource
 * reconnects by itself and sends Last-Event-ID, so the server replays exactly what was missed; when
 * the browser gives up (the server answered with an error, or was down too long), a new stream is
 * opened a little later from the last seq seen (`?after=`).
 */
export function useMarketEvents(enabled: boolean, fromSeq: number | undefined): StreamState {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");
  // Read when the stream opens, not followed after: a session refetch must not restart the stream.
  const from = useRef(fromSeq);
  from.current = fromSeq;
  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | undefined;
    let pending: MarketEventMessage[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // The page's reads are as fresh as the session it read first: the stream starts after the session's
    // last event, not at the market's first (a page opened late in a 40,000-event market would
    // otherwise be sent every one of them, each making it refetch).
    let lastSeq = from.current ?? 0;
    const flush = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      invalidateFor(client, batch);
    };
    const onMarket = (message: MessageEvent<string>) => {
      try {
        const event = JSON.parse(message.data) as MarketEventMessage;
        lastSeq = Math.max(lastSeq, event.seq);
        pending.push(event);
      } catch {
        return;
      }
      timer ??= setTimeout(flush, BATCH_MS);
    };
    const onPhase = (message: MessageEvent<string>) => {
      try {
        const market = JSON.parse(message.data) as MarketInfo;
        const before = client.getQueryData<SessionInfo>(keys.session)?.market.phase;
        client.setQueryData<SessionInfo>(keys.session, (session) =>
          session ? { ...session, market } : session,
        );
        if (before !== market.phase) {
          void client.invalidateQueries({ queryKey: keys.organiser });
          void client.invalidateQueries({ queryKey: keys.me });
          refetchChannel(client);
        }
      } catch {
        // A phase notice that is not JSON changes nothing.
      }
    };
    const open = () => {
      retry = undefined;
      source = new EventSource(lastSeq > 0 ? `/api/events?after=${lastSeq}` : "/api/events");
      source.addEventListener("market", onMarket);
      source.addEventListener("phase", onPhase);
      source.onopen = () => setState("live");
      source.onerror = () => {
        setState("reconnecting");
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(open, RETRY_MS);
        }
      };
    };
    open();
    return () => {
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [client, enabled]);
  return state;
}
