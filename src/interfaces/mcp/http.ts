import { randomUUID } from "node:crypto";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { AgentTokenVerifier, TokenIdentity } from "../../app/agent-tokens.ts";
import { createMarketMcpServer } from "./market-mcp-server.ts";
import type { McpMarket } from "./market-port.ts";

export interface McpHttpOptions {
  /** Who a bearer token acts for (`AgentTokens` of the run folder). Checked on every request. */
  tokens: AgentTokenVerifier;
  /** The market a verified participant acts in; undefined when there is none (503). */
  resolveMarket: (identity: TokenIdentity) => McpMarket | undefined | Promise<McpMarket | undefined>;
  /** A session unused this long (real ms) is closed; 1 hour by default. */
  idleMs?: number;
  /** Most open sessions per token (the oldest is closed past it); 16 by default. */
  sessionsPerToken?: number;
  /**
   * Origins whose web pages may call the endpoint besides the endpoint's own (the MCP spec asks
   * servers to check `Origin`, against DNS rebinding); a request without `Origin` (not from a
   * browser) is not affected.
   */
  allowedOrigins?: string[];
}

export interface McpHttpHandler {
  /** Answers one request to the MCP endpoint (POST, GET or DELETE, Streamable HTTP). */
  fetch(request: Request): Promise<Response>;
  /** Closes every session. */
  close(): Promise<void>;
  /** Open sessions, for tests and the server's status. */
  readonly sessions: number;
}

interface Session {
  identity: TokenIdentity;
  server: McpServer;
  transport: WebStandardStreamableHTTPServerTransport;
  lastSeen: number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function unauthorized(message: string): Response {
  return json(
    401,
    { error: { code: "mcp/unauthorized", message } },
    { "www-authenticate": 'Bearer realm="haggle", error="invalid_token"' },
  );
}

/**
 * The MCP endpoint of a market over Streamable HTTP (the official SDK's web-standard transport), as a
 * `(Request) => Response` handler to mount at `/mcp`. Every request needs `Authorization: Bearer
 * <agent token>`: an unknown or revoked token gets 401, on every request (a session does not outlive
 * its token's revocation). Each session is an MCP server acting for the token's participant only; a
 * session id used with another token is answered as unknown (404).
 */
export function mcpHttpHandler(options: McpHttpOptions): McpHttpHandler {
  const sessions = new Map<string, Session>();
  const idleMs = options.idleMs ?? 3_600_000;
  const perToken = options.sessionsPerToken ?? 16;

  const drop = async (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    await session.transport.close().catch(() => {});
    await session.server.close().catch(() => {});
  };
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [id, session] of sessions) if (now - session.lastSeen > idleMs) void drop(id);
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  async function fetch(request: Request): Promise<Response> {
    const origin = request.headers.get("origin");
    if (origin && origin !== new URL(request.url).origin && !options.allowedOrigins?.includes(origin)) {
      return json(403, {
        error: { code: "mcp/origin", message: `requests from ${origin} are not allowed here` },
      });
    }
    const header = request.headers.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return unauthorized("send Authorization: Bearer <agent token> (haggle token create)");
    const identity = await options.tokens.verify(match[1]!);
    if (!identity) return unauthorized("this token is not valid here: it is unknown or was revoked");

    const sessionId = request.headers.get("mcp-session-id");
    if (sessionId) {
      const session = sessions.get(sessionId);
      if (!session || session.identity.tokenId !== identity.tokenId) {
        return json(404, {
          jsonrpc: "2.0",
          error: { code: -32001, message: "Session not found: initialize a new one" },
          id: null,
        });
      }
      session.lastSeen = Date.now();
      const response = await session.transport.handleRequest(request);
      if (request.method === "DELETE") sessions.delete(sessionId);
      return response;
    }

    const market = await options.resolveMarket(identity);
    if (!market) {
      return json(503, { error: { code: "mcp/no-market", message: "no market is running here now" } });
    }
    const server = createMarketMcpServer({ market, participant: identity.participant });
    let created: Session | undefined;
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        created = { identity, server, transport, lastSeen: Date.now() };
        sessions.set(id, created);
        const mine = [...sessions].filter(([, session]) => session.identity.tokenId === identity.tokenId);
        for (const [old] of mine.slice(0, Math.max(0, mine.length - perToken))) void drop(old);
      },
      onsessionclosed: (id) => {
        void drop(id);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    // Anything but an initialize request without a session is refused by the transport: let it go.
    if (!created) await server.close().catch(() => {});
    return response;
  }

  return {
    fetch,
    async close() {
      clearInterval(sweep);
      await Promise.all([...sessions.keys()].map(drop));
    },
    get sessions() {
      return sessions.size;
    },
  };
}
