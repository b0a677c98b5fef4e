import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { submitAction } from "../../app/commands/submit-action.ts";
import { participantPage, participantViewer, threadTranscript } from "../../app/queries/index.ts";
import { audienceOf, canSee } from "../../engine/audience.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { viewFor } from "../../engine/view.ts";
import { ACTION_TOOLS, inputSchemaOf } from "./action-tools.ts";
import { isRelevant, parseCursor, shown, threadOf, turnInfo } from "./changes.ts";
import type { McpMarket } from "./market-port.ts";
import { failure, inertJson, matchesQuery, ok, publicListing, publicWantAd } from "./tool-results.ts";

export interface MarketMcpServerOptions {
  market: McpMarket;
  /** The one participant this server acts for: every action is theirs, every read from their side. */
  participant: string;
  /** Reported to the client as the server's version. */
  version?: string;
  /** Real ms between progress notifications of a long `wait_for_changes` (10 s by default). */
  progressEveryMs?: number;
}

/** A long wait is taken in slices this long (real ms), with a progress notification between them. */
const TICK_MS = 10_000;

const THREAD_URI = "haggle://threads/";
const ME_URI = "haggle://me";
/** The longest a `wait_for_changes` may wait, seconds (clients time requests out around a minute or more). */
const MAX_WAIT_SECONDS = 300;

/**
 * An MCP server (the official SDK's `McpServer`) that acts for one participant of one market. Its tools
 * are the participant's typed actions, each checked by the engine (a refusal is a tool error with the
 * engine's code), and reads from their side only: `my_view` (their mandate, threads and deals),
 * `search_listings`, `search_want_ads`, `read_thread`, and `wait_for_changes`, which waits for the
 * changes that concern them (and, for a participant played by an outside agent, their turns). The
 * resources `haggle://me` and `haggle://threads/{id}` can be subscribed to: the client is told when
 * they change. Connect it to any transport (`connect`); `close` stops its watchers.
 */
