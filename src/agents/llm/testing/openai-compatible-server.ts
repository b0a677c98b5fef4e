import { createHash } from "node:crypto";
import { listenOnLoopback, readBody, sendJson } from "./loopback-http.ts";

/**
 * A small OpenAI-compatible server on loopback for offline tests: GET /v1/models and
 * POST /v1/chat/completions (non-streaming), answering with text, tool calls, JSON or an HTTP error
 * as a script says. It lets the real provider path (HTTP, retries, a child process) run without a model.
 */

export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content?: string | { type: string; text?: string }[] | null;
  tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: { type: "function"; function: { name: string; description?: string; parameters?: unknown } }[];
  response_format?: { type: string; json_schema?: unknown };
  [key: string]: unknown;
}

export type ChatReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { content?: string; toolCalls?: { name: string; arguments: string | Record<string, unknown> }[] };

export interface LoopbackServer {
  /** Base URL for HAGGLE_OPENAI_COMPATIBLE_URL, ending in /v1. */
  url: string;
  /** Every chat request received, in order. */
  requests: ChatRequest[];
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Model ids GET /v1/models lists. */
  models?: string[];
  respond: (request: ChatRequest, n: number) => ChatReply | Promise<ChatReply>;
  /**
   * Tool call ids from the request's content instead of a counter over every request, so the same
   * request gets the same answer (and token count) however requests from several runs interleave.
   */
  contentIds?: boolean;
}

export function messageText(message: ChatMessage | undefined): string {
  if (!message?.content) return "";
  if (typeof message.content === "string") return message.content;
  return message.content.map((part) => part.text ?? "").join("");
}

/** The newest user message of a request: the agent's update, or the person's last answer. */
export function lastUserMessage(request: ChatRequest): string {
  return messageText([...request.messages].reverse().find((m) => m.role === "user"));
}

/**
 * Starts the server on 127.0.0.1, port 0 (any free port).
 * @example const server = await startOpenAICompatibleServer({ respond: () => ({ content: "hi" }) })
 */
export async function startOpenAICompatibleServer(options: ServerOptions): Promise<LoopbackServer> {
  const requests: ChatRequest[] = [];
  let ids = 0;
  const server = await listenOnLoopback(async (request, response) => {
    try {
      const url = request.url ?? "";
      if (request.method === "GET" && url.replace(/\?.*$/, "") === "/v1/models") {
        const data = (options.models ?? ["scripted"]).map((id) => ({
          id,
          object: "model",
          owned_by: "test",
        }));
        sendJson(response, 200, { object: "list", data });
        return;
      }
      if (request.method !== "POST" || !url.startsWith("/v1/chat/completions")) {
        sendJson(response, 404, { error: { message: `no route ${request.method} ${url}` } });
        return;
      }
      const body = JSON.parse(await readBody(request)) as ChatRequest;
      const n = requests.length;
      requests.push(body);
      const reply = await options.respond(body, n);
      if ("status" in reply) {
        sendJson(
          response,
          reply.status,
          reply.body ?? { error: { message: `scripted error ${reply.status}`, type: "server_error" } },
          reply.headers,
        );
        return;
      }
      const prefix = options.contentIds
        ? createHash("sha256").update(JSON.stringify(body.messages)).digest("hex").slice(0, 12)
        : undefined;
      const toolCalls = (reply.toolCalls ?? []).map((call, i) => ({
        id: prefix ? `call_${prefix}_${i}` : `call_${++ids}`,
        type: "function" as const,
        function: {
          name: call.name,
          arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
        },
      }));
      const promptTokens = Math.ceil(JSON.stringify(body.messages).length / 4);
      const completionTokens = Math.ceil(
        ((reply.content ?? "").length + JSON.stringify(toolCalls).length) / 4,
      );
      sendJson(response, 200, {
        id: `chatcmpl-${n + 1}`,
        object: "chat.completion",
        created: 1_767_600_000,
        model: body.model,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: reply.content ?? null,
              ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
            },
            finish_reason: toolCalls.length > 0 ? "tool_calls" : "stop",
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      });
    } catch (error) {
      sendJson(response, 500, { error: { message: (error as Error).message } });
    }
  });
  return {
    url: server.url,
    requests,
    close: server.close,
  };
}
