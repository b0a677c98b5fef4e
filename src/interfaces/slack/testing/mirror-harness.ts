import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, expect } from "vitest";
import { handOver } from "../../../app/commands/hand-over.ts";
import { hostAccess } from "../../../app/open-run-host.ts";
import type { MemorySink } from "../../../runner/event-sink.ts";
import type { MarketHost } from "../../../runner/market-host.ts";
import { type SlackConfig, slackConfigSchema } from "../config.ts";
import {
  type SlackMirror,
  type SlackMirrorActions,
  type SlackMirrorTiming,
  type SurveyAnswer,
  startSlackMirror,
} from "../mirror.ts";
import { renderEvent } from "../render.ts";
import { type FakeMessage, FakeSlack } from "./fake-slack.ts";

/**
 * The Slack mirror tests' shared harness (mirror.test.ts, interactions.test.ts): imported by a test
 * file, it gives each test a fresh fake Slack and stops the test's mirrors after it.
 */
export const TOKEN = "fake-bot-token-for-tests";
export const SECRET = "test-signing-secret";
export const CHANNEL = "C0HAGGLE";
export const HOSTILE = "<!channel> see <http://evil|click> and *bold* _it_ ~x~ `c` @here &amp;";
export const root = mkdtempSync(join(tmpdir(), "haggle-slack-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

export let fake: FakeSlack;
let dirs = 0;
export const mirrors: SlackMirror[] = [];

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

export function config(overrides: Partial<SlackConfig> = {}): SlackConfig {
  return { ...slackConfigSchema.parse({ channel: CHANNEL, apiUrl: fake.apiUrl }), ...overrides };
}

export interface Recorded {
  handOvers: [string, string][];
  surveys: [string, string, SurveyAnswer][];
}

export const logs: string[] = [];

export async function mirrorOf(
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

export const newDir = () => join(root, `state-${++dirs}`);

export async function act(host: MarketHost, actor: string, action: object) {
  const result = await host.submit(actor, action);
  if (!result.ok) throw new Error(`${actor} ${JSON.stringify(action)}: ${result.message}`);
}

/** Listings, a want ad, a negotiation with hostile text, a deal confirmed. */
export async function trade(host: MarketHost) {
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
export function owedKeys(host: MarketHost, sink: MemorySink, dmTo: string[]): string[] {
  const keys: string[] = [];
  for (const event of sink.events) {
    for (const post of renderEvent(event, host.state, { negotiations: true })) {
      if (post.target.kind !== "dm" || dmTo.includes(post.target.participant)) keys.push(post.key);
    }
  }
  return keys;
}

export const keyOf = (m: FakeMessage) => String(m.metadata?.event_payload.key);

export function expectOnce(messages: FakeMessage[]) {
  const keys = messages.map(keyOf);
  expect(new Set(keys).size).toBe(keys.length);
}

/** Everything the log owes is in Slack once: the channel's posts in log order, each DM's in deal order. */
export function expectDelivered(host: MarketHost, sink: MemorySink, dmTo: string[]) {
  expectOnce(fake.messages);
  const owed = owedKeys(host, sink, dmTo);
  expect(fake.in(CHANNEL).map(keyOf)).toEqual(owed.filter((key) => !key.startsWith("dm:")));
  expect(fake.messages.filter((m) => m.channel !== CHANNEL).map(keyOf)).toEqual(
    owed.filter((key) => key.startsWith("dm:")),
  );
}

export async function trade2(host: MarketHost) {
  await act(host, "bea", { type: "post-want-ad", wantId: "w1" });
  await act(host, "bea", { type: "make-offer", listingId: "L1", wantId: "w1", price: 5000, text: "50?" });
  await act(host, "sam", { type: "accept-offer", offerId: "O1", version: 1, text: "ok" });
  await act(host, "bea", { type: "confirm-deal", dealId: "D1" });
}

export async function waitFor(check: () => boolean, ms = 5_000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
