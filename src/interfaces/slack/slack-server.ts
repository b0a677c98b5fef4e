import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { SlackMirror } from "./mirror.ts";

/** The path Slack's requests come to: the app manifest's interactivity and slash command URL. */
export const SLACK_EVENTS_PATH = "/slack/events";

type Handler = Pick<SlackMirror, "handle">;

/**
 * Slack's requests for a server that mounts handlers by path (`haggle serve`'s `mounts`): answers
 * `POST /slack/events` with the mirror `current()` returns (the market's host, and so its mirror, may
 * change while the server runs), or 503 while there is none. Each request is verified by the mirror.
 */
export function slackMount(current: () => Handler | undefined): {
  path: typeof SLACK_EVENTS_PATH;
  fetch: (request: Request) => Promise<Response>;
} {
  return {
    path: SLACK_EVENTS_PATH,
    fetch: async (request) => {
      if (request.method !== "POST") return new Response("Slack requests are POSTs", { status: 405 });
      const mirror = current();
      if (!mirror) {
        return new Response("the market is not mirrored to Slack right now: try again in a moment", {
          status: 503,
        });
      }
      return mirror.handle(request);
    },
  };
}

/** A Hono app that serves only Slack's requests, at `POST /slack/events`. */
export function slackRequestsApp(mirror: Handler): Hono {
  const mount = slackMount(() => mirror);
  return new Hono().all(mount.path, (c) => mount.fetch(c.req.raw));
}

/**
 * Serves Slack's requests on a port of their own, for a market with no web server of its own. Behind
 * HTTPS (a reverse proxy or a tunnel): Slack only calls https URLs.
 */
export function listenForSlack(
  mirror: Handler,
  port: number,
  hostname = "127.0.0.1",
): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: slackRequestsApp(mirror).fetch, port, hostname }, (info) =>
      resolve({
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
    server.once("error", reject);
  });
}
