import type { MiddlewareHandler } from "hono";
import { ApiRequestError } from "./http-error.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery, refused twice over (the session cookie is also SameSite=Strict): a
 * change must come as JSON, which a page of another site cannot send without the browser asking
 * first, and when the browser names the page's origin it must be this server's.
 */
export function sameOriginMutations(): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method) || !c.req.path.startsWith("/api/")) return next();
    const origin = c.req.header("origin");
    if (origin && origin !== "null") {
      const host = c.req.header("host");
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).host;
      } catch {}
      if (!host || originHost !== host) {
        throw new ApiRequestError(
          "Requests from another site are refused.",
          "request/cross-site",
          undefined,
          "forbidden",
        );
      }
    } else if (origin === "null") {
      throw new ApiRequestError(
        "Requests from another site are refused.",
        "request/cross-site",
        undefined,
        "forbidden",
      );
    }
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/json\b/i.test(type)) {
      throw new ApiRequestError(
        "Send changes as JSON: set content-type: application/json (an empty body is {}).",
        "request/not-json",
        "content-type",
      );
    }
    return next();
  };
}
