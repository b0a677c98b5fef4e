import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { SlackMirror } from "./mirror.ts";

/** The path Slack's requests come to: the app manifest's interactivity and slash command URL. */
export const SLACK_EVENTS_PATH = "/slack/events";

/** A Hono app that serves only Slack's requests, at `POST /slack/events`. */
export function slackRequestsApp(mirror: Pick<SlackMirror, "handle">): Hono {
  return new Hono().post(SLACK_EVENTS_PATH, (c) => mirror.handle(c.req.raw));
}

/**
 * Serves Slack's requests on a port of their own, for a market with no web server of its own. Behind
 * HTTPS (a reverse proxy or a tunnel): Slack only calls https URLs.
 */
export function listenForSlack(
  mirror: Pick<SlackMirror, "handle">,
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
