import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { InterviewChats } from "../../app/serve/interview-chat.ts";
import type { MarketSession } from "../../app/serve/market-session.ts";
import { errorResponse } from "./http-error.ts";
import { authRoutes } from "./routes/auth-routes.ts";
import { channelRoutes } from "./routes/channel-routes.ts";
import { eventsRoute } from "./routes/events-route.ts";
import { interviewChatRoute } from "./routes/interview-chat-route.ts";
import { meRoutes } from "./routes/me-routes.ts";
import { organiserRoutes } from "./routes/organiser-routes.ts";
import { tokenRoutes } from "./routes/token-routes.ts";
import { sameOriginMutations } from "./same-origin.ts";
import { type AppEnv, readSession } from "./session-auth.ts";
import { webAssets } from "./web-assets.ts";

export interface HttpAppOptions {
  session: MarketSession;
  /** The address people open, for invite links (e.g. http://127.0.0.1:8080). */
  baseUrl: () => string;
  /** The built web app's folder; without it pages answer that the app is not built. */
  webDir?: string;
  /**
   * Handlers that take their requests whole, before this app's cookies, CSRF check and headers (MCP
   * at /mcp with its bearer tokens, Slack at /slack with its signatures): each does its own auth.
   */
  mounts?: { path: string; fetch: (request: Request) => Response | Promise<Response> }[];
  log?: (line: string) => void;
  /** Interviews as conversations with a model, when the server has one. */
  interviewChats?: InterviewChats;
}

/**
 * The served market's HTTP app: the JSON API the web app uses (routes in api-types.ts), the live
 * event stream, and the web app itself. Thin: every route reads or acts through the session and the
 * application layer's queries and commands.
 */
export function createHttpApp(options: HttpAppOptions): Hono<AppEnv> {
  const { session } = options;
  const app = new Hono<AppEnv>();
  app.onError((error, c) => errorResponse(c, error, options.log));
  for (const mount of options.mounts ?? []) {
    app.all(mount.path, (c) => mount.fetch(c.req.raw));
    app.all(`${mount.path}/*`, (c) => mount.fetch(c.req.raw));
  }
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
      // Invite codes and login links are in URLs: never sent on to another site.
      referrerPolicy: "no-referrer",
      xFrameOptions: "SAMEORIGIN",
    }),
  );
  app.use("*", sameOriginMutations());
  app.use("*", readSession(session));
  app.route("/", authRoutes(session));
  app.route("/", meRoutes(session));
  app.route("/", tokenRoutes(session));
  app.route("/", interviewChatRoute(session, options.interviewChats));
  app.route("/", channelRoutes(session));
  app.route("/", eventsRoute(session));
  app.route("/", organiserRoutes(session, options.baseUrl, options.log));
  app.all("/api/*", (c) =>
    c.json(
      {
        error: {
          code: "request/no-route",
          message: `No route ${c.req.method} ${c.req.path}: see the README's API table.`,
        },
      },
      404,
    ),
  );
  app.get("*", webAssets(options.webDir));
  return app;
}

/** Listens on `port` (0: any free one) at `hostname`; resolves with the server and its port. */
export function listen(
  app: Hono<AppEnv>,
  port: number,
  hostname: string,
): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) =>
      resolve({ server, port: info.port }),
    );
    server.once("error", reject);
  });
}
