import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A message as the fake Slack stored it. */
export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Wall-clock ms it was received. */
  at: number;
}

type Fault = { kind: "429"; retryAfter: number } | { kind: "drop-after-post" } | { kind: "500" };

/**
 * A small Slack Web API on loopback, for the mirror's tests: chat.postMessage, chat.update,
 * chat.postEphemeral, conversations.open, conversations.history, conversations.replies,
 * users.lookupByEmail, users.info and auth.test, each checking the bot token. Faults can be
 * queued per method (a 429 with retry-after, a 500, a post stored whose answer never arrives) and
 * the whole server taken down and brought back on the same port (an outage).
 */
export class FakeSlack {
  readonly messages: FakeMessage[] = [];
  readonly updates: { channel: string; ts: string; text: string; blocks?: unknown[] }[] = [];
  readonly ephemerals: { channel: string; user: string; text: string }[] = [];
  /** Every call received, by method, including refused ones. */
  readonly calls: { method: string; at: number; status: number }[] = [];
  readonly users = new Map<string, { id: string; email: string }>();
  private readonly faults = new Map<string, Fault[]>();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  /** Microseconds of the last ts given: Slack's ts are the time of posting, unique in a channel. */
  private clock = 0;

  constructor(private readonly token: string) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  addUser(id: string, email: string): void {
    this.users.set(id, { id, email });
  }

  fault(method: string, ...faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.serve(req, res));
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Takes the server down: every connection is cut and new ones are refused until `start`. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages in `channel` (top level and replies), in the order received. */
  in(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  private nextTs(): string {
    this.clock = Math.max(this.clock + 1, Date.now() * 1000);
    const s = String(this.clock);
    return `${s.slice(0, 10)}.${s.slice(10)}`;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
    const body = parseForm(raw, req.headers["content-type"] ?? "");
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method, at: Date.now(), status });
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${this.token}` && body.token !== this.token) {
      send(200, { ok: false, error: "invalid_auth" });
      return;
    }
    const fault = this.faults.get(method)?.shift();
    if (fault?.kind === "429") {
      send(429, { ok: false, error: "ratelimited" }, { "retry-after": String(fault.retryAfter) });
      return;
    }
    if (fault?.kind === "500") {
      send(500, { ok: false, error: "internal_error" });
      return;
    }
    switch (method) {
      case "auth.test":
        send(200, { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" });
        return;
      case "chat.postMessage": {
        const message: FakeMessage = {
          channel: String(body.channel),
          ts: this.nextTs(),
          text: String(body.text ?? ""),
          at: Date.now(),
          ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
          ...(body.blocks ? { blocks: JSON.parse(String(body.blocks)) as unknown[] } : {}),
          ...(body.metadata
            ? { metadata: JSON.parse(String(body.metadata)) as FakeMessage["metadata"] }
            : {}),
        };
        this.messages.push(message);
        if (fault?.kind === "drop-after-post") {
          this.calls.push({ method, at: Date.now(), status: 0 });
          req.socket.destroy();
          return;
        }
        send(200, { ok: true, channel: message.channel, ts: message.ts, message: { text: message.text } });
        return;
      }
      case "chat.update": {
        const target = this.messages.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (!target) {
          send(200, { ok: false, error: "message_not_found" });
          return;
        }
        const blocks = body.blocks ? (JSON.parse(String(body.blocks)) as unknown[]) : undefined;
        target.text = String(body.text ?? target.text);
        if (blocks) target.blocks = blocks;
        this.updates.push({
          channel: target.channel,
          ts: target.ts,
          text: target.text,
          ...(blocks ? { blocks } : {}),
        });
        send(200, { ok: true, channel: target.channel, ts: target.ts });
        return;
      }
      case "chat.postEphemeral":
        this.ephemerals.push({
          channel: String(body.channel),
          user: String(body.user),
          text: String(body.text),
        });
        send(200, { ok: true, message_ts: this.nextTs() });
        return;
      case "conversations.open":
        send(200, { ok: true, channel: { id: `D${String(body.users)}` } });
        return;
      case "conversations.history":
      case "conversations.replies": {
        const oldest = Number(body.oldest ?? 0);
        const latest = Number(body.latest ?? Number.POSITIVE_INFINITY);
        const found = this.messages.filter(
          (m) =>
            m.channel === body.channel &&
            Number(m.ts) >= oldest &&
            Number(m.ts) <= latest &&
            (method === "conversations.history"
              ? m.thread_ts === undefined
              : m.thread_ts === body.ts || m.ts === body.ts),
        );
        send(200, {
          ok: true,
          messages: found.map((m) => ({
            ts: m.ts,
            text: m.text,
            ...(m.metadata ? { metadata: m.metadata } : {}),
          })),
        });
        return;
      }
      case "users.lookupByEmail": {
        const user = [...this.users.values()].find((u) => u.email === body.email);
        send(200, user ? { ok: true, user: { id: user.id } } : { ok: false, error: "users_not_found" });
        return;
      }
      case "users.info": {
        const user = this.users.get(String(body.user));
        send(
          200,
          user
            ? { ok: true, user: { id: user.id, profile: { email: user.email } } }
            : { ok: false, error: "user_not_found" },
        );
        return;
      }
      default:
        send(200, { ok: false, error: "unknown_method" });
    }
  }
}

function parseForm(raw: string, contentType: string): Record<string, string> {
  if (contentType.includes("application/json")) return JSON.parse(raw || "{}") as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(raw).entries());
}

/** Headers Slack would send with `body`, signed with `secret` at `timestamp` (seconds). */
export function signedHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signature,
  };
}
