import { getConnInfo } from "@hono/node-server/conninfo";
import type { MiddlewareHandler } from "hono";
import { ApiRequestError } from "./http-error.ts";

/**
 * At most `limit` failed requests per `windowMs` from one address to the routes it guards (sign-in,
 * invites): guessing a password or an invite code then takes years, while people signing in right
 * (a whole office behind one address) are never slowed. In memory: a restart forgives.
 */
export function rateLimit(limit: number, windowMs: number): MiddlewareHandler {
  const hits = new Map<string, number[]>();
  return async (c, next) => {
    let address = "unknown";
    try {
      address = getConnInfo(c).remote.address ?? "unknown";
    } catch {}
    const now = Date.now();
    const recent = (hits.get(address) ?? []).filter((at) => now - at < windowMs);
    if (recent.length >= limit) {
      c.header("retry-after", String(Math.ceil((recent[0]! + windowMs - now) / 1000)));
      throw new ApiRequestError(
        `Too many attempts from this address: wait ${Math.ceil((recent[0]! + windowMs - now) / 1000)} s and try again.`,
        "request/rate-limited",
        undefined,
        "forbidden",
        429,
      );
    }
    await next();
    if (c.res.status >= 400) {
      recent.push(now);
      hits.set(address, recent);
      if (hits.size > 10_000) hits.clear();
    }
  };
}
