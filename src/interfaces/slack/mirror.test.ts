import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { liveHost, SLACK_SECRETS } from "./testing/live-host.ts";
import {
  act,
  CHANNEL,
  expectDelivered,
  fake,
  HOSTILE,
  keyOf,
  logs,
  mirrorOf,
  newDir,
  trade,
  trade2,
  waitFor,
} from "./testing/mirror-harness.ts";

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
});
