import { resolve } from "node:path";
import { App, LogLevel, webApi } from "@slack/bolt";
import { HaggleError } from "../../domain/errors.ts";
import type { MarketEvent } from "../../engine/event.ts";
import type { MarketHost } from "../../runner/market-host.ts";
import type { SlackConfig, SlackSecrets } from "./config.ts";
import { slackSecrets } from "./config.ts";
import { FetchReceiver } from "./fetch-receiver.ts";
import { type MirrorFile, MirrorFileWriter, readMirrorFile } from "./mirror-state.ts";
import { Poster } from "./poster.ts";
import { dealDm, dealDmContent, dmKey, renderEvent, type SlackPost } from "./render.ts";
import { type Backoff, callUntilDone, MirrorStopped } from "./slack-calls.ts";
import { listenForRequests, type SlackMirrorActions } from "./slack-requests.ts";

export { type SlackMirrorActions, type SurveyAnswer, slackLinkCode } from "./slack-requests.ts";

export interface SlackMirrorTiming {
  /** Least wait between two messages in one channel or DM; default from `messagesPerSecond`. */
  minIntervalMs?: number;
  /** First wait after a network failure, doubled each time up to `retryMaxMs` (defaults 1 s, 60 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A Web API call that takes longer fails (and counts as maybe delivered); default 15 s. */
  requestTimeoutMs?: number;
  /** Posts waiting at most before the mirror stops reading the log for a while (default 200). */
  maxPending?: number;
}

export interface StartSlackMirrorOptions {
  host: MarketHost;
  config: SlackConfig;
  /** Where `slack-mirror.json` is kept (the run folder). */
  stateDir: string;
  actions: SlackMirrorActions;
  /** The bot token and signing secret; read from the environment variables the config names if absent. */
  secrets?: SlackSecrets;
  /** Where the mirror reports trouble (Slack down, a post refused); default stderr. */
  log?: (line: string) => void;
  timing?: SlackMirrorTiming;
  /**
   * False when the market keeps negotiations between their two sides (`haggle serve`'s
   * `negotiations: private`): then no negotiation is posted, whatever `config.negotiations` says.
   */
  publicNegotiations?: boolean;
}

export interface SlackMirror {
  /** Stops reading and posting (a request under way finishes), saves the state; safe to call twice. */
  stop(): Promise<void>;
  /** Ends once the host has closed and everything is posted, or the mirror was stopped; rejects if it failed. */
  done: Promise<void>;
  /**
   * Serves a request from Slack (interactivity and the `/haggle` command), verified by signature:
   * mount it at `POST /slack/events`, e.g. `app.post("/slack/events", (c) => mirror.handle(c.req.raw))`.
   */
  handle(request: Request): Promise<Response>;
  /** Resolves once every durable event so far is posted and every click handled (for tests and shutdown). */
  idle(): Promise<void>;
}

/** The state folders of the mirrors running in this process: one mirror a folder. */
const ACTIVE = new Set<string>();

/**
 * Mirrors a running market to a Slack channel: reads the host's log at its own pace (never slowing
 * the market), posts listings, want ads and channel messages to the channel and each negotiation in
 * the thread under its listing, and sends each person linked to a Slack user their deals'
 * confirmations with the hand-over button and the survey. One queue per channel and per DM, about
 * one message a second each, waiting out 429s and outages. What was posted is remembered by event
 * in `<stateDir>/slack-mirror.json` (written atomically), so a restart, a pause or an outage
 * catches up from the log without posting anything twice.
 */
export async function startSlackMirror(options: StartSlackMirrorOptions): Promise<SlackMirror> {
  const dir = resolve(options.stateDir);
  if (ACTIVE.has(dir)) {
    throw new HaggleError(
      `a Slack mirror already runs on ${dir}: stop it (await mirror.stop()) before starting another, e.g. on the market's next host`,
      { kind: "conflict", code: "slack/already-mirroring" },
    );
  }
  ACTIVE.add(dir);
  let mirror: Mirror;
  try {
    mirror = new Mirror(options, await readMirrorFile(options.stateDir, options.config.channel));
  } catch (error) {
    ACTIVE.delete(dir);
    throw error;
  }
  mirror.start();
  // A mirror that has ended (its host closed, or it failed) frees its folder for the next; it still
  // answers clicks (hand-overs come after the market closes) until it is stopped.
  void mirror.done.catch(() => {}).finally(() => ACTIVE.delete(dir));
  return {
    stop: () => mirror.stop().finally(() => ACTIVE.delete(dir)),
    done: mirror.done,
    handle: (request) => mirror.receiver.handle(request),
    idle: () => mirror.idle(),
  };
}

