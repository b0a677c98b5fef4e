import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { MarketSession } from "../../../app/serve/market-session.ts";
import type { MarketState } from "../../../engine/state.ts";
import { noticeVisibleTo } from "../event-notice.ts";
import { marketInfo } from "../market-info.ts";
import { NoticeHub } from "../notice-hub.ts";
import { readerOf } from "../reader.ts";
import { type AppEnv, requireSignedIn } from "../session-auth.ts";

const KEEPALIVE_MS = 15_000;

/**
 * The market as it happens, as server-sent events: `event: market` for each event the caller may
 * know of (the log's sequence number is the SSE id, so a reconnecting browser's Last-Event-ID
 * resumes exactly after what it had), and `event: phase` when the market opens or closes.
 */
export function eventsRoute(session: MarketSession): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/api/events", (c) => {
    const caller = requireSignedIn(c);
    const last = Number(c.req.header("last-event-id") ?? c.req.query("after") ?? 0);
    let next = Number.isSafeInteger(last) && last > 0 ? last + 1 : 1;
    c.header("x-accel-buffering", "no");
    return streamSSE(c, async (stream) => {
      const abort = new AbortController();
      stream.onAbort(() => abort.abort());
      const keepalive = setInterval(
        () => void stream.write(": keepalive\n\n").catch(() => abort.abort()),
        KEEPALIVE_MS,
      );
      const phase = async () =>
        stream.writeSSE({ event: "phase", data: JSON.stringify(await marketInfo(session)) });
      const unsubscribe = session.onPhase(() => void phase().catch(() => abort.abort()));
      const outbox = new SseOutbox(
        (text) => stream.write(text),
        () => abort.abort(),
      );
      const accountId = caller.kind === "person" ? caller.account.id : undefined;
      const currentReader = async (state: MarketState) => {
        const fresh =
          caller.kind === "person" ? await session.community.account(caller.account.id) : undefined;
        return readerOf(fresh ? { kind: "person", account: fresh } : caller, session, state);
      };
      try {
        await phase();
        while (!abort.signal.aborted) {
          const host =
            session.liveHost ??
            (session.phase === "waiting" || session.phase === "open"
              ? await Promise.race([session.whenRunning(), aborted(abort.signal)])
              : undefined);
          if (!host) {
            await aborted(abort.signal);
            break;
          }
          let reader = await currentReader(host.state);
          for await (const notices of NoticeHub.of(host, session).follow(next, abort.signal)) {
            for (const notice of notices) {
              next = notice.seq + 1;
              // The caller may have just joined the market: who they are is read again when it is them.
              if (notice.joinedAccount !== undefined && notice.joinedAccount === accountId) {
                reader = await currentReader(host.state);
              }
              if (noticeVisibleTo(notice, reader)) outbox.add(notice.block);
            }
            // A slow reader holds back its own stream, not the server's memory.
            if (outbox.backlog > 256) await outbox.drain();
          }
          await outbox.drain();
          // The host closed (the market ended, or the server is stopping): wait for the next one.
          if (session.liveHost === host || session.phase === "closed") {
            await aborted(abort.signal);
          }
        }
      } finally {
        clearInterval(keepalive);
        unsubscribe();
      }
    });
  });
  return app;
}

function aborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener("abort", () => resolve(undefined), { once: true });
  });
}

/**
 * A stream's market events, written together: the events of one burst (an agent's turn makes several
 * at once) go out in one write, the next write once the last has been taken. With 200 people watching,
 * one write per event per person queued each event behind hundreds of small writes (bench:serve: p95
 * 215 ms from append to arrival, against 144 ms written unawaited and ... batched).
 */
class SseOutbox {
  private text = "";
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly write: (text: string) => Promise<unknown>,
    private readonly failed: () => void,
  ) {}

  get backlog(): number {
    return this.text.length / 100;
  }

  /** Queues one SSE block (`id:`, `event:`, `data:` and the blank line). */
  add(block: string): void {
    this.text += block;
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
  }

  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.text) {
      const text = this.text;
      this.text = "";
      try {
        await this.write(text);
      } catch {
        this.failed();
        this.text = "";
      }
    }
    this.flushing = undefined;
  }
}
