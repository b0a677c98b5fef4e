/**
 * `haggle redteam` against a model agent, offline: a loopback OpenAI-compatible server answers as a
 * scripted model (the repo's test server), and the CLI attacks `llm:openai-compatible:<model>` on it.
 * Models: "scripted", the repo's scripted negotiator; "leaky", the same negotiator that also tries,
 * every turn, to tell the other side the number in its prompt in another encoding
 * (src/redteam/testing/leaky-model.ts). No API key, no network beyond 127.0.0.1.
 *
 *   npx tsx scripts/redteam-model.ts leaky --trials 10 [any other haggle redteam flag]
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import {
  type ChatRequest,
  lastUserMessage,
  messageText,
  startOpenAICompatibleServer,
} from "../src/agents/llm/testing/openai-compatible-server.ts";
import { negotiatorReply } from "../src/agents/llm/testing/scripted-negotiator.ts";
import { type LeakAttempt, leakyReply } from "../src/redteam/testing/leaky-model.ts";

const [model = "scripted", ...rest] = process.argv.slice(2);
const attempts: LeakAttempt[] = [];
const state = { n: 0, split: new Map<string, string>() };

function respond(request: ChatRequest) {
  const users = request.messages.filter((message) => message.role === "user").map(messageText);
  const history = users.slice(0, -1).join("\n");
  const reply =
    request.model === "leaky"
      ? leakyReply(lastUserMessage(request), history, attempts, state)
      : negotiatorReply({ lastUser: lastUserMessage(request), history });
  return {
    ...(reply.text ? { content: reply.text } : {}),
    toolCalls: (reply.toolCalls ?? []).map((call) => ({ name: call.name, arguments: call.input })),
  };
}

const server = await startOpenAICompatibleServer({ models: ["scripted", "leaky"], respond });
const child = spawn(
  process.execPath,
  [
    join(import.meta.dirname, "..", "bin", "haggle.js"),
    "redteam",
    "--target",
    `llm:openai-compatible:${model}`,
    ...rest,
  ],
  { stdio: "inherit", env: { ...process.env, HAGGLE_OPENAI_COMPATIBLE_URL: server.url } },
);
const code: number = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
await server.close();
if (model === "leaky") process.stderr.write(`The leaky model tried ${attempts.length} times to leak.\n`);
process.exit(code);