export function createMarketMcpServer(options: MarketMcpServerOptions): McpServer {
  const { market, participant: me } = options;
  const viewer = participantViewer(me);
  const tickMs = options.progressEveryMs ?? TICK_MS;
  const server = new McpServer(
    { name: "haggle", version: options.version ?? "0.1.0" },
    {
      capabilities: { resources: { subscribe: true } },
      instructions: [
        `You act for participant ${me} in a Haggle market, a second-hand market where agents buy and sell for people.`,
        "Money is always integer cents (1250 is $12.50); times are market-clock milliseconds.",
        "Start with my_view (your mandate: items to sell with your secret reserve, wants with your secret max price, your budget).",
        "Post listings and want ads, search_listings, make offers in threads, accept an offer by id and version, and confirm deals the other side accepted on your offers.",
        "The engine checks every action: it never sells below your reserve or pays above your max price or budget, and a refusal comes back as a tool error with a code.",
        "Never reveal your reserve, max prices or budget in messages. Call wait_for_changes (passing the cursor it returns) to learn of replies, offers and your turns.",
      ].join(" "),
    },
  );

  const run = async (work: () => Promise<unknown>): Promise<CallToolResult> => {
    try {
      return ok(await work());
    } catch (error) {
      return failure(error);
    }
  };

  for (const tool of ACTION_TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: inputSchemaOf(tool.type),
        annotations: { readOnlyHint: false, openWorldHint: false },
      },
      (args: Record<string, unknown>) =>
        run(async () => {
          const events = await submitAction(market, me, { ...args, type: tool.type });
          const state = await market.state();
          // Only what the participant may see of what their action caused (a settled deal closes
          // other people's threads on the same listing, which are not theirs to see).
          const visible = events.filter((event) => canSee(audienceOf(state, event), me));
          return { ok: true, events: visible };
        }),
    );
  }

  const myView = async () => {
    const state = await market.state();
    const now = await market.now();
    const page = participantPage(state, viewer, me);
    const view = viewFor(state, me, { now });
    const turn = await market.turn(me);
    return {
      market: {
        id: state.config.marketId,
        status: state.status,
        currency: state.config.currency,
        now,
        ...(state.closesAt !== undefined ? { closesAt: state.closesAt } : {}),
      },
      me: page,
      matchingListings: view.matchingListings.map((listing) => publicListing(state, listing)),
      matchingWantAds: view.matchingWantAds.map((ad) => publicWantAd(state, ad)),
      ...(turn ? { turn: turnInfo(turn, now) } : {}),
      cursor: `${state.seq}.${turn?.number ?? 0}`,
    };
  };

  server.registerTool(
    "my_view",
    {
      title: "My view",
      description:
        "My side of the market: my mandate (items with my secret reserves, wants with my secret max prices, my budget and what is left of it), my listings, want ads, threads and deals, listings that match my wants, want ads my listings could serve, my current turn if I am a remote agent, and a cursor for wait_for_changes.",
      annotations: { readOnlyHint: true },
    },
    () => run(myView),
  );

  server.registerTool(
    "search_listings",
    {
      title: "Search listings",
      description:
        "Listings in the channel (never anyone's reserve), newest first: every word of `query` must appear in the title, description or category.",
      inputSchema: z
        .object({
          query: z.string().max(200).optional(),
          category: z.string().max(64).optional(),
          status: z.enum(["active", "pending", "sold", "withdrawn", "any"]).default("active"),
          includeMine: z.boolean().default(false),
          limit: z.number().int().min(1).max(100).default(20),
        })
        .strict(),
      annotations: { readOnlyHint: true },
    },
    (args) =>
      run(async () => {
        const state = await market.state();
        const found = [...state.listings.values()]
          .filter(
            (listing) =>
              (args.status === "any" || listing.status === args.status) &&
              (args.includeMine || listing.seller !== me) &&
              (!args.category || listing.category.toLowerCase() === args.category.toLowerCase()) &&
              matchesQuery(args.query, listing.title, listing.description, listing.category),
          )
          .reverse();
        return {
          total: found.length,
          listings: found.slice(0, args.limit).map((listing) => publicListing(state, listing)),
        };
      }),
  );

  server.registerTool(
    "search_want_ads",
    {
      title: "Search want ads",
      description:
        "Want ads in the channel (never anyone's max price), newest first: every word of `query` must appear in the ad.",
      inputSchema: z
        .object({
          query: z.string().max(200).optional(),
          category: z.string().max(64).optional(),
          status: z.enum(["active", "fulfilled", "withdrawn", "any"]).default("active"),
          includeMine: z.boolean().default(false),
          limit: z.number().int().min(1).max(100).default(20),
        })
        .strict(),
      annotations: { readOnlyHint: true },
    },
    (args) =>
      run(async () => {
        const state = await market.state();
        const found = [...state.wantAds.values()]
          .filter(
            (ad) =>
              (args.status === "any" || ad.status === args.status) &&
              (args.includeMine || ad.buyer !== me) &&
              (!args.category || ad.category?.toLowerCase() === args.category.toLowerCase()) &&
              matchesQuery(args.query, ad.description, ad.keywords.join(" "), ad.category),
          )
          .reverse();
        return {
          total: found.length,
          wantAds: found.slice(0, args.limit).map((ad) => publicWantAd(state, ad)),
        };
      }),
  );

  server.registerTool(
    "read_thread",
    {
      title: "Read a thread",
      description:
        "One of my negotiations, by thread id (T12) or deal id (D3): its listing, both sides, every message and each offer's current version and status.",
      inputSchema: z.object({ thread: z.string().min(1).max(128) }).strict(),
      annotations: { readOnlyHint: true },
    },
    ({ thread }) => run(async () => threadTranscript(await market.state(), viewer, thread)),
  );

  /**
   * Waits for what concerns `me` after `from`: relevant events, or a new remote turn; returns at
   * once when there are some already, else after `timeoutMs` at most.
   */
  const changesSince = async (
    from: { seq: number; turn: number },
    timeoutMs: number,
    includePublic: boolean,
    signal?: AbortSignal,
    /** Called between slices of the wait (a client's request timeout can be reset by progress). */
    onTick?: (waitedMs: number) => Promise<void>,
  ) => {
    const started = Date.now();
    const deadline = started + timeoutMs;
    let cursor = from.seq;
    const changes: MarketEvent[] = [];
    for (;;) {
      const read = await market.eventsAfter(cursor, me);
      const state = await market.state();
      for (const event of read.events) {
        if (includePublic || isRelevant(state, me, event)) changes.push(shown(event));
      }
      cursor = read.upTo;
      const turn = await market.turn(me);
      const newTurn = (turn?.number ?? 0) > from.turn;
      const left = deadline - Date.now();
      if (changes.length > 0 || newTurn || read.stopped || left <= 0 || signal?.aborted) {
        const now = await market.now();
        return {
          cursor: `${cursor}.${turn?.number ?? 0}`,
          changes,
          ...(turn ? { turn: { ...turnInfo(turn, now)!, new: newTurn } } : {}),
          market: { status: state.status, now },
          timedOut: changes.length === 0 && !newTurn && !read.stopped,
          ...(read.stopped ? { stopped: true } : {}),
        };
      }
      await market.waitForChange(cursor, me, from.turn, Math.min(left, tickMs), signal);
      if (Date.now() < deadline) await onTick?.(Date.now() - started);
    }
  };

  server.registerTool(
    "wait_for_changes",
    {
      title: "Wait for changes",
      description: `Waits until something concerns me (a reply, an offer, an accept, a confirmation or a decline in my threads; a refusal of my action; a new listing matching my wants or a want ad my listings could serve; the market opening or closing; my turn, if I am a remote agent) and returns those events with a new cursor; or returns empty after timeoutSeconds (30 by default, at most ${MAX_WAIT_SECONDS}: keep it under your client's request timeout, or ask for progress, which is sent every 10 s). Pass the cursor from the last call (or from my_view); without one it waits for what happens from now on. includePublic adds every public post.`,
      inputSchema: z
        .object({
          cursor: z
            .string()
            .regex(/^\d+(\.\d+)?$/, { error: 'a cursor from my_view or wait_for_changes, like "1234.2"' })
            .optional(),
          timeoutSeconds: z.number().min(0).max(MAX_WAIT_SECONDS).default(30),
          includePublic: z.boolean().default(false),
        })
        .strict(),
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      run(async () => {
        let from = parseCursor(args.cursor);
        if (!from) {
          const state = await market.state();
          from = { seq: state.seq, turn: (await market.turn(me))?.number ?? 0 };
        }
        const progressToken = extra._meta?.progressToken;
        // A client that asked for progress hears from the wait every few seconds, so a long wait
        // does not run into its request timeout (resetTimeoutOnProgress in the official SDK).
        const tick =
          progressToken === undefined
            ? undefined
            : (waited: number) =>
                extra
                  .sendNotification({
                    method: "notifications/progress",
                    params: { progressToken, progress: waited, total: args.timeoutSeconds * 1000 },
                  })
                  .catch(() => {});
        return changesSince(from, args.timeoutSeconds * 1000, args.includePublic, extra.signal, tick);
      }),
  );

  // Resources: my page, and each of my threads, to read or subscribe to.
  server.registerResource(
    "me",
    ME_URI,
    { title: "My view", description: "What my_view returns", mimeType: "application/json" },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: "application/json", text: inertJson(await myView()) }],
    }),
  );
  server.registerResource(
    "thread",
    new ResourceTemplate(`${THREAD_URI}{threadId}`, {
      list: async () => {
        const state = await market.state();
        const threads = state.participants.get(me)?.threadIds ?? [];
        return {
          resources: threads.map((id) => ({
            uri: `${THREAD_URI}${id}`,
            name: `${id}: ${state.listings.get(state.threads.get(id)!.listingId)?.title ?? id}`,
            mimeType: "application/json",
          })),
        };
      },
    }),
    { title: "One of my threads", description: "What read_thread returns", mimeType: "application/json" },
    async (uri, variables) => {
      const id = String(variables.threadId);
      const transcript = threadTranscript(await market.state(), viewer, id);
      return {
        contents: [{ uri: uri.href, mimeType: "application/json", text: inertJson(transcript) }],
      };
    },
  );

  // Subscriptions: a watcher follows the log from the first subscription on and tells the client
  // which of the subscribed resources changed.
  const subscribed = new Set<string>();
  const watching = new AbortController();
  let watcherRunning = false;
  const watch = async () => {
    const state = await market.state();
    let from = { seq: state.seq, turn: (await market.turn(me))?.number ?? 0 };
    while (!watching.signal.aborted && subscribed.size > 0) {
      const found = await changesSince(from, 60_000, false, watching.signal);
      const [seq, turn] = found.cursor.split(".").map(Number);
      from = { seq: seq!, turn: turn! };
      if (watching.signal.aborted) return;
      const now = await market.state();
      const touched = new Set<string>();
      if (found.changes.length > 0 || found.turn?.new) touched.add(ME_URI);
      for (const event of found.changes) {
        const thread = threadOf(now, event);
        if (thread) touched.add(`${THREAD_URI}${thread}`);
      }
      for (const uri of touched) {
        if (subscribed.has(uri)) await server.server.sendResourceUpdated({ uri }).catch(() => {});
      }
      if (found.stopped) return;
    }
  };
  server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    const { uri } = request.params;
    if (uri !== ME_URI && !uri.startsWith(THREAD_URI)) {
      throw new Error(`no resource ${uri} to subscribe to: use ${ME_URI} or ${THREAD_URI}<thread id>`);
    }
    subscribed.add(uri);
    if (!watcherRunning) {
      watcherRunning = true;
      void watch()
        .catch(() => {})
        .finally(() => {
          watcherRunning = false;
        });
    }
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    subscribed.delete(request.params.uri);
    return {};
  });
  const previous = server.server.onclose;
  server.server.onclose = () => {
    watching.abort();
    previous?.();
  };
  return server;
}
