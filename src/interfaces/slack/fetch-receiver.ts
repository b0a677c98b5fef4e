import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { isValidSlackRequest } from "@slack/bolt";

/** How far a request's timestamp may be from now, either way (Slack's rule: 5 minutes). */
export const MAX_CLOCK_SKEW_S = 5 * 60;
/** Slack waits 3 s for an answer; the receiver answers before then even if no listener acked. */
const ACK_DEADLINE_MS = 2_500;
/** The largest request body read (Slack's payloads are far smaller). */
const MAX_BODY = 1_000_000;

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * A Bolt receiver for the Fetch API (`Request` in, `Response` out), so Slack's requests can be served
 * by any server that speaks it: Hono (`app.post("/slack/events", (c) => receiver.handle(c.req.raw))`)
 * or Node's http through `@hono/node-server`. Every request is verified first: the `v0` HMAC-SHA256
 * signature of its body with the signing secret (Bolt's `isValidSlackRequest`) and a timestamp within
 * five minutes of now, either way; anything else is refused with 401 before Bolt sees it. The answer
 * is whatever the listener passes to `ack` (a slash command's reply), sent as soon as it acks.
 */
export class FetchReceiver implements Receiver {
  private app: App | undefined;

  constructor(
    private readonly options: {
      signingSecret: string;
      log: (line: string) => void;
      /** Seconds since the epoch, for tests. */
      now?: () => number;
      /** Told of each event Bolt is processing, so the caller can wait for its work to end. */
      track?: (work: Promise<unknown>) => void;
    },
  ) {}

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  async handle(request: Request): Promise<Response> {
    if (request.method !== "POST") return text(405, "Slack requests are POSTs");
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > MAX_BODY) return text(413, "request too large");
    const body = await request.text();
    if (body.length > MAX_BODY) return text(413, "request too large");
    const timestamp = Number(request.headers.get("x-slack-request-timestamp"));
    const signature = request.headers.get("x-slack-signature") ?? "";
    const now = this.options.now?.() ?? Date.now() / 1000;
    if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > MAX_CLOCK_SKEW_S) {
      return text(401, "refused: the request's timestamp is missing or more than 5 minutes from now");
    }
    const valid = isValidSlackRequest({
      signingSecret: this.options.signingSecret,
      body,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
      nowMilliseconds: now * 1000,
    });
    if (!valid) return text(401, "refused: the request's signature does not match the signing secret");
    let parsed: Record<string, unknown>;
    try {
      parsed = parseBody(body, request.headers.get("content-type") ?? "");
    } catch {
      return text(400, "the request's body could not be read");
    }
    if (parsed.ssl_check) return text(200, "");
    if (parsed.type === "url_verification") {
      return Response.json({ challenge: parsed.challenge });
    }
    if (!this.app) return text(503, "not ready");
    let answer: (response: Response) => void = () => {};
    const answered = new Promise<Response>((resolve) => {
      answer = resolve;
    });
    let acked = false;
    const event: ReceiverEvent = {
      body: parsed,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        answer(
          response === undefined || response === ""
            ? text(200, "")
            : typeof response === "string"
              ? text(200, response)
              : Response.json(response),
        );
      },
    };
    const work = this.app.processEvent(event).catch((error: unknown) => {
      this.options.log(`slack: a request from Slack failed: ${(error as Error).message ?? String(error)}`);
    });
    this.options.track?.(work);
    let timer: NodeJS.Timeout | undefined;
    const response = await Promise.race([
      answered,
      work.then(() => text(200, "")),
      new Promise<Response>((resolve) => {
        timer = setTimeout(() => resolve(text(200, "")), ACK_DEADLINE_MS);
      }),
    ]);
    clearTimeout(timer);
    return response;
  }
}

/** A Slack request's body: JSON (Events API), or a form whose `payload` is JSON (interactivity) or fields (slash commands). */
function parseBody(body: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return JSON.parse(body) as Record<string, unknown>;
  const form = new URLSearchParams(body);
  const payload = form.get("payload");
  if (payload !== null) return JSON.parse(payload) as Record<string, unknown>;
  return Object.fromEntries(form.entries());
}
