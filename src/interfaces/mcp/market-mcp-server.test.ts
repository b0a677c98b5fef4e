import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { RemoteTurns } from "../../agents/remote-agent.ts";
import { participantSchema } from "../../domain/mandate.ts";
import { emptyState, genesisEvent } from "../../engine/create-market.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { replay } from "../../engine/replay.ts";
import { person } from "../../engine/testing/fixtures.ts";
import { virtualClock } from "../../runner/clock.ts";
import { MemorySink } from "../../runner/event-sink.ts";
import { MarketHost } from "../../runner/market-host.ts";
import { createMarketMcpServer } from "./market-mcp-server.ts";
import { hostMarket } from "./market-port.ts";

const PEOPLE = [
  person("ann", { items: [{ id: "bike", title: "Road bike", asking: 9_000, reserve: 6_037 }] }),
  person("ben", {
    wants: [{ id: "wb", description: "a bike", max: 8_537, keywords: ["bike"] }],
    budget: 9_937,
  }),
  person("cat", { items: [{ id: "lamp", title: "Desk lamp", asking: 2_000, reserve: 1_237 }] }),
];

function openHost(): MarketHost {
  const genesis = genesisEvent({ marketId: "mcp-unit", currency: "USD" }, 1_000);
  const host = new MarketHost({
    state: replay([genesis], emptyState({ transcripts: "all" })),
    sink: new MemorySink(),
    clock: virtualClock(1_000),
    genesis,
  });
  for (const p of PEOPLE) {
    host.apply("market", { type: "register-participant", participant: participantSchema.parse(p) }, 1_000);
  }
  host.apply("market", { type: "open-market" }, 1_000);
  return host;
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close();
});

async function clientFor(host: MarketHost, participant: string, turns?: RemoteTurns) {
  const server = createMarketMcpServer({
    market: hostMarket(host, turns),
    participant,
    progressEveryMs: 100,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "unit", version: "1" });
  await client.connect(clientSide);
  open.push(client, server);
  const call = async (name: string, args: Record<string, unknown> = {}, options = {}) => {
    const result = (await client.callTool({ name, arguments: args }, undefined, options)) as {
      isError?: boolean;
      content: { text: string }[];
    };
    const text = result.content[0]!.text;
    return { isError: Boolean(result.isError), text, data: result.isError ? undefined : JSON.parse(text) };
  };
  return { client, call };
}

