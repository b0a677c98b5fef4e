import {
  type ChatReply,
  type ChatRequest,
  messageText,
} from "../../agents/llm/testing/openai-compatible-server.ts";
import { parseMoney } from "../../domain/money.ts";

/**
 * A scripted interviewer for the loopback OpenAI-compatible server: it asks a fixed list of questions
 * one at a time, re-asks a price that is not an amount, calls finish_interview when done, and answers
 * the structured-output request with the answers as JSON. Like a weak model, it does not check that
 * the least acceptable price is below the asking price, so the code's own check has to catch it.
 */
const QUESTIONS = [
  { key: "name", ask: "Hi, I'm setting up your Haggle agent. What's your name?" },
  { key: "title", ask: "What would you like to sell?" },
  {
    key: "condition",
    ask: "What condition is it in (new, like-new, good, fair or poor), and does it have any flaws?",
  },
  { key: "asking", ask: "What's your asking price?", amount: true },
  { key: "reserve", ask: "And the least you'd accept? It stays secret.", amount: true },
  { key: "want", ask: "Is there something you'd like to buy?" },
  { key: "max", ask: "What's the most you'd pay for it?", amount: true },
  { key: "budget", ask: "What's your total budget for buying?", amount: true },
  { key: "persona", ask: "Last one: how should your agent negotiate for you?" },
] as const;

type Key = (typeof QUESTIONS)[number]["key"];

function amountProblem(text: string): string | undefined {
  try {
    if (/^\s*-/.test(text)) return "a price can't be negative";
    parseMoney(text.trim().replace(/^\$?\s*(?=\d)/, "$"));
    return undefined;
  } catch {
    return `"${text}" isn't a price I can use`;
  }
}

/** Replays the conversation so far: the answers accepted, the next question, and any problem to name. */
function stateOf(request: ChatRequest): {
  answers: Partial<Record<Key, string>>;
  next: number;
  problem?: string;
} {
  const answers: Partial<Record<Key, string>> = {};
  let next = 0;
  let problem: string | undefined;
  const users = request.messages.filter((m) => m.role === "user").map(messageText);
  for (const text of users.slice(1)) {
    if (text.startsWith("(Before this can be saved")) {
      next = QUESTIONS.findIndex((q) => q.key === "reserve");
      problem = "The least you'd accept can't be above your asking price.";
      continue;
    }
    if (text.startsWith("(I want to change something")) {
      next = QUESTIONS.findIndex((q) => q.key === "asking");
      problem = "Sure, let's change it.";
      continue;
    }
    if (text.startsWith("Write down what the person said")) continue;
    const question = QUESTIONS[next];
    if (!question) continue;
    const bad = "amount" in question ? amountProblem(text) : undefined;
    if (bad) {
      problem = `Sorry, ${bad}.`;
      continue;
    }
    answers[question.key] = text;
    problem = undefined;
    next++;
    // After a correction, go straight back to the end.
    if (question.key === "reserve" && answers.persona !== undefined) next = QUESTIONS.length;
    if (question.key === "asking" && answers.persona !== undefined)
      next = QUESTIONS.findIndex((q) => q.key === "reserve");
  }
  return { answers, next, ...(problem ? { problem } : {}) };
}

export function scriptedInterviewer(request: ChatRequest): ChatReply {
  const { answers, next, problem } = stateOf(request);
  if (request.response_format) {
    const [condition, ...flaws] = (answers.condition ?? "good")
      .split(/,|\bwith\b/)
      .map((part) => part.trim());
    return {
      content: JSON.stringify({
        name: answers.name ?? "",
        items: answers.title
          ? [
              {
                title: answers.title,
                description: "",
                condition: (condition ?? "good").toLowerCase(),
                category: "other",
                flaws: flaws.filter(Boolean),
                askingPrice: answers.asking ?? "",
                reserve: answers.reserve ?? "",
              },
            ]
          : [],
        wants: answers.want
          ? [
              {
                description: answers.want,
                keywords: answers.want.toLowerCase().split(/\s+/).slice(-2),
                maxPrice: answers.max ?? "",
              },
            ]
          : [],
        budget: answers.budget ?? "$0",
        persona: answers.persona ?? "",
        instructions: answers.persona ?? "",
      }),
    };
  }
  const question = QUESTIONS[next];
  if (!question) return { toolCalls: [{ name: "finish_interview", arguments: {} }] };
  return { content: problem ? `${problem} ${question.ask}` : question.ask };
}
