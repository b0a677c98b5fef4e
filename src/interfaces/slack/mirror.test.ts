import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { handOver } from "../../app/commands/hand-over.ts";
import { hostAccess } from "../../app/open-run-host.ts";
import type { MemorySink } from "../../runner/event-sink.ts";
import type { MarketHost } from "../../runner/market-host.ts";
import { type SlackConfig, slackConfigSchema } from "./config.ts";
import {
  type SlackMirror,
  type SlackMirrorActions,
  type SlackMirrorTiming,
  type SurveyAnswer,
  slackLinkCode,
  startSlackMirror,
} from "./mirror.ts";
import { renderEvent } from "./render.ts";
import { slackMount } from "./slack-server.ts";
import { type FakeMessage, FakeSlack, signedHeaders } from "./testing/fake-slack.ts";
import { liveHost, SLACK_SECRETS } from "./testing/live-host.ts";

const TOKEN = "fake-bot-token-for-tests";
const SECRET = "test-signing-secret";
const CHANNEL = "C0HAGGLE";
const HOSTILE = "<!channel> see <http://evil|click> and *bold* _it_ ~x~ `c` @here &amp;";
const root = mkdtempSync(join(tmpdir(), "haggle-slack-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let fake: FakeSlack;
let dirs = 0;
const mirrors: SlackMirror[] = [];

beforeEach(async () => {
  logs.length = 0;
  fake = new FakeSlack(TOKEN);
  fake.addUser("UBEA", "bea@example.com");
  fake.addUser("USAM", "sam@elsewhere.example");
  await fake.start();
});
afterEach(async () => {
  for (const mirror of mirrors.splice(0)) await mirror.stop();
  await fake.stop();
});

function config(overrides: Partial<SlackConfig> = {}): SlackConfig {
  return { ...slackConfigSchema.parse({ channel: CHANNEL, apiUrl: fake.apiUrl }), ...overrides };
}

interface Recorded {
  handOvers: [string, string][];
  surveys: [string, string, SurveyAnswer][];
}

const logs: string[] = [];

async function mirrorOf(
  host: MarketHost,
  stateDir: string,
  recorded?: Recorded,
  timing: SlackMirrorTiming = {},
  acting: () => MarketHost = () => host,
): Promise<SlackMirror> {
  const actions: SlackMirrorActions = {
    handOver: async (participant, dealId) => {
      recorded?.handOvers.push([participant, dealId]);
      return handOver(hostAccess(acting()), dealId, participant);
    },
    survey: async (participant, dealId, answer) => {
      recorded?.surveys.push([participant, dealId, answer]);
    },
  };
  const mirror = await startSlackMirror({
    host,
    config: config(),
    stateDir,
    actions,
    secrets: { botToken: TOKEN, signingSecret: SECRET },
    log: (line) => logs.push(line),
    timing: { minIntervalMs: 25, retryBaseMs: 20, retryMaxMs: 200, requestTimeoutMs: 2_000, ...timing },
  });
  mirrors.push(mirror);
  return mirror;
}

const newDir = () => join(root, `state-${++dirs}`);

async function act(host: MarketHost, actor: string, action: object) {
  const result = await host.submit(actor, action);
  if (!result.ok) throw new Error(`${actor} ${JSON.stringify(action)}: ${result.message}`);
}

/** Listings, a want ad, a negotiation with hostile text, a deal confirmed. */
async function trade(host: MarketHost) {
  await act(host, "sam", { type: "post-listing", itemId: "bike", text: `Selling my bike ${HOSTILE}` });
  await act(host, "sam", { type: "post-listing", itemId: "lamp" });
  await act(host, "bea", { type: "post-want-ad", wantId: "w1" });
  await act(host, "bea", {
    type: "make-offer",
    listingId: "L1",
    wantId: "w1",
    price: 5000,
    text: `50? ${HOSTILE}`,
  });
  await act(host, "sam", { type: "make-offer", threadId: "T1", price: 6000, text: "60 and it is yours" });
  await act(host, "bea", { type: "accept-offer", offerId: "O2", version: 1, text: "Deal" });
  await act(host, "sam", { type: "confirm-deal", dealId: "D1", text: "Confirmed" });
}

/** The keys the log's events owe, in log order (DMs for linked people only). */
function owedKeys(host: MarketHost, sink: MemorySink, dmTo: string[]): string[] {
  const keys: string[] = [];
  for (const event of sink.events) {
    for (const post of renderEvent(event, host.state, { negotiations: true })) {
      if (post.target.kind !== "dm" || dmTo.includes(post.target.participant)) keys.push(post.key);
    }
  }
  return keys;
}

const keyOf = (m: FakeMessage) => String(m.metadata?.event_payload.key);

function expectOnce(messages: FakeMessage[]) {
  const keys = messages.map(keyOf);
  expect(new Set(keys).size).toBe(keys.length);
}

/** Everything the log owes is in Slack once: the channel's posts in log order, each DM's in deal order. */
function expectDelivered(host: MarketHost, sink: MemorySink, dmTo: string[]) {
  expectOnce(fake.messages);
  const owed = owedKeys(host, sink, dmTo);
  expect(fake.in(CHANNEL).map(keyOf)).toEqual(owed.filter((key) => !key.startsWith("dm:")));
  expect(fake.messages.filter((m) => m.channel !== CHANNEL).map(keyOf)).toEqual(
    owed.filter((key) => key.startsWith("dm:")),
  );
}

describe("the Slack mirror", () => {
  it("posts listings, want ads and messages to the channel, negotiations in the listing's thread, DMs to linked people, in order and once", async () => {
    const { host, sink } = liveHost();
    const mirror = await mirrorOf(host, newDir());
    await trade(host);
    await mirror.idle();
    const channel = fake.in(CHANNEL);
    expectDelivered(host, sink, ["bea"]);
    const top = channel.filter((m) => !m.thread_ts);
    expect(top.map((m) => m.text.slice(0, 40))).toEqual([
      "*The market is open.* Listings and want ",
      "*For sale:* Road bike &lt;!channel&gt; (",
      "*Sam*: Selling my bike &lt;!channel&gt; ",
      "*For sale:* Desk lamp (good), asking $25",
      "*Looking for:* a road bike · *Bea* · A1",
    ]);
    const bike = top[1]!;
    const replies = channel.filter((m) => m.thread_ts);
    expect(replies.every((m) => m.thread_ts === bike.ts)).toBe(true);
    expect(replies.map((m) => m.text)).toEqual([
      "T1 · negotiation opened: *Bea* (buying) with *Sam* (selling)",
      "T1 · *Bea* offers $50.00",
      expect.stringMatching(/^T1 · \*Bea\*: 50\? &lt;!channel&gt;/),
      "T1 · *Sam* offers $60.00",
      "T1 · *Sam*: 60 and it is yours",
      "T1 · *Bea* accepts $60.00; waiting for the other side to confirm",
      "T1 · *Bea*: Deal",
      "T1 · Deal D1: *Sam* sells to *Bea* for $60.00",
      "T1 · *Sam*: Confirmed",
    ]);
    // Bea's e-mail links her; Sam is not linked, so only Bea gets the confirmation.
    const dms = fake.messages.filter((m) => m.channel.startsWith("D"));
    expect(dms.map((m) => [m.channel, keyOf(m)])).toEqual([["DUBEA", "dm:D1:bea"]]);
    expect(dms[0]!.text).toContain("Your agent bought *Road bike &lt;!channel&gt;* from *Sam* for *$60.00*");
    const buttons = JSON.stringify(dms[0]!.blocks);
    for (const label of ["Handed over", "Fairness 1-7", "Satisfaction 1-7", "Would pay", "Would not pay"]) {
      expect(buttons).toContain(label);
    }
    // About one message a second a channel: here the tests' 25 ms apart, as Slack receives them.
    const times = channel.map((m) => m.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(24);
    // No secret number, no persona, no e-mail reaches Slack.
    const everything = JSON.stringify(fake.messages);
    for (const secret of SLACK_SECRETS) {
      expect(everything).not.toMatch(
        new RegExp(`(?<![\\d.])(${secret}|${(secret / 100).toFixed(2).replace(".", "\\.")})(?!\\d)`),
      );
    }
    expect(everything).not.toContain("bea@example.com");
    expect(everything).not.toContain("friendly");
  });

  it("escapes agent text: no mention, link or formatting survives in the text, and blocks are rich text", async () => {
    const { host } = liveHost();
    const mirror = await mirrorOf(host, newDir());
    await act(host, "sam", { type: "send-message", where: "channel", text: HOSTILE });
    await mirror.idle();
    const message = fake.in(CHANNEL).at(-1)!;
    expect(message.text).toBe(
      "*Sam*: &lt;!channel&gt; see &lt;http://evil|click&gt; and *\u200bbold*\u200b _\u200bit_\u200b ~\u200bx~\u200b `\u200bc`\u200b @\u2060here &amp;amp;",
    );
    expect(message.text).not.toMatch(/<|>/);
    const block = message.blocks![0] as {
      type: string;
      elements: { elements: { text: string; style?: unknown }[] }[];
    };
    expect(block.type).toBe("rich_text");
    expect(block.elements[0]!.elements.at(-1)).toEqual({ type: "text", text: HOSTILE });
  });

  it("survives a 429 (waits retry-after), an outage and a lost answer without posting twice", async () => {
    const { host, sink } = liveHost();
    const mirror = await mirrorOf(host, newDir());
    await mirror.idle();
    fake.fault("chat.postMessage", { kind: "429", retryAfter: 1 });
    const limited = Date.now();
    await act(host, "sam", { type: "post-listing", itemId: "bike" });
    await mirror.idle();
    expect(fake.calls.filter((c) => c.status === 429)).toHaveLength(1);
    const afterLimit = fake.in(CHANNEL).at(-1)!;
    expect(afterLimit.at - limited).toBeGreaterThanOrEqual(950);
    // Slack goes down: the market goes on, the mirror waits, then catches up.
    await fake.stop();
    await act(host, "sam", { type: "post-listing", itemId: "lamp" });
    await act(host, "bea", { type: "post-want-ad", wantId: "w1" });
    await waitFor(() => logs.some((line) => line.includes("ECONNREFUSED")));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.in(CHANNEL).at(-1)).toBe(afterLimit);
    await fake.start();
    // A post Slack stores but whose answer is lost: found by its metadata, not sent again.
    fake.fault("chat.postMessage", { kind: "drop-after-post" }, { kind: "500" });
    await act(host, "bea", { type: "make-offer", listingId: "L1", wantId: "w1", price: 5000, text: "50?" });
    await mirror.idle();
    expectDelivered(host, sink, ["bea"]);
    // The lost answer was looked for, found, and not posted again; the 500 was looked for and retried.
    expect(fake.calls.filter((c) => c.method.startsWith("conversations.")).length).toBeGreaterThan(0);
    expect(fake.calls.filter((c) => c.status === 0 || c.status === 500)).toHaveLength(2);
  });

  it("sends a deal's DM as the deal stands when Slack is back, not as it stood when it was due", async () => {
    const { host, sink } = liveHost();
    const mirror = await mirrorOf(host, newDir());
    await mirror.idle();
    await fake.stop();
    await trade(host);
    await act(host, "bea", { type: "mark-handed-over", dealId: "D1" });
    await waitFor(() => logs.some((line) => line.includes("ECONNREFUSED")));
    await fake.start();
    await mirror.idle();
    expectDelivered(host, sink, ["bea"]);
    const dm = fake.messages.find((m) => m.channel === "DUBEA")!;
    expect(JSON.stringify(dm.blocks)).toContain("you marked it done");
    expect(JSON.stringify(dm.blocks)).not.toContain("haggle_handover");
  });

  it("catches up after a restart without reposting, threading under listings posted before it", async () => {
    const { host, sink } = liveHost();
    const dir = newDir();
    const first = await mirrorOf(host, dir);
    await act(host, "sam", { type: "post-listing", itemId: "bike" });
    await first.idle();
    await first.stop();
    const before = fake.messages.length;
    const file = JSON.parse(readFileSync(join(dir, "slack-mirror.json"), "utf8"));
    expect(file.listings.L1).toBe(fake.in(CHANNEL).at(-1)!.ts);
    await trade2(host);
    expect(fake.messages.length).toBe(before);
    // It backs off for a long while after a failure, so it is stopped before it can look again.
    const second = await mirrorOf(host, dir, undefined, { retryBaseMs: 60_000 });
    await second.idle();
    expectDelivered(host, sink, ["bea"]);
    const replies = fake.in(CHANNEL).filter((m) => m.thread_ts);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((m) => m.thread_ts === file.listings.L1)).toBe(true);

    // A crash mid-post: the post reached Slack, the answer did not, the mirror was stopped. The next
    // one looks before posting.
    fake.fault("chat.postMessage", { kind: "drop-after-post" });
    await act(host, "cal", { type: "post-want-ad", wantId: "w1" });
    await waitFor(() => fake.calls.some((c) => c.status === 0));
    // One mirror a state folder: another is refused until this one stops.
    await expect(mirrorOf(host, dir)).rejects.toMatchObject({ code: "slack/already-mirroring" });
    await second.stop();
    const pending = JSON.parse(readFileSync(join(dir, "slack-mirror.json"), "utf8"));
    const lost = fake.in(CHANNEL).at(-1)!;
    expect(pending.posts[keyOf(lost)]).toEqual({ sending: expect.any(Number) });
    const third = await mirrorOf(host, dir);
    await third.idle();
    expect(fake.in(CHANNEL).filter((m) => keyOf(m) === keyOf(lost))).toHaveLength(1);
    expectDelivered(host, sink, ["bea"]);

    // A new host on the same log (the market resumed): nothing is posted again.
    await third.stop();
    const count = fake.messages.length;
    const { host: resumed } = liveHost(sink);
    const fourth = await mirrorOf(resumed, dir);
    await fourth.idle();
    expect(fake.messages.length).toBe(count);
  });

  it("turns clicks into hand-overs and survey answers, refusing bad signatures, old timestamps and other people", async () => {
    const { host } = liveHost();
    const recorded: Recorded = { handOvers: [], surveys: [] };
    const mirror = await mirrorOf(host, newDir(), recorded);
    // Mounted as `haggle serve` mounts handlers, beside the rest of a server.
    const mount = slackMount(() => mirror);
    const server = new Hono()
      .all(mount.path, (c) => mount.fetch(c.req.raw))
      .get("/", (c) => c.text("web app"));
    expect(await (await server.request("/")).text()).toBe("web app");
    expect((await server.request("/slack/events")).status).toBe(405);
    const none = slackMount(() => undefined);
    expect((await none.fetch(new Request("http://localhost/slack/events", { method: "POST" }))).status).toBe(
      503,
    );
    await trade(host);
    await mirror.idle();
    const dm = fake.messages.find((m) => m.channel === "DUBEA")!;
    const post = (body: string, headers: Record<string, string>) =>
      server.request("/slack/events", { method: "POST", body, headers });
    const click = (user: string, action: Record<string, unknown>) =>
      `payload=${encodeURIComponent(
        JSON.stringify({
          type: "block_actions",
          user: { id: user },
          team: { id: "T1" },
          api_app_id: "A1",
          token: "legacy",
          container: { type: "message", channel_id: dm.channel, message_ts: dm.ts },
          channel: { id: dm.channel },
          message: { ts: dm.ts },
          trigger_id: "1.2.3",
          actions: [{ block_id: "b", action_ts: "1", ...action }],
        }),
      )}`;
    const blocks = JSON.stringify(dm.blocks);
    const handOverValue = JSON.stringify({ d: "D1", p: "bea" });
    expect(blocks).toContain(JSON.stringify(handOverValue).slice(1, -1));
    const handOverClick = click("UBEA", {
      type: "button",
      action_id: "haggle_handover",
      value: handOverValue,
    });

    // Refused before anything happens: a wrong signature, an old or a future timestamp, none at all.
    const bad = await post(handOverClick, signedHeaders("wrong-secret", handOverClick));
    expect(bad.status).toBe(401);
    const old = await post(
      handOverClick,
      signedHeaders(SECRET, handOverClick, Math.floor(Date.now() / 1000) - 301),
    );
    expect(old.status).toBe(401);
    const future = await post(
      handOverClick,
      signedHeaders(SECRET, handOverClick, Math.floor(Date.now() / 1000) + 301),
    );
    expect(future.status).toBe(401);
    const unsigned = await post(handOverClick, { "content-type": "application/x-www-form-urlencoded" });
    expect(unsigned.status).toBe(401);
    const tampered = await post(handOverClick.replace("UBEA", "USAM"), signedHeaders(SECRET, handOverClick));
    expect(tampered.status).toBe(401);
    await mirror.idle();
    expect(recorded.handOvers).toEqual([]);

    // Someone else clicking (signed, but not Bea's Slack user) is told so, and nothing is recorded.
    const stranger = click("USAM", { type: "button", action_id: "haggle_handover", value: handOverValue });
    expect((await post(stranger, signedHeaders(SECRET, stranger))).status).toBe(200);
    await mirror.idle();
    expect(recorded.handOvers).toEqual([]);
    expect(fake.ephemerals).toEqual([expect.objectContaining({ user: "USAM", channel: "DUBEA" })]);

    // Bea's own click: the hand-over is recorded in the market, the DM shows it, the thread says so.
    const good = await post(handOverClick, signedHeaders(SECRET, handOverClick));
    expect(good.status).toBe(200);
    await mirror.idle();
    expect(recorded.handOvers).toEqual([["bea", "D1"]]);
    expect(host.state.deals.get("D1")!.handedOverBy).toEqual(["bea"]);
    expect(fake.updates.at(-1)!.blocks).toBeDefined();
    expect(JSON.stringify(fake.updates.at(-1)!.blocks)).toContain("you marked it done");
    expect(JSON.stringify(fake.updates.at(-1)!.blocks)).not.toContain("haggle_handover");
    expect(fake.in(CHANNEL).at(-1)!.text).toBe("T1 · *Bea* marked the hand-over of D1 done");

    // The survey: a menu choice and a button.
    const fairness = click("UBEA", {
      type: "static_select",
      action_id: "haggle_fairness",
      selected_option: { text: { type: "plain_text", text: "5" }, value: `${handOverValue}|5` },
    });
    expect((await post(fairness, signedHeaders(SECRET, fairness))).status).toBe(200);
    const pay = click("UBEA", { type: "button", action_id: "haggle_would_pay_no", value: handOverValue });
    expect((await post(pay, signedHeaders(SECRET, pay))).status).toBe(200);
    await mirror.idle();
    expect(recorded.surveys).toEqual([
      ["bea", "D1", { fairness: 5 }],
      ["bea", "D1", { wouldPay: false }],
    ]);
    expect(JSON.stringify(fake.updates.at(-1)!.blocks)).toContain("Recorded: fairness 5, would pay: no.");

    // A second hand-over click is refused by the engine, and the DM says why.
    const again = await post(handOverClick, signedHeaders(SECRET, handOverClick));
    expect(again.status).toBe(200);
    await mirror.idle();
    expect(JSON.stringify(fake.updates.at(-1)!.blocks)).toContain("Not recorded");
  });

  it("takes a hand-over click after the market's host has closed (hand-overs take days) and shows it", async () => {
    const { host, sink } = liveHost();
    let acting = host;
    const mirror = await mirrorOf(host, newDir(), undefined, {}, () => acting);
    await trade(host);
    await mirror.idle();
    await host.close();
    await mirror.done;
    // The hand-over goes through the market's next host (as `haggle handover` opens one on the log).
    acting = liveHost(sink).host;
    const dm = fake.messages.find((m) => m.channel === "DUBEA")!;
    const body = `payload=${encodeURIComponent(
      JSON.stringify({
        type: "block_actions",
        user: { id: "UBEA" },
        team: { id: "T1" },
        container: { type: "message", channel_id: dm.channel, message_ts: dm.ts },
        channel: { id: dm.channel },
        actions: [
          {
            type: "button",
            action_id: "haggle_handover",
            value: JSON.stringify({ d: "D1", p: "bea" }),
            action_ts: "1",
          },
        ],
      }),
    )}`;
    const response = await mirror.handle(
      new Request("http://localhost/slack/events", {
        method: "POST",
        body,
        headers: signedHeaders(SECRET, body),
      }),
    );
    expect(response.status).toBe(200);
    await waitFor(() => JSON.stringify(fake.updates.at(-1)?.blocks ?? "").includes("you marked it done"));
    expect(acting.state.deals.get("D1")!.handedOverBy).toEqual(["bea"]);
    await acting.close();
  });

  it("links a person with /haggle link and a link code (or their Slack e-mail), then sends the deals they missed", async () => {
    const { host } = liveHost();
    const mirror = await mirrorOf(host, newDir());
    await trade(host);
    await mirror.idle();
    expect(fake.messages.filter((m) => m.channel === "DUSAM")).toEqual([]);
    const command = (user: string, text: string) =>
      new URLSearchParams({
        command: "/haggle",
        text,
        user_id: user,
        team_id: "T1",
        channel_id: CHANNEL,
        response_url: "http://127.0.0.1:9/unused",
        trigger_id: "1.2.3",
        token: "legacy",
        api_app_id: "A1",
      }).toString();
    const send = async (user: string, text: string) => {
      const body = command(user, text);
      const response = await mirror.handle(
        new Request("http://localhost/slack/events", {
          method: "POST",
          body,
          headers: signedHeaders(SECRET, body),
        }),
      );
      expect(response.status).toBe(200);
      return (await response.json()) as { response_type: string; text: string };
    };
    // Sam's Slack e-mail is not the one in any file, so he needs his code.
    expect((await send("USAM", "link sam")).text).toContain("Add your link code");
    expect((await send("USAM", "link sam WRONGCODE1")).text).toContain("not right");
    const code = slackLinkCode(SECRET, CHANNEL, "sam");
    const linked = await send("USAM", `link sam ${code.toLowerCase()}`);
    expect(linked).toEqual({
      response_type: "ephemeral",
      text: expect.stringContaining("Linked: you are Sam (sam)"),
    });
    await mirror.idle();
    const dms = fake.messages.filter((m) => m.channel === "DUSAM");
    expect(dms.map(keyOf)).toEqual(["dm:D1:sam"]);
    expect(dms[0]!.text).toContain("Your agent sold");
    expect((await send("USAM", "status")).text).toBe("You are linked as sam.");
    // Linking again sends nothing twice.
    await send("USAM", `link sam ${code}`);
    await mirror.idle();
    expect(fake.messages.filter((m) => m.channel === "DUSAM")).toHaveLength(1);
    // Bea's Slack e-mail matches her file: no code needed.
    expect((await send("UBEA", "link bea")).text).toContain("Linked: you are Bea (bea)");
    expect((await send("UBEA", "link <!channel>")).text).toBe(
      'There is no participant "&lt;!channel&gt;" in this market.',
    );
  });
});

async function trade2(host: MarketHost) {
  await act(host, "bea", { type: "post-want-ad", wantId: "w1" });
  await act(host, "bea", { type: "make-offer", listingId: "L1", wantId: "w1", price: 5000, text: "50?" });
  await act(host, "sam", { type: "accept-offer", offerId: "O1", version: 1, text: "ok" });
  await act(host, "bea", { type: "confirm-deal", dealId: "D1" });
}

async function waitFor(check: () => boolean, ms = 5_000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
