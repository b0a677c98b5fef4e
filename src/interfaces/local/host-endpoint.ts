import { chmodSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { MarketEvent } from "../../engine/event.ts";
import type { MarketHost } from "../../runner/market-host.ts";
import { hostMarket } from "../mcp/market-port.ts";
import { endpointPath } from "./endpoint-path.ts";

/** Most events one read returns; a reader pages on with `fromSeq`. */
const PAGE = 10_000;
/** The longest one `GET /events?wait=` holds a request open, real ms. */
const MAX_WAIT_MS = 60_000;

/** A whole number from a query parameter, or undefined when absent; NaN when malformed. */
function wholeNumber(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= 0 ? number : Number.NaN;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of request) {
    text += chunk;
    if (text.length > 1_000_000) throw new Error("request body over 1 MB");
  }
  return JSON.parse(text);
}

/**
 * Serves a running market to other commands on this machine, over a Unix socket only its owner
 * can open (mode 0600): `GET /status`, `GET /events?fromSeq=N` (the durable events from N, a page at a time, as
 * the operator sees them) and `POST /submit` (`{ actor, action }`, answered once durable). It is
 * how `haggle show` reads a running market whose embedded store is locked, and how `haggle
 * handover` reaches the market's one writer. Closes with the host.
 *
 * For `haggle mcp` (an outside agent's MCP server in another process), `GET /events` also takes
 * `wait=<ms>`: with nothing durable from `fromSeq` yet, the answer waits (up to a minute) for the next
 * event, or, with `turnOf=<participant>&turnAfter=<n>`, for that remote participant's next turn; the
 * answer then carries their latest `turn`. `GET /turn?participant=<id>` reads it alone.
 */
export async function serveHostLocally(host: MarketHost, runDir: string): Promise<() => Promise<void>> {
  const path = endpointPath(runDir);
  // A socket left by a killed run: this process holds the market's lock, so nobody else listens.
  rmSync(path, { force: true });
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: Error) => send(response, 500, { error: error.message }));
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://local");
    if (request.method === "GET" && url.pathname === "/turn") {
      const participant = url.searchParams.get("participant");
      if (!participant) return send(response, 400, { error: "name the participant: /turn?participant=<id>" });
      return send(response, 200, { turn: (await hostMarket(host).turn(participant)) ?? null });
    }
    if (request.method === "GET" && url.pathname === "/events") {
      const fromSeq = Number(url.searchParams.get("fromSeq") ?? "1");
      if (!Number.isSafeInteger(fromSeq) || fromSeq < 1) {
        return send(response, 400, { error: "fromSeq must be a whole number of at least 1" });
      }
      const wait = wholeNumber(url, "wait");
      const turnAfter = wholeNumber(url, "turnAfter");
      const turnOf = url.searchParams.get("turnOf") ?? undefined;
      if (Number.isNaN(wait) || Number.isNaN(turnAfter)) {
        return send(response, 400, { error: "wait and turnAfter must be whole numbers" });
      }
      const market = hostMarket(host);
      if (wait !== undefined && wait > 0) {
        const gone = new AbortController();
        response.once("close", () => gone.abort());
        await market.waitForChange(
          fromSeq - 1,
          turnOf ?? "",
          turnAfter ?? 0,
          Math.min(wait, MAX_WAIT_MS),
          gone.signal,
        );
      }
      const events: MarketEvent[] = [];
      const until = host.durableSeq;
      if (fromSeq <= until) {
        const controller = new AbortController();
        for await (const event of host.events({ fromSeq, signal: controller.signal })) {
          events.push(event);
          if (event.seq >= until || events.length >= PAGE) break;
        }
      }
      const turn = turnOf === undefined ? {} : { turn: (await market.turn(turnOf)) ?? null };
      return send(response, 200, { events, durableSeq: until, closed: host.closed, ...turn });
    }
    if (request.method === "GET" && url.pathname === "/status") {
      const { state } = host;
      return send(response, 200, {
        marketId: state.config.marketId,
        status: state.status,
        durableSeq: host.durableSeq,
        now: host.now(),
      });
    }
    if (request.method === "POST" && url.pathname === "/submit") {
      let body: { actor?: unknown; action?: unknown };
      try {
        body = (await bodyOf(request)) as typeof body;
      } catch (error) {
        return send(response, 400, { error: `the body is not JSON: ${(error as Error).message}` });
      }
      if (
        typeof body !== "object" ||
        body === null ||
        typeof body.actor !== "string" ||
        typeof body.action !== "object" ||
        body.action === null
      ) {
        return send(response, 400, {
          error: 'the body must be { "actor": "<participant id>", "action": {...} }',
        });
      }
      return send(response, 200, await host.submit(body.actor, body.action));
    }
    send(response, 404, {
      error: `no ${request.method} ${url.pathname} here: use GET /status, GET /events, GET /turn or POST /submit`,
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      rmSync(path, { force: true });
    });
    return closed;
  };
  host.signal.addEventListener("abort", () => void close(), { once: true });
  return close;
}
