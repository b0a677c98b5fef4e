import { createHmac, timingSafeEqual } from "node:crypto";
import { resolve } from "node:path";
import { App, type BlockAction, LogLevel, webApi } from "@slack/bolt";
import { HaggleError } from "../../domain/errors.ts";
import type { MarketEvent } from "../../engine/event.ts";
import type { MarketHost } from "../../runner/market-host.ts";
import type { SlackConfig, SlackSecrets } from "./config.ts";
import { slackSecrets } from "./config.ts";
import { FetchReceiver } from "./fetch-receiver.ts";
import { type MirrorFile, MirrorFileWriter, type PostRecord, readMirrorFile } from "./mirror-state.ts";
import {
  ACTION,
  type DmActionValue,
  type DmAnswers,
  dealDm,
  dealDmContent,
  dmKey,
  renderEvent,
  type SlackPost,
} from "./render.ts";
import {
  type Backoff,
  backoffMs,
  callUntilDone,
  classifyFailure,
  MirrorStopped,
  pause,
} from "./slack-calls.ts";
import { slackText } from "./slack-text.ts";

/** One survey answer from a click: exactly one of the three questions. */
export interface SurveyAnswer {
  fairness?: number;
  satisfaction?: number;
  wouldPay?: boolean;
}

/**
 * What a click in Slack does: the same hand-over and survey records the web app writes. Each throws
 * (a HaggleError, whose message is shown to the person) when it is refused.
 */
export interface SlackMirrorActions {
  handOver(participant: string, dealId: string): Promise<unknown>;
  survey(participant: string, dealId: string, answer: SurveyAnswer): Promise<unknown>;
}

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

const METADATA_TYPE = "haggle_post";

/** The state folders of the mirrors running in this process: one mirror a folder. */
const ACTIVE = new Set<string>();

/** Slack refused the post itself: sending it again cannot help. */
const REFUSED_FOR_GOOD = new Set([
  "msg_too_long",
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_arguments",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "metadata_too_large",
  "too_many_attachments",
  "no_text",
  "cannot_dm_bot",
  "user_disabled",
  "user_not_found",
]);

/**
 * A person's link code for `/haggle link <participant> <code>`: proves to the mirror that whoever
 * types it is that participant. Show it only to them (their page in the web app).
 */