class Mirror {
  readonly receiver: FetchReceiver;
  readonly done: Promise<void>;
  private resolveDone: () => void = () => {};
  private rejectDone: (error: Error) => void = () => {};
  private readonly host: MarketHost;
  private readonly config: SlackConfig;
  private readonly secrets: SlackSecrets;
  private readonly client: webApi.WebClient;
  private readonly app: App;
  private readonly writer: MirrorFileWriter;
  private readonly log: (line: string) => void;
  private readonly stopper = new AbortController();
  private readonly backoff: Backoff;
  private readonly maxPending: number;
  /** The tail of each queue (the channel's, each person's DM), so its posts go one at a time, in order. */
  private readonly queues = new Map<string, Promise<void>>();
  /** Posts outstanding by event seq: the cursor cannot pass the first. */
  private readonly pending = new Map<number, number>();
  private readonly work = new Set<Promise<unknown>>();
  private outstanding = 0;
  private lastRead: number;
  private room: (() => void) | undefined;
  private readonly poster: Poster;
  private stopping: Promise<void> | undefined;
  private readonly actions: SlackMirrorActions;
  private readonly negotiations: boolean;

  constructor(
    options: StartSlackMirrorOptions,
    private readonly file: MirrorFile,
  ) {
    this.host = options.host;
    this.actions = options.actions;
    this.negotiations = options.config.negotiations && options.publicNegotiations !== false;
    this.config = options.config;
    this.secrets = options.secrets ?? slackSecrets(options.config);
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    const timing = options.timing ?? {};
    this.backoff = { retryBaseMs: timing.retryBaseMs ?? 1_000, retryMaxMs: timing.retryMaxMs ?? 60_000 };
    this.maxPending = timing.maxPending ?? 200;
    this.lastRead = file.cursor - 1;
    this.writer = new MirrorFileWriter(options.stateDir, () => this.file);
    const clientOptions = {
      ...(options.config.apiUrl ? { slackApiUrl: options.config.apiUrl } : {}),
      // The mirror's own queue retries, waits out 429s and looks before posting again.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: timing.requestTimeoutMs ?? 15_000,
      logLevel: LogLevel.ERROR,
    };
    this.client = new webApi.WebClient(this.secrets.botToken, clientOptions);
    this.poster = new Poster({
      host: this.host,
      file: this.file,
      save: () => this.writer.save(),
      client: this.client,
      channel: options.config.channel,
      log: this.log,
      backoff: this.backoff,
      minIntervalMs: timing.minIntervalMs ?? Math.round(1000 / options.config.messagesPerSecond),
      signal: this.stopper.signal,
    });
    this.receiver = new FetchReceiver({
      signingSecret: this.secrets.signingSecret,
      log: this.log,
      track: (promise) => this.track(promise),
    });
    this.app = new App({
      receiver: this.receiver,
      // The token is known: no auth.test call at start (Slack may be down then).
      authorize: async () => ({ botToken: this.secrets.botToken }),
      clientOptions,
      ignoreSelf: false,
      logLevel: LogLevel.ERROR,
    });
    listenForRequests(this.app, {
      host: this.host,
      file: this.file,
      save: () => this.writer.save(),
      client: this.client,
      actions: this.actions,
      signingSecret: this.secrets.signingSecret,
      channel: this.config.channel,
      refreshDm: (dealId, participant, notice, handedOverBy) =>
        this.refreshDm(dealId, participant, notice, handedOverBy),
      owedDms: (participant) => this.owedDms(participant),
    });
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => {});
  }

  start(): void {
    void this.read().then(
      () => this.resolveDone(),
      (error: unknown) => {
        if (error instanceof MirrorStopped || this.stopper.signal.aborted) this.resolveDone();
        else {
          this.log(`slack: the mirror stopped: ${(error as Error).message}`);
          this.rejectDone(error as Error);
        }
      },
    );
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopper.abort();
      this.room?.();
      await Promise.allSettled([...this.queues.values(), ...this.work]);
      await this.writer.save();
      await this.done.catch(() => {});
    })();
    return this.stopping;
  }

  async idle(): Promise<void> {
    for (;;) {
      if (this.stopper.signal.aborted) return;
      if (this.lastRead >= this.host.durableSeq && this.outstanding === 0 && this.work.size === 0) {
        await this.writer.save();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private track(promise: Promise<unknown>): void {
    this.work.add(promise);
    void promise.finally(() => this.work.delete(promise));
  }

  // ---- reading the log ------------------------------------------------------------------------

  /** Reads every event from the cursor on, then each as it becomes durable, until the host closes. */
  private async read(): Promise<void> {
    const signal = this.stopper.signal;
    for await (const event of this.host.events({ fromSeq: this.file.cursor, viewer: "operator", signal })) {
      if (signal.aborted) break;
      this.take(event);
      this.lastRead = event.seq;
      this.advance();
      while (this.outstanding >= this.maxPending && !signal.aborted) {
        await new Promise<void>((resolve) => {
          this.room = resolve;
        });
      }
    }
    // The host has closed (or the mirror stopped): post what is owed, then end.
    await Promise.all(this.queues.values());
    await this.writer.save();
  }

  private take(event: MarketEvent): void {
    for (const post of renderEvent(event, this.host.state, { negotiations: this.negotiations })) {
      this.enqueue(post, true);
    }
    if (event.type === "deal-handed-over") {
      const deal = this.host.state.deals.get(event.dealId);
      if (deal) for (const participant of [deal.seller, deal.buyer]) this.refreshDm(deal.id, participant);
    }
  }

  /** The next event to read: every one before it has all its posts done. */
  private advance(): void {
    let cursor = this.lastRead + 1;
    for (const seq of this.pending.keys()) cursor = Math.min(cursor, seq);
    if (cursor === this.file.cursor) return;
    this.file.cursor = cursor;
    for (const key of Object.keys(this.file.posts)) {
      if (Number(key.slice(1)) < cursor) delete this.file.posts[key];
    }
    void this.writer.save();
  }

  /** Queues `post` unless it is done; `counted` posts hold the cursor back until they are. */
  private enqueue(post: SlackPost, counted: boolean): void {
    const record = this.poster.records(post)[post.key];
    if (record?.ts || record?.skipped) return;
    const queue = post.target.kind === "dm" ? `dm:${post.target.participant}` : "channel";
    if (counted) this.pending.set(post.seq, (this.pending.get(post.seq) ?? 0) + 1);
    this.outstanding++;
    const tail = (this.queues.get(queue) ?? Promise.resolve())
      .then(() => this.poster.deliver(this.current(post), queue))
      .catch((error: unknown) => {
        if (!(error instanceof MirrorStopped))
          this.log(`slack: ${post.key} not posted: ${(error as Error).message}`);
      })
      .finally(() => {
        this.outstanding--;
        if (counted && !this.stopper.signal.aborted) {
          const left = (this.pending.get(post.seq) ?? 1) - 1;
          if (left > 0) this.pending.set(post.seq, left);
          else this.pending.delete(post.seq);
          this.advance();
        }
        if (this.outstanding < this.maxPending) {
          const room = this.room;
          this.room = undefined;
          room?.();
        }
      });
    this.queues.set(queue, tail);
  }

  // ---- DMs after the fact -----------------------------------------------------------------------

  /** A deal's DM as it stands when it is sent (a hand-over or an answer may have come since it was queued). */
  private current(post: SlackPost): SlackPost {
    if (post.target.kind !== "dm") return post;
    const { dealId, participant } = post.target;
    const deal = this.host.state.deals.get(dealId);
    if (!deal) return post;
    const answers = this.file.answers[`${dealId}:${participant}`] ?? {};
    return { ...post, ...dealDmContent(this.host.state, deal, participant, answers) };
  }

  /** Shows the DM of `dealId` to `participant` as it stands now (hand-over, answers), if it was sent. */
  private refreshDm(dealId: string, participant: string, notice?: string, handedOverBy?: string[]): void {
    const record = this.file.dms[dmKey(dealId, participant)];
    const known = this.host.state.deals.get(dealId);
    if (!record?.ts || !record.channel || !known) return;
    // After the market's host has closed, a hand-over goes through another: its answer is newer.
    const deal = handedOverBy ? { ...known, handedOverBy } : known;
    const answers = this.file.answers[`${dealId}:${participant}`] ?? {};
    const { text, blocks } = dealDmContent(this.host.state, deal, participant, answers, notice);
    const channel = record.channel;
    const ts = record.ts;
    this.track(
      callUntilDone(() => this.client.chat.update({ channel, ts, text, blocks }), {
        ...this.backoff,
        // Clicks come after the market has closed too (hand-overs take days): until stop(), not the log's end.
        signal: AbortSignal.any([AbortSignal.timeout(120_000), this.stopper.signal]),
        log: this.log,
        what: `updating ${dealId}'s DM`,
      }).catch((error: unknown) => {
        if (!(error instanceof MirrorStopped))
          this.log(`slack: could not update ${dealId}'s DM: ${(error as Error).message}`);
      }),
    );
  }

  /** Sends `participant` the confirmation of each of their deals they have not had in Slack. */
  private owedDms(participant: string): void {
    for (const deal of this.host.state.deals.values()) {
      if (deal.seller !== participant && deal.buyer !== participant) continue;
      if (deal.status !== "confirmed" && deal.status !== "handed-over") continue;
      this.enqueue(dealDm(this.host.state, deal, participant, 0), false);
    }
  }
}
