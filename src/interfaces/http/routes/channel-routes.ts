import { Hono } from "hono";
import { personRef } from "../../../app/queries/person-ref.ts";
import type { MarketSession } from "../../../app/serve/market-session.ts";
import { channelCategories, channelPage } from "../../../app/serve/pages/channel-page.ts";
import { listingPage } from "../../../app/serve/pages/listing-page.ts";
import { readableThread } from "../../../app/serve/pages/negotiation-access.ts";
import { ApiRequestError } from "../http-error.ts";
import { readerOf } from "../reader.ts";
import { SeqCache } from "../seq-cache.ts";
import { type AppEnv, requireSignedIn } from "../session-auth.ts";

const QUERY_MAX = 200;

function query(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (value.length > QUERY_MAX)
    throw new ApiRequestError(`${name}: keep it under ${QUERY_MAX} characters`, "request/invalid", name);
  return value;
}

/** The shared channel, items and negotiations: for everyone signed in, as each may read them. */
export function channelRoutes(session: MarketSession): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const channels = new SeqCache<string>();

  app.get("/api/channel", async (c) => {
    const caller = requireSignedIn(c);
    const state = await session.state();
    if (!state) return c.json({ entries: [], categories: [] });
    const limitText = query(c.req.query("limit"), "limit");
    const limit = limitText === undefined ? undefined : Number(limitText);
    const category = query(c.req.query("category"), "category");
    const person = query(c.req.query("person"), "person");
    const q = query(c.req.query("q"), "q");
    const after = query(c.req.query("after"), "after");
    const reader = readerOf(caller, session, state);
    // What the reader may see of the channel differs only in the negotiations counted on each item.
    const readerKey = reader.readsAllThreads ? "all" : (reader.participant ?? "none");
    const key = JSON.stringify([readerKey, category, person, q, after, limitText]);
    const body = channels.get(state, key, () => {
      const page = channelPage(state, reader, {
        ...(category ? { category } : {}),
        ...(person ? { person } : {}),
        ...(q ? { q } : {}),
        ...(after ? { after } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
      return JSON.stringify({ ...page, categories: channelCategories(state) });
    });
    return c.body(body, 200, { "content-type": "application/json; charset=UTF-8" });
  });

  app.get("/api/people", async (c) => {
    requireSignedIn(c);
    const state = await session.state();
    return c.json(state ? [...state.participants.keys()].map((id) => personRef(state, id)) : []);
  });

  app.get("/api/listings/:id", async (c) => {
    const caller = requireSignedIn(c);
    const state = await session.state();
    if (!state)
      throw new ApiRequestError("The market has not opened yet.", "listing/not-found", "id", "not-found");
    return c.json(listingPage(state, readerOf(caller, session, state), c.req.param("id")));
  });

  app.get("/api/threads/:id", async (c) => {
    const caller = requireSignedIn(c);
    const state = await session.state();
    if (!state)
      throw new ApiRequestError("The market has not opened yet.", "thread/not-found", "id", "not-found");
    return c.json(readableThread(state, readerOf(caller, session, state), c.req.param("id")));
  });

  return app;
}
