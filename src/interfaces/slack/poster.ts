import type { webApi } from "@slack/bolt";
import type { MarketHost } from "../../runner/market-host.ts";
import type { MirrorFile, PostRecord } from "./mirror-state.ts";
import type { SlackPost } from "./render.ts";
import {
  type Backoff,
  backoffMs,
  callUntilDone,
  classifyFailure,
  MirrorStopped,
  pause,
} from "./slack-calls.ts";

/** Marks every message the mirror posts, so it can find one whose answer was lost. */
export const METADATA_TYPE = "haggle_post";

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

export interface PosterOptions {
  host: MarketHost;
  file: MirrorFile;
  save: () => Promise<void>;
  client: webApi.WebClient;
  channel: string;
  log: (line: string) => void;
  backoff: Backoff;
  minIntervalMs: number;
  /** Aborts waits when the mirror stops (a request under way finishes). */
  signal: AbortSignal;
}

/**
 * Sends one post at a time per queue and records it: paced, waiting out 429s, retrying through
 * outages, and looking for a message whose answer was lost before sending it again.
 */
export class Poster {
  private readonly host: MarketHost;
  private readonly file: MirrorFile;
  private readonly save: () => Promise<void>;
  private readonly client: webApi.WebClient;
  private readonly channel: string;
  private readonly log: (line: string) => void;
  private readonly backoff: Backoff;
  private readonly minIntervalMs: number;
  private readonly signal: AbortSignal;
  private readonly lastSent = new Map<string, number>();
  private readonly lookedUp = new Set<string>();
  private readonly warned = new Set<string>();

  constructor(options: PosterOptions) {
    this.host = options.host;
    this.file = options.file;
    this.save = options.save;
    this.client = options.client;
    this.channel = options.channel;
    this.log = options.log;
    this.backoff = options.backoff;
    this.minIntervalMs = options.minIntervalMs;
    this.signal = options.signal;
  }

  records(post: SlackPost): Record<string, PostRecord> {
    return post.target.kind === "dm" ? this.file.dms : this.file.posts;
  }

  /** Waits until `minIntervalMs` after the end of the queue's last post, so Slack sees them that far apart. */
  private async pace(queue: string): Promise<void> {
    const wait = (this.lastSent.get(queue) ?? 0) + this.minIntervalMs - Date.now();
    if (wait > 0) await pause(wait, this.signal);
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
  async deliver(post: SlackPost, queue: string): Promise<void> {
    const signal = this.signal;
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
          await this.save();
          return;
        }
      }
      record.sending = Date.now();
      await this.save();
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
        await this.save();
        return;
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind === "platform" && REFUSED_FOR_GOOD.has(failure.code)) {
          records[post.key] = { skipped: failure.code };
          this.log(`slack: Slack refused ${post.key} (${failure.code}); it is skipped`);
          await this.save();
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
    if (target.kind === "channel") return { channel: this.channel };
    if (target.kind === "thread") {
      const threadTs = this.file.listings[target.listingId];
      // A listing whose message Slack refused: its thread's posts go in the channel, naming it.
      return threadTs
        ? { channel: this.channel, threadTs }
        : { channel: this.channel, prefix: `(${target.listingId}) ` };
    }
    const channel = await this.dmChannel(target.participant);
    return channel ? { channel } : undefined;
  }

  /** The DM channel with `participant`'s Slack user, linking them by e-mail if they have one. */
  private async dmChannel(participant: string): Promise<string | undefined> {
    const call = { ...this.backoff, signal: this.signal, log: this.log };
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
      await this.save();
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
      await this.save();
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
    // A post whose answer was lost reached Slack within the request's timeout of `since`, if at all:
    // the window around it is short (clocks may differ), whatever was said in the channel since.
    const oldest = ((since - 2 * 60_000) / 1000).toFixed(6);
    const latest = ((since + 2 * 60_000) / 1000).toFixed(6);
    const call = {
      ...this.backoff,
      signal: this.signal,
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
                latest,
                inclusive: true,
                include_all_metadata: true,
                limit: 200,
              }),
            call,
          )
        : await callUntilDone(
            () =>
              this.client.conversations.history({
                channel,
                oldest,
                latest,
                inclusive: true,
                include_all_metadata: true,
                limit: 200,
              }),
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
}
