import { existsSync } from "node:fs";
import { request } from "node:http";
import type { MarketAccess } from "../../app/market-access.ts";
import { emptyState } from "../../engine/create-market.ts";
import type { MarketEvent } from "../../engine/event.ts";
import { replay } from "../../engine/replay.ts";
import type { MarketState } from "../../engine/state.ts";
import type { SubmitResult } from "../../runner/market-host.ts";
import { endpointPath } from "./endpoint-path.ts";

/** One JSON request to a running market's endpoint; a status of 400 or more rejects with its error. */
export function call<T>(
  socketPath: string,
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath,
        method,
        path,
        headers: payload
          ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }
          : {},
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => {
          try {
            const parsed = JSON.parse(text) as T & { error?: string };
            if ((response.statusCode ?? 500) >= 400)
              reject(new Error(parsed.error ?? `status ${response.statusCode}`));
            else resolve(parsed);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on("error", reject);
    if (signal) {
      if (signal.aborted) req.destroy(new Error("aborted"));
      else signal.addEventListener("abort", () => req.destroy(new Error("aborted")), { once: true });
    }
    req.end(payload);
  });
}

/** Every durable event of the running market, read a page at a time. */
async function readAll(socketPath: string): Promise<MarketEvent[]> {
  const events: MarketEvent[] = [];
  for (;;) {
    const page = await call<{ events: MarketEvent[]; durableSeq: number }>(
      socketPath,
      "GET",
      `/events?fromSeq=${events.length + 1}`,
    );
    events.push(...page.events);
    if (page.events.length === 0 || events.length >= page.durableSeq) return events;
  }
}

/**
 * Reaches the market running for `runDir` in another process, if one is: access for commands
 * (submit goes to its one writer) and its log as it stands. Undefined when none is running (no
 * socket, or one left by a process that died).
 */
export async function connectToRunningHost(
  runDir: string,
): Promise<(MarketAccess & { events(): Promise<MarketEvent[]> }) | undefined> {
  const socketPath = endpointPath(runDir);
  if (!existsSync(socketPath)) return undefined;
  try {
    await call(socketPath, "GET", "/status");
  } catch {
    return undefined;
  }
  const state = async (): Promise<MarketState> =>
    replay(await readAll(socketPath), emptyState({ transcripts: "all" }));
  return {
    submit: (actor, action) => call<SubmitResult>(socketPath, "POST", "/submit", { actor, action }),
    state,
    events: () => readAll(socketPath),
    close: async () => {},
  };
}
