import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { AgentTokenVerifier } from "../../app/agent-tokens.ts";
import { HostError } from "../../runner/host-error.ts";
import { createMarketMcpServer } from "./market-mcp-server.ts";
import type { McpMarket } from "./market-port.ts";

/** Resolves when stdin ends (the MCP client went away). */
function stdinClosed(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.once("end", resolve);
    process.stdin.once("close", resolve);
  });
}

/**
 * A market whose every read and action first checks the token again, so a token revoked while the
 * stdio server runs stops working at its next call.
 */
function checkedMarket(market: McpMarket, tokens: AgentTokenVerifier, token: string): McpMarket {
  const check = async () => {
    if (!(await tokens.verify(token))) {
      throw new HostError("forbidden", "token/revoked", "this agent token was revoked: ask for a new one");
    }
  };
  return {
    ...market,
    submit: async (actor, action) => {
      await check();
      return market.submit(actor, action);
    },
    state: async () => {
      await check();
      return market.state();
    },
  };
}

/**
 * Serves the MCP server of `participant` over this process's stdin and stdout (a desktop MCP client
 * starts `haggle mcp` and talks to it on them), until stdin closes. Nothing else may write to stdout.
 */
export async function serveMcpOverStdio(options: {
  market: McpMarket;
  participant: string;
  tokens: AgentTokenVerifier;
  token: string;
}): Promise<void> {
  const server = createMarketMcpServer({
    market: checkedMarket(options.market, options.tokens, options.token),
    participant: options.participant,
  });
  const closed = stdinClosed();
  await server.connect(new StdioServerTransport());
  await closed;
  await server.close();
}

/**
 * Bridges this process's stdin and stdout to a market server's MCP endpoint (`<url>`, Streamable
 * HTTP), sending the token as a bearer token: for a desktop client that only speaks stdio. Messages
 * pass through unchanged both ways, server notifications included. Resolves when either side closes.
 */
export async function bridgeStdioToHttp(url: URL, token: string): Promise<void> {
  const remote = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  const local = new StdioServerTransport();
  const done = new Promise<void>((resolve) => {
    remote.onclose = () => resolve();
    local.onclose = () => resolve();
    void stdinClosed().then(resolve);
  });
  const fail = (error: Error) => process.stderr.write(`haggle mcp: ${error.message}\n`);
  local.onmessage = (message: JSONRPCMessage) => {
    remote.send(message).catch((error: Error) => {
      fail(error);
      // A request that cannot reach the server is answered, so the client does not wait for ever.
      if ("id" in message && "method" in message) {
        void local.send({
          jsonrpc: "2.0",
          id: message.id,
          error: {
            code: -32000,
            message: `the market server refused or could not be reached: ${error.message}`,
          },
        });
      }
    });
  };
  remote.onmessage = (message: JSONRPCMessage) => {
    local.send(message).catch(fail);
  };
  remote.onerror = fail;
  await remote.start();
  await local.start();
  await done;
  await remote.terminateSession().catch(() => {});
  await Promise.allSettled([remote.close(), local.close()]);
}