export function slackLinkCode(signingSecret: string, channel: string, participant: string): string {
  return createHmac("sha256", signingSecret)
    .update(`haggle-slack-link\n${channel}\n${participant}`)
    .digest("base64url")
    .replace(/[-_]/g, "")
    .slice(0, 10)
    .toUpperCase();
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a.toUpperCase());
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

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
  private readonly minIntervalMs: number;
  private readonly maxPending: number;
  /** The tail of each queue (the channel's, each person's DM), so its posts go one at a time, in order. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly lastSent = new Map<string, number>();
  /** Posts outstanding by event seq: the cursor cannot pass the first. */
  private readonly pending = new Map<number, number>();
  private readonly work = new Set<Promise<unknown>>();
  private outstanding = 0;
  private lastRead: number;
  private room: (() => void) | undefined;
  private readonly lookedUp = new Set<string>();
  private readonly warned = new Set<string>();
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
    this.minIntervalMs = timing.minIntervalMs ?? Math.round(1000 / options.config.messagesPerSecond);
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
    this.listen();
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

  private records(post: SlackPost): Record<string, PostRecord> {
    return post.target.kind === "dm" ? this.file.dms : this.file.posts;
  }

  /** Queues `post` unless it is done; `counted` posts hold the cursor back until they are. */
  private enqueue(post: SlackPost, counted: boolean): void {
    const record = this.records(post)[post.key];
    if (record?.ts || record?.skipped) return;
    const queue = post.target.kind === "dm" ? `dm:${post.target.participant}` : "channel";
    if (counted) this.pending.set(post.seq, (this.pending.get(post.seq) ?? 0) + 1);
    this.outstanding++;
    const tail = (this.queues.get(queue) ?? Promise.resolve())
      .then(() => this.deliver(post, queue))
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

  // ---- posting ----------------------------------------------------------------------------------

  /** Waits until `minIntervalMs` after the end of the queue's last post, so Slack sees them that far apart. */
  private async pace(queue: string): Promise<void> {
    const wait = (this.lastSent.get(queue) ?? 0) + this.minIntervalMs - Date.now();
    if (wait > 0) await pause(wait, this.stopper.signal);
  }

  /** `request`, noting when it ended (answered or failed) for the queue's pace. */
  private async sent<T>(queue: string, request: Promise<T>): Promise<T> {
    try {
      return await request;
    } finally {
      this.lastSent.set(queue, Date.now());
    }
  }

  private warnOnce(key: string, line: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log(line);
  }

  /**
   * Posts once: marks the post as being sent (saved) before the request, so after a send whose
   * outcome is unknown (a timeout, a reset connection, a crash) it looks in the channel for the
   * message's metadata before sending again.
   */
  private async deliver(post: SlackPost, queue: string): Promise<void> {
    const signal = this.stopper.signal;
    const records = this.records(post);
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw new MirrorStopped("stopped");
      const where = await this.where(post);
      if (!where) return; // a DM to someone not linked (yet): sent when they link
      const record: PostRecord = records[post.key] ?? {};
      records[post.key] = record;
      if (record.ts || record.skipped) return;
      if (record.sending !== undefined) {
        const found = await this.findPosted(where.channel, where.threadTs, post.key, record.sending);
        if (found) {
          records[post.key] = { ts: found, channel: where.channel };
          this.posted(post, found);
          await this.writer.save();
          return;
        }
      }
      record.sending = Date.now();
      await this.writer.save();
      await this.pace(queue);
      try {
        const response = await this.sent(
          queue,
          this.client.chat.postMessage({
            channel: where.channel,
            text: where.prefix ? `${where.prefix}${post.text}` : post.text,
            blocks: post.blocks,
            ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
            unfurl_links: false,
            unfurl_media: false,
            link_names: false,
            parse: "none",
            metadata: { event_type: METADATA_TYPE, event_payload: { market: this.marketId, key: post.key } },
          }),
        );
        const ts = String(response.ts);
        records[post.key] = { ts, channel: String(response.channel ?? where.channel) };
        this.posted(post, ts);
        await this.writer.save();
        return;
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind === "platform" && REFUSED_FOR_GOOD.has(failure.code)) {
          records[post.key] = { skipped: failure.code };
          this.log(`slack: Slack refused ${post.key} (${failure.code}); it is skipped`);
          await this.writer.save();
          return;
        }
        // Not delivered for sure: no need to look for it before the next try.
        if (failure.kind !== "unknown") delete record.sending;
        if (failure.kind === "rate") {
          await pause(failure.retryAfterMs, signal);
          continue;
        }
        if (failure.kind === "platform") {
          this.warnOnce(
            `platform:${failure.code}`,
            `slack: Slack refuses to post (${failure.code})${failure.code === "not_in_channel" ? ": invite the app to the channel (/invite @Haggle)" : ""}; retrying`,
          );
          await pause(this.backoff.retryMaxMs, signal);
          continue;
        }
        if (attempt === 0) this.log(`slack: posting ${post.key} failed (${failure.detail}); retrying`);
        await pause(backoffMs(this.backoff, attempt), signal);
      }
    }
  }

  private get marketId(): string {
    return this.host.state.config.marketId;
  }

  private posted(post: SlackPost, ts: string): void {
    if (post.listingId) this.file.listings[post.listingId] = ts;
  }

  /** Where a post goes now: the channel (under its listing's message), or the person's DM channel. */
  private async where(
    post: SlackPost,
  ): Promise<{ channel: string; threadTs?: string; prefix?: string } | undefined> {
    const target = post.target;
    if (target.kind === "channel") return { channel: this.config.channel };
    if (target.kind === "thread") {
      const threadTs = this.file.listings[target.listingId];
      // A listing whose message Slack refused: its thread's posts go in the channel, naming it.
      return threadTs
        ? { channel: this.config.channel, threadTs }
        : { channel: this.config.channel, prefix: `(${target.listingId}) ` };
    }
    const channel = await this.dmChannel(target.participant);
    return channel ? { channel } : undefined;
  }

  /** The DM channel with `participant`'s Slack user, linking them by e-mail if they have one. */
  private async dmChannel(participant: string): Promise<string | undefined> {
    const call = { ...this.backoff, signal: this.stopper.signal, log: this.log };
    let user = this.file.links[participant];
    if (!user) {
      const email = this.host.state.participants.get(participant)?.participant.email;
      if (!email || this.lookedUp.has(participant)) return undefined;
      this.lookedUp.add(participant);
      try {
        const found = await callUntilDone(() => this.client.users.lookupByEmail({ email }), {
          ...call,
          what: `looking up ${participant}'s e-mail`,
        });
        user = found.user?.id;
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind === "platform" && failure.code !== "users_not_found") {
          this.warnOnce(`lookup:${failure.code}`, `slack: cannot look people up by e-mail (${failure.code})`);
        }
        return undefined;
      }
      if (!user) return undefined;
      this.file.links[participant] = user;
      await this.writer.save();
    }
    const known = this.file.dmChannels[user];
    if (known) return known;
    const linkedUser = user;
    try {
      const opened = await callUntilDone(() => this.client.conversations.open({ users: linkedUser }), {
        ...call,
        what: `opening a DM with ${participant}`,
      });
      const channel = opened.channel?.id;
      if (!channel) return undefined;
      this.file.dmChannels[linkedUser] = channel;
      await this.writer.save();
      return channel;
    } catch (error) {
      const failure = classifyFailure(error);
      this.warnOnce(
        `open:${participant}`,
        `slack: cannot open a DM with ${participant} (${failure.kind === "platform" ? failure.code : failure.kind})`,
      );
      return undefined;
    }
  }

  /**
   * The ts of a message this mirror posted with `key` since `since` (ms), found by its metadata; null
   * when there is none, undefined when Slack could not be asked (then it is posted again).
   */
  private async findPosted(
    channel: string,
    threadTs: string | undefined,
    key: string,
    since: number,
  ): Promise<string | null | undefined> {
    const oldest = ((since - 10 * 60_000) / 1000).toFixed(6);
    const call = {
      ...this.backoff,
      signal: this.stopper.signal,
      log: this.log,
      what: "looking for an earlier post",
    };
    try {
      const answer = threadTs
        ? await callUntilDone(
            () =>
              this.client.conversations.replies({
                channel,
                ts: threadTs,
                oldest,
                include_all_metadata: true,
                limit: 200,
              }),
            call,
          )
        : await callUntilDone(
            () =>
              this.client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 }),
            call,
          );
      const match = (answer.messages ?? []).find((message) => {
        const metadata = message.metadata as
          | { event_type?: string; event_payload?: Record<string, unknown> }
          | undefined;
        return (
          metadata?.event_type === METADATA_TYPE &&
          metadata.event_payload?.key === key &&
          metadata.event_payload?.market === this.marketId
        );
      });
      return match?.ts ?? null;
    } catch (error) {
      if (error instanceof MirrorStopped) throw error;
      const failure = classifyFailure(error);
      this.warnOnce(
        "history",
        `slack: cannot read the channel's history to avoid a duplicate (${failure.kind === "platform" ? failure.code : failure.kind}): add the scopes channels:history, groups:history and im:history`,
      );
      return undefined;
    }
  }

  // ---- DMs after the fact -----------------------------------------------------------------------

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

  // ---- requests from Slack ----------------------------------------------------------------------

  private listen(): void {
    this.app.command("/haggle", async ({ command, ack }) => {
      await ack({ response_type: "ephemeral", text: await this.command(command.user_id, command.text) });
    });
    const parse = (raw: string | undefined): DmActionValue | undefined => {
      try {
        const value = JSON.parse(raw ?? "") as DmActionValue;
        return typeof value.d === "string" && typeof value.p === "string" ? value : undefined;
      } catch {
        return undefined;
      }
    };
    const onButton =
      (run: (value: DmActionValue) => Promise<{ notice?: string; handedOverBy?: string[] } | undefined>) =>
      async ({ ack, body, action }: { ack: () => Promise<void>; body: BlockAction; action: unknown }) => {
        await ack();
        const raw = action as { value?: string; selected_option?: { value?: string } };
        const value = parse(raw.value ?? raw.selected_option?.value?.split("|")[0]);
        if (!value) return;
        if (this.file.links[value.p] !== body.user.id) {
          const channel = body.channel?.id ?? body.container?.channel_id;
          if (channel) {
            await this.client.chat
              .postEphemeral({
                channel,
                user: body.user.id,
                text: "This deal is not yours: only the person it was sent to can answer it.",
              })
              .catch(() => {});
          }
          return;
        }
        let answer: { notice?: string; handedOverBy?: string[] } | undefined;
        try {
          answer = await run(value);
        } catch (error) {
          answer = { notice: `Not recorded: ${(error as Error).message}` };
        }
        this.refreshDm(value.d, value.p, answer?.notice, answer?.handedOverBy);
      };
    const scale = (raw: unknown): number =>
      Number((raw as { selected_option?: { value?: string } }).selected_option?.value?.split("|")[1]);
    const survey = async (value: DmActionValue, answer: SurveyAnswer) => {
      await this.actions.survey(value.p, value.d, answer);
      const key = `${value.d}:${value.p}`;
      this.file.answers[key] = { ...this.file.answers[key], ...answer } as DmAnswers;
      await this.writer.save();
      return undefined;
    };
    this.app.action<BlockAction>(
      ACTION.handOver,
      onButton(async (value) => {
        const result = (await this.actions.handOver(value.p, value.d)) as
          | { handedOverBy?: unknown }
          | undefined;
        const by = result?.handedOverBy;
        return Array.isArray(by) && by.every((id) => typeof id === "string")
          ? { handedOverBy: by }
          : undefined;
      }),
    );
    this.app.action<BlockAction>(
      ACTION.wouldPayYes,
      onButton((value) => survey(value, { wouldPay: true })),
    );
    this.app.action<BlockAction>(
      ACTION.wouldPayNo,
      onButton((value) => survey(value, { wouldPay: false })),
    );
    for (const [id, question] of [
      [ACTION.fairness, "fairness"],
      [ACTION.satisfaction, "satisfaction"],
    ] as const) {
      this.app.action<BlockAction>(id, async (args) => {
        const n = scale(args.action);
        await onButton(async (value) => {
          if (!Number.isInteger(n) || n < 1 || n > 7) return { notice: "Not recorded: choose 1 to 7." };
          return survey(value, { [question]: n });
        })(args);
      });
    }
  }

  /** The answer to `/haggle <text>` from Slack user `user`. */
  private async command(user: string, text: string): Promise<string> {
    const [verb = "help", participant, code] = text.trim().split(/\s+/);
    const state = this.host.state;
    if (verb === "link") {
      if (!participant) return "Write `/haggle link <your participant id> <your link code>`.";
      const person = state.participants.get(participant)?.participant;
      if (!person) return `There is no participant "${slackText(participant.slice(0, 64))}" in this market.`;
      let proven =
        code !== undefined &&
        sameCode(code, slackLinkCode(this.secrets.signingSecret, this.config.channel, participant));
      if (!proven && code === undefined && person.email) {
        try {
          const info = await this.client.users.info({ user });
          proven = info.user?.profile?.email?.toLowerCase() === person.email.toLowerCase();
        } catch {
          proven = false;
        }
      }
      if (!proven) {
        return code === undefined
          ? "Add your link code: `/haggle link <id> <code>` (it is on your page in the Haggle web app), or ask the organiser to put your Slack e-mail in your participant file."
          : "That link code is not right for this participant.";
      }
      this.file.links[participant] = user;
      await this.writer.save();
      this.owedDms(participant);
      return `Linked: you are ${slackText(person.name)} (${participant}) in this market. Your deals' confirmations come here, in a DM from the app.`;
    }
    if (verb === "unlink") {
      const mine = Object.entries(this.file.links).filter(([, linked]) => linked === user);
      for (const [id] of mine) delete this.file.links[id];
      await this.writer.save();
      return mine.length > 0 ? `Unlinked ${mine.map(([id]) => id).join(", ")}.` : "You were not linked.";
    }
    if (verb === "status") {
      const mine = Object.entries(this.file.links)
        .filter(([, linked]) => linked === user)
        .map(([id]) => id);
      return mine.length > 0
        ? `You are linked as ${mine.join(", ")}.`
        : "You are not linked to anyone in this market.";
    }
    return "`/haggle link <id> <code>` links you to your participant (then your deals' confirmations come to you here); `/haggle status`, `/haggle unlink`.";
  }
}
