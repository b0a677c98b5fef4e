import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, describe, expect, it } from "vitest";
import type { MarketEvent } from "../src/engine/event.ts";
import { PEOPLE, secretPatterns, secretsOf, startMcpMarket } from "./support/mcp-market.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-mcp-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ACTION_TOOLS = [
  "post_listing",
  "withdraw_listing",
  "post_want_ad",
  "send_message",
  "open_thread",
  "make_offer",
  "withdraw_offer",
  "accept_offer",
  "confirm_deal",
  "decline_thread",
  "mark_handed_over",
];
const READ_TOOLS = ["my_view", "search_listings", "search_want_ads", "read_thread", "wait_for_changes"];

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[] };

/** An MCP client (the official SDK's) over Streamable HTTP, recording every tool result's text. */
async function connect(url: URL, token: string) {
  const client = new Client({ name: "test-agent", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  const seen: string[] = [];
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = (await client.callTool({ name, arguments: args }, undefined, {
      timeout: 120_000,
    })) as ToolResult;
    const text = result.content.map((part) => part.text ?? "").join("");
    seen.push(text);
    return { result, text, data: result.isError ? undefined : JSON.parse(text) };
  };
  return { client, transport, call, seen };
}

/** A raw JSON-RPC initialize, as any HTTP client could send it. */
function initialize(url: URL, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
    }),
  });
}

