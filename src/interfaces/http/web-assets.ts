import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { Context } from "hono";
import { pagePreloads, preloadLinkHeader } from "./page-preloads.ts";
import type { AppEnv } from "./session-auth.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/**
 * The built web app: a file under `dir` when the path names one, else `index.html` (the app routes
 * in the browser). Hashed assets are cached for a year; the page itself never. The page names the
 * API reads its script will make first, so the browser starts them at once (page-preloads.ts).
 */
export function webAssets(dir: string | undefined) {
  const root = dir ? resolve(dir) : undefined;
  // A build's folder never changes (a new build is a new folder): its page is read once.
  let page: Promise<string> | undefined;
  return async (c: Context<AppEnv>) => {
    if (!root || !existsSync(join(root, "index.html"))) {
      return c.html(
        "<!doctype html><title>Haggle</title><p>The web app is not built: run <code>npm run build:web</code>.</p>",
        503,
      );
    }
    const path = normalize(join(root, decodeURIComponent(c.req.path)));
    const inside = path.startsWith(root + sep);
    if (inside && extname(path) && existsSync(path)) {
      c.header("content-type", TYPES[extname(path)] ?? "application/octet-stream");
      c.header(
        "cache-control",
        path.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
      );
      return c.body(await readFile(path));
    }
    if (extname(c.req.path) && c.req.path.startsWith("/assets/")) return c.notFound();
    c.header("cache-control", "no-cache");
    page ??= readFile(join(root, "index.html"), "utf8");
    const caller = c.get("caller");
    c.header(
      "link",
      preloadLinkHeader(pagePreloads(c.req.path, caller !== undefined && caller.kind !== "anonymous")),
    );
    return c.html(await page);
  };
}
