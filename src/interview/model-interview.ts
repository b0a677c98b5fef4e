import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText, type ModelMessage, Output, tool } from "ai";
import { z } from "zod";
import type { Participant } from "../domain/mandate.ts";
import { draftFromModel, modelDraftSchema, participantFromDraft } from "./draft.ts";
import { InterviewAbortedError, type Terminal } from "./terminal.ts";

const INTERVIEWER = `You interview a person for Haggle, a second-hand market where an AI agent will buy, sell and haggle on their behalf. Find out, one short question at a time:
1. Their name.
2. What they want to sell: for each thing, what it is, its condition (new, like-new, good, fair or poor), any flaws, the asking price, and the least they would accept (it must not be above the asking price).
3. What they want to buy: for each thing, what it is and the most they would pay.
4. Their total budget for buying.
5. How their agent should negotiate: a persona (how it comes across) and any instructions.
Ask one question per message, in plain friendly words. If an answer does not make sense (a negative price, a price that is not a number, a least-acceptable above the asking price), say what is wrong and ask again. Tell them their limits stay secret. When you have everything, call finish_interview instead of asking more.`;

const EXTRACT = `Write down what the person said as JSON with exactly these fields:
{"name": string, "items": [{"title": string, "description": string, "condition": "new"|"like-new"|"good"|"fair"|"poor", "category": string, "flaws": [string], "askingPrice": "$0.00", "reserve": "$0.00"}], "wants": [{"description": string, "keywords": [string], "maxPrice": "$0.00"}], "budget": "$0.00", "persona": string, "instructions": string}
Amounts are strings like "$45.00". "reserve" is the least they accept for the item. Use empty strings and lists for what they did not give. Answer with the JSON only.`;

export interface ModelInterviewOptions {
  /** Most questions before the interview gives up. Default 40. */
  maxQuestions?: number;
  /** Participant id for the file (default: from the name). */
  id?: string;
}

/**
 * The interview with a model: a conversation in the terminal, then the mandate as structured output
 * (Output.object), read and checked in code. Problems the check finds go back into the conversation
 * for the model to ask about. `revise` continues the same conversation with a change the person asks for.
 */
export function createModelInterview(
  terminal: Terminal,
  model: LanguageModelV3,
  options: ModelInterviewOptions = {},
) {
  const messages: ModelMessage[] = [
    {
      role: "user",
      content: "(The person has opened the interview. Greet them briefly and ask your first question.)",
    },
  ];
  const maxQuestions = options.maxQuestions ?? 40;
  let asked = 0;
  const tools = {
    finish_interview: tool({
      description: "Call when you know everything needed: what to sell and buy, prices, budget, persona.",
      inputSchema: z.object({}),
      execute: async () => "The answers are being written down.",
    }),
  };

  async function converse(): Promise<void> {
    for (;;) {
      if (asked >= maxQuestions) {
        throw new InterviewAbortedError(
          `the interview did not finish within ${maxQuestions} questions; nothing was saved`,
        );
      }
      const result = await generateText({
        model,
        system: INTERVIEWER,
        messages,
        tools,
        maxRetries: 3,
        maxOutputTokens: 800,
      });
      messages.push(...result.response.messages);
      if (result.text.trim()) terminal.say(result.text.trim());
      if (result.toolCalls.some((call) => call.toolName === "finish_interview")) return;
      asked++;
      const answer = await terminal.ask(">");
      if (answer === undefined) {
        throw new InterviewAbortedError("the interview ended before it was finished; nothing was saved");
      }
      messages.push({ role: "user", content: answer.trim() || "(no answer)" });
    }
  }

  async function extract(): Promise<{ participant: Participant } | { problems: string[] }> {
    const result = await generateText({
      model,
      system: INTERVIEWER,
      messages: [...messages, { role: "user", content: EXTRACT }],
      output: Output.object({ schema: modelDraftSchema }),
      maxRetries: 3,
      maxOutputTokens: 2000,
    });
    const read = draftFromModel(result.output);
    if ("problems" in read) return read;
    try {
      return { participant: participantFromDraft(read.draft, options.id) };
    } catch (error) {
      return { problems: [(error as Error).message] };
    }
  }

  /** Talks until the model has everything and the mandate checks out. */
  async function run(): Promise<Participant> {
    for (let attempt = 0; attempt < 4; attempt++) {
      await converse();
      const outcome = await extract();
      if ("participant" in outcome) return outcome.participant;
      terminal.say(`Some answers need another look: ${outcome.problems.join("; ")}.`);
      messages.push({
        role: "user",
        content: `(Before this can be saved, these need fixing: ${outcome.problems.join("; ")}. Ask me about them, then call finish_interview.)`,
      });
    }
    throw new InterviewAbortedError(
      "the answers could not be turned into a valid participant; nothing was saved",
    );
  }

  return {
    run,
    /** Goes back to the conversation with a change the person wants, then checks again. */
    async revise(change: string): Promise<Participant> {
      messages.push({
        role: "user",
        content: `(I want to change something before saving: ${change}. Ask what you need, then call finish_interview.)`,
      });
      return run();
    },
  };
}
