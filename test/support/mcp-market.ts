import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createAgent } from "../../src/agents/registry.ts";
import { AgentTokens } from "../../src/app/agent-tokens.ts";
import { type RunOutcome, startRun } from "../../src/app/run-market.ts";
import type { ParticipantInput } from "../../src/domain/mandate.ts";
import { participantSchema } from "../../src/domain/mandate.ts";
import { person } from "../../src/engine/testing/fixtures.ts";
import { type McpHttpHandler, mcpHttpHandler } from "../../src/interfaces/mcp/http.ts";
import { hostMarket } from "../../src/interfaces/mcp/market-port.ts";
import { parseRunConfig } from "../../src/runner/load-run-config.ts";
import type { MarketHost } from "../../src/runner/market-host.ts";

/**
 * The people of the MCP tests. Ann is played from outside (an MCP client); the others by built-in
 * agents. Every secret ends in 37 cents and appears nowhere public, so finding one in what a client
 * was told means it leaked.
 */
export const PEOPLE: ParticipantInput[] = [
  person("ann", {
    items: [{ id: "bike", title: "Trek road bike", asking: 30_000, reserve: 20_037 }],
    budget: 5_137,
  }),
  person("ben", {
    wants: [{ id: "wb", description: "a road bike", max: 27_337, keywords: ["bike"] }],
    budget: 31_137,
  }),
  person("cat", {
    items: [{ id: "tent", title: "Camping tent", asking: 6_000, reserve: 3_337 }],
    wants: [{ id: "wl", description: "a desk lamp", max: 2_537, keywords: ["lamp"] }],
    budget: 9_937,
  }),
  person("dan", {
    wants: [{ id: "wt", description: "a tent", max: 5_937, keywords: ["tent"] }],
    budget: 8_137,
  }),
];

/** Each person's secrets in cents: reserves, max prices, budget. */
export function secretsOf(id: string): number[] {
  const { mandate } = participantSchema.parse(PEOPLE.find((p) => p.id === id));
  return [
    mandate.budget,
    ...mandate.items.map((item) => item.reserve),
    ...mandate.wants.map((want) => want.maxPrice),
  ];
}

/** Patterns that find a secret as cents ("27337") or as money ("273.37", "$273.37"). */
export function secretPatterns(cents: number): RegExp[] {
  const dollars = `${Math.floor(cents / 100)}\\.${String(cents % 100).padStart(2, "0")}`;
  return [new RegExp(`(^|[^0-9])${cents}([^0-9]|$)`), new RegExp(`(^|[^0-9])${dollars}([^0-9]|$)`)];
}

/** A live market of PEOPLE (ann remote), a day in `seconds` real seconds. */
export function liveConfig(seconds: number) {
  return parseRunConfig({
    name: "mcp-live",
    seed: 3,
    clock: "wall",
    speed: Math.round(86_400 / seconds),
    days: 1,
    population: { generate: { participants: 4 } },
    agents: {
      explicit: { ann: "remote", ben: "engine:weak", cat: "engine:strong", dan: "engine:strong" },
    },
    remote: { turnDeadline: "2h" },
  });
}

export interface McpTestMarket {
  host: MarketHost;
  tokens: AgentTokens;
  url: URL;
  handler: McpHttpHandler;
  /** Stops the market where it is and the HTTP server; resolves with the run's outcome. */
  stop(): Promise<RunOutcome>;
}

/** Starts the live market in this process and serves its MCP endpoint on 127.0.0.1 at /mcp. */
export async function startMcpMarket(dir: string, seconds: number): Promise<McpTestMarket> {
  const controller = new AbortController();
  let gotHost!: (host: MarketHost) => void;
  const hosted = new Promise<MarketHost>((resolve) => {
    gotHost = resolve;
  });
  const run = startRun(liveConfig(seconds), {
    dir,
    participants: PEOPLE.map((p) => participantSchema.parse(p)),
    createAgent,
    onHost: gotHost,
    signal: controller.signal,
  });
  run.catch(() => {});
  const host = await hosted;
  const tokens = new AgentTokens(dir);
  const handler = mcpHttpHandler({ tokens, resolveMarket: () => hostMarket(host) });
  const app = new Hono();
  app.all("/mcp", (c) => handler.fetch(c.req.raw));
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(started as Server),
    );
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<RunOutcome> | undefined;
  return {
    host,
    tokens,
    handler,
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    stop() {
      stopped ??= (async () => {
        await handler.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        controller.abort();
        return run;
      })();
      return stopped;
    },
  };
}
