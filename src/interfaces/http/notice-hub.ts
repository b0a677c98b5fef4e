import type { MarketSession } from "../../app/serve/market-session.ts";
import type { MarketHost } from "../../runner/market-host.ts";
import { type EventNotice, eventNotice } from "./event-notice.ts";

/** A notice as the hub shares it: for a person joining, also the account they joined from. */
export interface SharedNotice extends EventNotice {
  /** The account whose participant registered (none for a built-in person filling the market). */
  joinedAccount?: string;
}

/** Notices kept for streams that connect or fall behind (about 200 bytes each). */
const KEPT = 5_000;

/**
 * The running market's notices, made once for every stream. Each event's notice (its SSE block,
 * audience, thread) used to be made again for each of the 200 streams of bench:serve, each stream
 * following the host's events on its own and re-reading the community file when anyone joined (13,800
 * reads in the opening's registrations); now one loop follows the host and each stream only checks
 * what its reader may see and writes the blocks. Streams get the notices of a burst together, so one
 * write carries them.
 *
 * A stream asks from any seq: notices the hub still keeps come from it, older ones are made from
 * the host's log for that stream alone until it reaches what the hub keeps.
 */
export class NoticeHub {
  private readonly kept: SharedNotice[] = [];
  /** The seq of the next event the hub will make a notice of. */
  private next: number;
  private ended = false;
  private waiters: (() => void)[] = [];
  private waking = false;

  /** Use `NoticeHub.of`: one hub per host. `keep` is for tests. */
  constructor(
    private readonly host: MarketHost,
    private readonly session: Pick<MarketSession, "appendedAt" | "community">,
    private readonly keep = KEPT,
  ) {
    this.next = host.durableSeq + 1;
    void this.run();
  }

  private static readonly hubs = new WeakMap<MarketHost, NoticeHub>();

  /** The one hub of `host`, started on first use. */
  static of(host: MarketHost, session: MarketSession): NoticeHub {
    let hub = NoticeHub.hubs.get(host);
    if (!hub) {
      hub = new NoticeHub(host, session);
      NoticeHub.hubs.set(host, hub);
    }
    return hub;
  }

  /**
   * The notices from `fromSeq` on, a burst at a time, until the host's events end (the market closed
   * or the server stops) or `signal` aborts.
   */
  async *follow(fromSeq: number, signal: AbortSignal): AsyncGenerator<SharedNotice[]> {
    let next = Math.max(1, fromSeq);
    while (!signal.aborted) {
      const first = this.kept[0]?.seq ?? this.next;
      if (next < first) {
        // Older than what the hub keeps: made from the log for this stream, up to the hub's range.
        for await (const event of this.host.events({ fromSeq: next, signal })) {
          yield [await this.share(eventNotice(this.host.state, event, this.session.appendedAt(event.seq)))];
          next = event.seq + 1;
          if (next >= (this.kept[0]?.seq ?? this.next)) break;
        }
        if (next < (this.kept[0]?.seq ?? this.next)) return;
        continue;
      }
      if (next < this.next) {
        const from = next - first;
        const batch = this.kept.slice(from);
        next = this.next;
        yield batch;
        continue;
      }
      if (this.ended) return;
      await this.changed(signal);
    }
  }

  private async run(): Promise<void> {
    try {
      for await (const event of this.host.events({ fromSeq: this.next })) {
        const appendedAt = this.session.appendedAt(event.seq);
        this.kept.push(await this.share(eventNotice(this.host.state, event, appendedAt)));
        this.next = event.seq + 1;
        if (this.kept.length > 2 * this.keep) this.kept.splice(0, this.kept.length - this.keep);
        this.wake();
      }
    } catch {
      // The host failed (its log unreadable): streams end as they do when it closes, and reconnect.
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  /** Who joined, resolved once for every stream (a stream re-reads its reader only when it was them). */
  private async share(notice: EventNotice): Promise<SharedNotice> {
    if (!notice.joined) return notice;
    const account = (await this.session.community.accounts()).find(
      (candidate) => candidate.participant?.id === notice.joined,
    );
    return account ? { ...notice, joinedAccount: account.id } : notice;
  }

  /** Wakes the followers once per burst: the events the host makes together go out together. */
  private wake(): void {
    if (this.waking) return;
    this.waking = true;
    setImmediate(() => {
      this.waking = false;
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
  }

  private changed(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.push(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