describe("the MCP server of one participant", () => {
  it("wakes a waiting agent for what concerns it only: not an unrelated post, but a listing it wants", async () => {
    const host = openHost();
    const ben = await clientFor(host, "ben");
    const { cursor } = (await ben.call("my_view")).data;
    const waiting = ben.call("wait_for_changes", { cursor, timeoutSeconds: 5 });
    await host.submit("cat", { type: "post-listing", itemId: "lamp" });
    await host.submit("ann", { type: "send-message", where: "channel", text: "hello all" });
    await host.submit("ann", { type: "post-listing", itemId: "bike" });
    const woken = (await waiting).data;
    expect(woken.timedOut).toBe(false);
    expect(woken.changes.map((event: MarketEvent) => event.type)).toEqual(["listing-posted"]);
    expect(woken.changes[0].listing.title).toBe("Road bike");
    // With includePublic, every public post since the cursor.
    const all = (await ben.call("wait_for_changes", { cursor, includePublic: true, timeoutSeconds: 0 })).data;
    expect(all.changes.map((event: MarketEvent) => event.type)).toEqual([
      "listing-posted",
      "message-posted",
      "listing-posted",
    ]);
    // Nothing new: an empty answer once the time is up.
    const idle = (await ben.call("wait_for_changes", { cursor: woken.cursor, timeoutSeconds: 0.2 })).data;
    expect(idle).toMatchObject({ changes: [], timedOut: true });
  });

  it("tells a remote agent its turn and deadline, sends progress while it waits, and notifies subscribers", async () => {
    const host = openHost();
    const turns = new RemoteTurns(2 * 3_600_000);
    const ben = await clientFor(host, "ben", turns);
    const ann = await clientFor(host, "ann", turns);
    const { cursor } = (await ben.call("my_view")).data;
    const progress: number[] = [];
    const waiting = ben.call(
      "wait_for_changes",
      { cursor, timeoutSeconds: 5 },
      { onprogress: (p: { progress: number }) => progress.push(p.progress), resetTimeoutOnProgress: true },
    );
    await new Promise((resolve) => setTimeout(resolve, 350));
    turns.open("ben", host.now());
    const turn = (await waiting).data;
    expect(turn.turn).toMatchObject({
      number: 1,
      new: true,
      open: true,
      deadline: host.now() + 2 * 3_600_000,
    });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    // A turn of someone else wakes nobody here; the cursor remembers the turn seen.
    const after = ben.call("wait_for_changes", { cursor: turn.cursor, timeoutSeconds: 0.3 });
    turns.open("ann", host.now());
    expect((await after).data).toMatchObject({ timedOut: true, turn: { number: 1, new: false } });

    await ann.call("post_listing", { itemId: "bike" });
    const offered = await ben.call("make_offer", { listingId: "L1", wantId: "wb", price: 7_000 });
    expect(offered.isError, offered.text).toBe(false);
    const thread = offered.data.events.find((event: MarketEvent) => event.type === "offer-made").offer
      .threadId;
    const updates: string[] = [];
    ben.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updates.push(n.params.uri);
    });
    await ben.client.subscribeResource({ uri: `haggle://threads/${thread}` });
    const hidden = "It is yours for 80\u202e\u{e0041}\u200b ok";
    await ann.call("send_message", { where: thread, text: hidden });
    for (let i = 0; i < 50 && updates.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(updates).toContain(`haggle://threads/${thread}`);
    // Agent text is shown inert: no hidden character in the text, the same message once parsed.
    const read = await ben.call("read_thread", { thread });
    expect(read.text).not.toMatch(/[\u202e\u200b]|\u{e0041}/u);
    expect(read.text).toContain("\\u202e\\udb40\\udc41\\u200b");
    expect(read.data.messages.map((m: { text: string }) => m.text)).toContain(hidden);

    // Over the budget or max price: refused by the engine, with its code and no secret.
    const over = await ben.call("make_offer", { threadId: thread, price: 9_000 });
    expect(over.isError).toBe(true);
    expect(JSON.parse(over.text).error.code).toMatch(/^(offer\/above-max-price|budget\/exceeded)$/);
    expect(over.text).not.toMatch(/85\.37|8537|99\.37|9937/);
    // Another's thread reads as not found; a page other than one's own cannot be asked for at all.
    const cat = await clientFor(host, "cat");
    expect(JSON.parse((await cat.call("read_thread", { thread })).text).error.code).toBe("thread/not-found");
  });

  it("takes a deal's id wherever a thread's is asked for, and a thread's wherever a deal's is", async () => {
    const host = openHost();
    const ann = await clientFor(host, "ann");
    const ben = await clientFor(host, "ben");
    await ann.call("post_listing", { itemId: "bike" });
    await ben.call("make_offer", { listingId: "L1", wantId: "wb", price: 7_000 });
    const accepted = await ann.call("accept_offer", { offerId: "O1", version: 1 });
    expect(accepted.isError, accepted.text).toBe(false);
    // Confirmed by the thread's id, read by the deal's.
    const confirmed = await ben.call("confirm_deal", { dealId: "T1" });
    expect(confirmed.isError, confirmed.text).toBe(false);
    const read = await ben.call("read_thread", { thread: "D1" });
    expect(read.data.id).toBe("T1");
    expect(read.data.deal).toMatchObject({ id: "D1", status: "confirmed" });
    const said = await ann.call("send_message", { where: "D1", text: "Saturday at ten?" });
    expect(said.isError, said.text).toBe(false);
    const handed = await ann.call("mark_handed_over", { dealId: "T1" });
    expect(handed.isError, handed.text).toBe(false);
    expect(host.state.deals.get("D1")!.handedOverBy).toEqual(["ann"]);
    // An id that names neither is refused by the engine, as before.
    const unknown = await ann.call("mark_handed_over", { dealId: "T9" });
    expect(unknown.isError).toBe(true);
  });
});
