/**
 * The API reads a page makes as soon as its script runs, announced with the page itself (a `Link:
 * rel=preload` header), so the browser fetches them while it is still loading and starting the app's
 * script instead of after it. On a 2-core machine serving 200 live streams, the channel's first load
 * was a chain of four round trips (page, script, /api/session, /api/channel) and took 1.0-1.6 s;
 * the script's start alone took 300-550 ms of it (bench:serve's step table).
 *
 * Each URL must be the one the app asks for, byte for byte, or the browser fetches twice:
 * `src/interfaces/web/src/api/preloads.test.ts` checks them against the app's own URL builders.
 */
export const FIRST_CHANNEL_PAGE_URL = "/api/channel?limit=50";

export function pagePreloads(path: string, signedIn: boolean): string[] {
  // Every page of the app reads the session first; only a signed-in caller's pages are readable.
  if (!signedIn) return ["/api/session"];
  if (path === "/") return ["/api/session", FIRST_CHANNEL_PAGE_URL, "/api/people"];
  if (path === "/me") return ["/api/session", "/api/me"];
  const listing = /^\/listings\/([^/]+)$/.exec(path)?.[1];
  if (listing) {
    try {
      return ["/api/session", `/api/listings/${encodeURIComponent(decodeURIComponent(listing))}`];
    } catch {
      // Not a well-formed id: the page will say so; nothing to fetch early.
    }
  }
  return ["/api/session"];
}

/** The `Link` header value: same-origin fetches that carry the session cookie, as the app's do. */
export function preloadLinkHeader(urls: string[]): string {
  return urls.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin=anonymous`).join(", ");
}
