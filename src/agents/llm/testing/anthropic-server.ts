import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { canonicalJson } from "../../../engine/fingerprint.ts";
import { listenOnLoopback, readBody, sendJson } from "./loopback-http.ts";

/**
 * A small stand-in for Anthropic's Messages API on loopback, for offline tests: POST /v1/messages
 * (non-streaming), answering with text, tool uses or an HTTP error as a script says. It lets the real
 * `@ai-sdk/anthropic` adapter (HTTP, headers, retries, usage parsing) run without a model or a key.
 *
 * It checks what the real API refuses (missing x-api-key, anthropic-version, model or max_tokens; more
 * than 4 cache_control blocks; a tool_use without its tool_result right after, or a tool_result for no
 * tool_use) and reports usage the way prompt caching does: the prompt is read in the order Anthropic
 * caches it (tools, system, then the messages' content blocks); the longest prefix ending at a block
 * boundary that an earlier request wrote to the cache is a cache read, the rest up to the last
 * cache_control block is a cache write, and what follows the last breakpoint is plain input. Tokens
 * are characters / 4. Not modelled: the minimum cacheable length, the 20-block lookback, expiry.
 */

export interface CacheControl {
  type: string;
  ttl?: string;
}

export interface AnthropicContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
  cache_control?: CacheControl;
  [key: string]: unknown;
}

export interface AnthropicMessage {
  role: "user" | "assistant";
  content: string | AnthropicContentBlock[];
}

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema?: unknown;
  cache_control?: CacheControl;
  [key: string]: unknown;
}

export interface AnthropicRequest {
  model: string;
  max_tokens: number;
  system?: string | AnthropicContentBlock[];
  messages: AnthropicMessage[];
  tools?: AnthropicTool[];
  tool_choice?: unknown;
  stream?: boolean;
  [key: string]: unknown;
}

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type AnthropicReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | {
      text?: string;
      toolUses?: { name: string; input: Record<string, unknown> }[];
      /** Default "tool_use" when there are tool uses, else "end_turn". */
      stopReason?: string;
    };

/** One request as received, with what the server answered. */
export interface AnthropicExchange {
  path: string;
  headers: IncomingHttpHeaders;
  request: AnthropicRequest;
  status: number;
  /** For a successful answer. */
  usage?: AnthropicUsage;
}

export interface AnthropicServer {
  /** Base URL for ANTHROPIC_BASE_URL (or the anthropicBaseUrl option), ending in /v1. */
  url: string;
  /** Every well-formed POST /v1/messages body received, in order (refused and failed ones too). */
  requests: AnthropicRequest[];
  /** Every POST /v1/messages received, with the status and usage the server answered. */
  exchanges: AnthropicExchange[];
  close(): Promise<void>;
}

export interface AnthropicServerOptions {
  /** Called for each valid request; `n` counts the requests passed to it, from 0. */
  respond: (request: AnthropicRequest, n: number) => AnthropicReply | Promise<AnthropicReply>;
}

/** The text blocks of a message (a string content is one text block). */
export function messageText(message: AnthropicMessage | undefined): string {
  if (!message) return "";
  if (typeof message.content === "string") return message.content;
  return message.content.map((block) => (block.type === "text" ? (block.text ?? "") : "")).join("");
}

/** The text of every user message of a request, oldest first (tool results are not text). */
export function userMessages(request: AnthropicRequest): string[] {
  return request.messages.filter((m) => m.role === "user").map(messageText);
}

/** The newest user message's text: the agent's update (the AI SDK puts it after any tool results). */
export function lastUserMessage(request: AnthropicRequest): string {
  return messageText([...request.messages].reverse().find((m) => m.role === "user"));
}

/** The system prompt's blocks as text. */
export function systemBlocks(request: AnthropicRequest): AnthropicContentBlock[] {
  if (request.system === undefined) return [];
  return typeof request.system === "string" ? [{ type: "text", text: request.system }] : request.system;
}

const tokensOf = (chars: number): number => Math.ceil(chars / 4);
const sha = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The request's cacheable units in cache order, each as text without its marker, and whether it is marked. */
function cacheUnits(request: AnthropicRequest): { text: string; marked: boolean }[] {
  const unit = (kind: string, value: { cache_control?: CacheControl }) => {
    const { cache_control, ...rest } = value;
    return { text: `${kind}:${canonicalJson(rest)}\n`, marked: cache_control !== undefined };
  };
  const units = (request.tools ?? []).map((tool) => unit("tool", tool));
  for (const block of systemBlocks(request)) units.push(unit("system", block));
  request.messages.forEach((message, index) => {
    const blocks: AnthropicContentBlock[] =
      typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    for (const block of blocks) units.push(unit(`${index}:${message.role}`, block));
  });
  return units;
}

function errorType(status: number): string {
  if (status === 400) return "invalid_request_error";
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 413) return "request_too_large";
  if (status === 429) return "rate_limit_error";
  if (status === 529) return "overloaded_error";
  return "api_error";
}

const errorBody = (status: number, message: string) => ({
  type: "error",
  error: { type: errorType(status), message },
});