describe("an outside agent over MCP (Streamable HTTP)", () => {
  it("plays a person in a live market and closes a deal with built-in agents, seeing only what is theirs", {
    timeout: 150_000,
  }, async () => {
    const market = await startMcpMarket(join(root, "http"), 40);
    try {
      // Tokens: no token, a wrong one and (later) a revoked one get 401.
      expect((await initialize(market.url)).status).toBe(401);
      expect((await initialize(market.url, { authorization: "Bearer hgl_nope" })).status).toBe(401);
      const annToken = (await market.tokens.create("ann")).token;
      // A web page elsewhere cannot call it (DNS rebinding), whatever token it has.
      expect(
        (await initialize(market.url, { authorization: `Bearer ${annToken}`, origin: "http://evil.example" }))
          .status,
      ).toBe(403);
      const benToken = await market.tokens.create("ben", { label: "ben's laptop" });
      expect((await market.tokens.list()).map((token) => token.participant)).toEqual(["ann", "ben"]);
      expect(JSON.stringify(await market.tokens.list())).not.toContain(annToken);

      const ann = await connect(market.url, annToken);
      const tools = (await ann.client.listTools()).tools.map((tool) => tool.name);
      expect(tools.sort()).toEqual([...ACTION_TOOLS, ...READ_TOOLS].sort());
      const offerTool = (await ann.client.listTools()).tools.find((tool) => tool.name === "make_offer")!;
      expect(Object.keys(offerTool.inputSchema.properties ?? {}).sort()).toEqual(
        ["expiresAt", "listingId", "price", "text", "threadId", "wantId"].sort(),
      );

      // Malformed arguments: schema errors from the SDK, before anything reaches the market.
      const malformed = [
        await ann.call("post_listing", { itemId: 5 }),
        await ann.call("make_offer", { threadId: "T1", price: "cheap" }),
        await ann.call("make_offer", { threadId: "T1", price: 12.5 }),
        await ann.call("accept_offer", { offerId: "O1" }),
        // A token for ann cannot act for ben: there is no actor to set.
        await ann.call("send_message", { where: "channel", text: "hi", actor: "ben" }),
      ];
      for (const { result, text } of malformed) {
        expect(result.isError).toBe(true);
        expect(text).toMatch(/Input validation error/);
      }

      const view = (await ann.call("my_view")).data;
      expect(view.me.id).toBe("ann");
      expect(view.me.mandate.items[0].reserve).toBe(20_037);
      expect(view.market.status).toBe("open");

      // Below the reserve: a tool error with the engine's code, and no secret in it.
      const below = await ann.call("post_listing", { itemId: "bike", askingPrice: 15_000 });
      expect(below.result.isError).toBe(true);
      expect(JSON.parse(below.text).error.code).toBe("listing/below-reserve");
      for (const pattern of secretPatterns(20_037)) expect(below.text).not.toMatch(pattern);

      const posted = await ann.call("post_listing", {
        itemId: "bike",
        askingPrice: 26_000,
        text: "Lovely bike",
      });
      expect(posted.result.isError, posted.text).toBeFalsy();
      const listingId = posted.data.events.find((e: MarketEvent) => e.type === "listing-posted").listing.id;
      expect(
        (await ann.call("search_listings", { query: "road bike", includeMine: true })).data.listings,
      ).toEqual([expect.objectContaining({ id: listingId, askingPrice: 26_000 })]);

      // Ben's token acts for ben only, and cannot use ann's session.
      const ben = await connect(market.url, benToken.token);
      expect((await ben.call("my_view")).data.me.id).toBe("ben");
      const stolen = await fetch(market.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          authorization: `Bearer ${benToken.token}`,
          "mcp-session-id": ann.transport.sessionId!,
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/call", params: { name: "my_view" } }),
      });
      expect(stolen.status).toBe(404);
      // Ben's offer below ann's reserve is his to make; ann reading ben's side of nothing: not found.
      const notMine = await ann.call("read_thread", { thread: "T999" });
      expect(JSON.parse(notMine.text).error.code).toBe("thread/not-found");

      // Subscriptions: ann is told when her page changes.
      const updates: string[] = [];
      ann.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
        updates.push(notification.params.uri);
      });
      await ann.client.subscribeResource({ uri: "haggle://me" });

      // Negotiate: wait for ben's offers, counter down to a floor ($240) above the reserve, accept or confirm.
      let cursor: string = view.cursor;
      let deal: string | undefined;
      let turnSeen = false;
      let counters = [25_000, 24_500, 24_000];
      let belowReserve: Awaited<ReturnType<typeof ann.call>> | undefined;
      const deadline = Date.now() + 100_000;
      while (!deal && Date.now() < deadline) {
        const waited = (await ann.call("wait_for_changes", { cursor, timeoutSeconds: 10 })).data;
        cursor = waited.cursor;
        if (waited.turn) turnSeen = true;
        for (const event of waited.changes as MarketEvent[]) {
          if (event.type === "deal-confirmed") deal = event.dealId;
          if (event.type === "offer-made" && event.offer.to === "ann" && event.offer.status === "open") {
            const { offer } = event;
            if (!belowReserve) {
              // A seller offering below the reserve: refused with the code, no secret in it.
              belowReserve = await ann.call("make_offer", { threadId: offer.threadId, price: 15_000 });
            }
            if (offer.price >= 24_000) {
              const accepted = await ann.call("accept_offer", { offerId: offer.id, version: offer.version });
              expect(accepted.result.isError, accepted.text).toBeFalsy();
            } else {
              const price = counters[0] ?? 24_000;
              counters = counters.slice(1);
              const countered = await ann.call("make_offer", {
                threadId: offer.threadId,
                price,
                text: "Meet me?",
              });
              expect(countered.result.isError, countered.text).toBeFalsy();
            }
          }
          if (event.type === "deal-accepted" && event.deal.acceptedBy !== "ann") {
            const confirmed = await ann.call("confirm_deal", { dealId: event.deal.id });
            expect(confirmed.result.isError, confirmed.text).toBeFalsy();
            deal = event.deal.id;
          }
        }
      }
      expect(deal, "a deal closed through MCP tools").toBeDefined();
      const thread = (await ann.call("read_thread", { thread: deal! })).data;
      expect(thread.seller.id).toBe("ann");
      // Ben opened below ann's floor: she countered with make_offer, and the deal is hers to confirm.
      expect(thread.offers.some((offer: { from: { id: string } }) => offer.from.id === "ann")).toBe(true);
      expect(thread.buyer.id).toBe("ben");
      expect(thread.deal.price).toBeGreaterThanOrEqual(20_037);
      expect(turnSeen).toBe(true);
      expect(updates).toContain("haggle://me");

      expect(belowReserve).toBeDefined();
      if (belowReserve) {
        expect(belowReserve.result.isError).toBe(true);
        expect(JSON.parse(belowReserve.text).error.code).toBe("offer/below-reserve");
        for (const pattern of secretPatterns(20_037)) expect(belowReserve.text).not.toMatch(pattern);
      }
      // Acting in a closed thread: refused with the engine's code.
      const late = await ann.call("make_offer", { threadId: thread.id, price: 25_000 });
      expect(late.result.isError).toBe(true);
      expect(JSON.parse(late.text).error.code).toMatch(/^(thread|offer|listing)\//);

      await ann.call("my_view");
      const resource = await ann.client.readResource({ uri: `haggle://threads/${thread.id}` });
      const resourceText = String((resource.contents[0] as { text: string }).text);
      ann.seen.push(resourceText);
      expect(JSON.parse(resourceText).id).toBe(thread.id);
      const listed = await ann.client.listResources();
      ann.seen.push(JSON.stringify(listed));
      expect(listed.resources.map((r) => r.uri)).toContain(`haggle://threads/${thread.id}`);
      await ann.call("search_listings", { status: "any" });
      await ann.call("search_want_ads", { status: "any" });

      // Revoked: ben's next request is refused.
      await market.tokens.revoke(benToken.record.id);
      await expect(ben.call("my_view")).rejects.toThrow(/401|nauthori/);
      expect((await initialize(market.url, { authorization: `Bearer ${benToken.token}` })).status).toBe(401);

      // Nothing ann was told holds anyone else's reserve, max price or budget.
      const told = ann.seen.join("\n");
      for (const other of PEOPLE.filter((p) => p.id !== "ann")) {
        for (const cents of secretsOf(other.id)) {
          for (const pattern of secretPatterns(cents))
            expect(told, `${other.id}: ${cents}`).not.toMatch(pattern);
        }
      }
      await ann.client.close();
      // The market's own record: the deal is ann's sale to ben, settled, at or above her reserve.
      const outcome = await market.stop();
      const settled = outcome.state.deals.get(deal!)!;
      expect(settled).toMatchObject({ seller: "ann", buyer: "ben", status: "confirmed" });
      expect(settled.price).toBeGreaterThanOrEqual(20_037);
    } finally {
      await market.stop();
    }
  });
});
