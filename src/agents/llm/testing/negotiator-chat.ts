import {
  type ChatReply,
  type ChatRequest,
  type LoopbackServer,
  lastUserMessage,
  messageText,
  startOpenAICompatibleServer,
} from "./openai-compatible-server.ts";
import { negotiatorReply } from "./scripted-negotiator.ts";

/**
 * The scripted negotiator answering an OpenAI-compatible chat request: what a loopback model server
 * replies in the tests and benchmarks that run model agents over HTTP.
 * @example await startOpenAICompatibleServer({ models: ["scripted"], respond: negotiatorChatReply })
 */
export function negotiatorChatReply(request: ChatRequest): ChatReply {
  const users = request.messages.filter((message) => message.role === "user").map(messageText);
  const reply = negotiatorReply({
    lastUser: lastUserMessage(request),
    history: users.slice(0, -1).join("\n"),
  });
  return {
    ...(reply.text ? { content: reply.text } : {}),
    toolCalls: (reply.toolCalls ?? []).map((call) => ({ name: call.name, arguments: call.input })),
  };
}

/**
 * A loopback OpenAI-compatible server (model "scripted") where the scripted negotiator answers after
 * `delayMs`, as a remote model would: what the scale benchmarks measure against.
 */
export function startSlowNegotiator(delayMs: number): Promise<LoopbackServer> {
  return startOpenAICompatibleServer({
    models: ["scripted"],
    contentIds: true,
    respond: async (request) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return negotiatorChatReply(request);
    },
  });
}