/** Why the real API would refuse this request with a 400, if it would. */
function invalid(request: AnthropicRequest): string | undefined {
  if (typeof request.model !== "string" || request.model === "") return "model: Field required";
  if (typeof request.max_tokens !== "number") return "max_tokens: Field required";
  if (!Array.isArray(request.messages) || request.messages.length === 0)
    return "messages: at least one message is required";
  if (request.stream) return "this test server answers non-streaming requests only";
  const marked = cacheUnits(request).filter((u) => u.marked).length;
  if (marked > 4) return `A maximum of 4 blocks with cache_control may be provided. Found ${marked}.`;
  const blocksOf = (m: AnthropicMessage | undefined): AnthropicContentBlock[] =>
    !m || typeof m.content === "string" ? [] : m.content;
  for (let i = 0; i < request.messages.length; i++) {
    const message = request.messages[i]!;
    if (message.role !== "user" && message.role !== "assistant")
      return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    const next = request.messages[i + 1];
    if (message.role === "assistant") {
      const uses = blocksOf(message)
        .filter((b) => b.type === "tool_use")
        .map((b) => b.id);
      const answered = new Set(
        blocksOf(next)
          .filter((b) => b.type === "tool_result")
          .map((b) => b.tool_use_id),
      );
      const missing = uses.filter((id) => !answered.has(id));
      // The last assistant message may end the prompt (a prefill) only without tool uses.
      if (missing.length > 0) {
        return `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
      }
    } else {
      const previous = request.messages[i - 1];
      const known = new Set(
        blocksOf(previous?.role === "assistant" ? previous : undefined)
          .filter((b) => b.type === "tool_use")
          .map((b) => b.id),
      );
      const stray = blocksOf(message).filter((b) => b.type === "tool_result" && !known.has(b.tool_use_id));
      if (stray.length > 0) {
        return `messages.${i}.content.0: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray.map((b) => b.tool_use_id).join(", ")}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
    }
  }
  return undefined;
}

/**
 * Starts the server on 127.0.0.1, port 0 (any free port).
 * @example const server = await startAnthropicServer({ respond: () => ({ text: "hi" }) })
 */
export async function startAnthropicServer(options: AnthropicServerOptions): Promise<AnthropicServer> {
  const requests: AnthropicRequest[] = [];
  const exchanges: AnthropicExchange[] = [];
  /** Hashes of the prompt prefixes written to the cache (the account's cache, shared by all requests). */
  const cache = new Set<string>();
  let answered = 0;
  let ids = 0;

  /** Usage for a request, as prompt caching counts it; writes the request's breakpoints to the cache. */
  function usageFor(request: AnthropicRequest, outputChars: number): AnthropicUsage {
    const units = cacheUnits(request);
    const ends: number[] = [];
    const hashes: string[] = [];
    let length = 0;
    let hash = "";
    for (const unit of units) {
      // A chained hash: equal exactly when the whole prefix up to this unit is equal.
      hash = sha(`${hash}${unit.text}`);
      length += unit.text.length;
      ends.push(length);
      hashes.push(hash);
    }
    const lastMark = units.findLastIndex((u) => u.marked);
    let read = 0;
    for (let i = lastMark; i >= 0; i--) {
      if (cache.has(hashes[i]!)) {
        read = ends[i]!;
        break;
      }
    }
    const cachedEnd = lastMark >= 0 ? ends[lastMark]! : 0;
    units.forEach((unit, i) => {
      if (unit.marked) cache.add(hashes[i]!);
    });
    const cacheRead = tokensOf(read);
    const cacheWrite = tokensOf(cachedEnd) - cacheRead;
    return {
      input_tokens: tokensOf(length) - cacheRead - cacheWrite,
      output_tokens: tokensOf(outputChars),
      cache_creation_input_tokens: cacheWrite,
      cache_read_input_tokens: cacheRead,
    };
  }

  const server = await listenOnLoopback(async (request, response) => {
    const url = request.url ?? "";
    const path = url.replace(/\?.*$/, "");
    let exchange: AnthropicExchange | undefined;
    try {
      if (request.method !== "POST" || path !== "/v1/messages") {
        sendJson(response, 404, errorBody(404, `Not Found: ${request.method} ${path}`));
        return;
      }
      let body: AnthropicRequest;
      try {
        body = JSON.parse(await readBody(request)) as AnthropicRequest;
      } catch {
        sendJson(response, 400, errorBody(400, "There was an issue with the request body: invalid JSON"));
        return;
      }
      requests.push(body);
      exchange = { path, headers: request.headers, request: body, status: 0 };
      exchanges.push(exchange);
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        exchange!.status = status;
        sendJson(response, status, payload, { "request-id": `req_${exchanges.length}`, ...headers });
      };
      if (!request.headers["x-api-key"] && !request.headers.authorization) {
        reply(401, errorBody(401, "x-api-key header is required"));
        return;
      }
      if (!request.headers["anthropic-version"]) {
        reply(400, errorBody(400, "anthropic-version: header is required"));
        return;
      }
      const problem = invalid(body);
      if (problem) {
        reply(400, errorBody(400, problem));
        return;
      }
      const answer = await options.respond(body, answered++);
      if ("status" in answer) {
        reply(
          answer.status,
          answer.body ?? errorBody(answer.status, `scripted error ${answer.status}`),
          answer.headers,
        );
        return;
      }
      const content: AnthropicContentBlock[] = [];
      if (answer.text) content.push({ type: "text", text: answer.text });
      for (const use of answer.toolUses ?? []) {
        content.push({
          type: "tool_use",
          id: `toolu_${String(++ids).padStart(4, "0")}`,
          name: use.name,
          input: use.input,
        });
      }
      const usage = usageFor(body, JSON.stringify(content).length);
      exchange.usage = usage;
      reply(200, {
        id: `msg_${String(exchanges.length).padStart(4, "0")}`,
        type: "message",
        role: "assistant",
        model: body.model,
        content,
        stop_reason: answer.stopReason ?? (answer.toolUses?.length ? "tool_use" : "end_turn"),
        stop_sequence: null,
        usage,
      });
    } catch (error) {
      if (exchange) exchange.status = 500;
      sendJson(response, 500, errorBody(500, (error as Error).message));
    }
  });
  return {
    url: server.url,
    requests,
    exchanges,
    close: server.close,
  };
}
