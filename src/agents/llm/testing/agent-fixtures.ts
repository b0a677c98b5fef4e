import type { LanguageModelV3Prompt } from "@ai-sdk/provider";
import type { MarketEvent } from "../../../engine/event.ts";
import type { NegotiationSetup } from "../../builtin/run-negotiation.ts";
import { createLlmAgent, type LlmAgentOptions } from "../llm-agent.ts";
import { promptText, type Script, scriptedModel } from "./scripted-model.ts";

/** Shared by the LLM agent's tests: a bike to haggle over, agents on scripted models, and readers of what they wrote. */

export const setup: NegotiationSetup = {
  item: {
    id: "bike",
    title: "Trek road bike",
    description: "Light aluminium frame",
    condition: "good",
    category: "sports",
    flaws: ["scratched frame"],
    askingPrice: 9_000,
    reserve: 6_500,
  },
  buyer: { maxPrice: 8_500, keywords: ["bike"] },
};

export const ctx = (participantId: string) => ({ participantId, seed: 1 });

export function llm(
  script: Script,
  participantId: string,
  options: LlmAgentOptions = {},
  provider = "scripted",
) {
  const model = scriptedModel(script, { provider });
  const agent = createLlmAgent(`llm:test:${participantId}`, ctx(participantId), { model, ...options });
  return { model, agent };
}

/** Every text an agent wrote that reached the log: messages, and the actions the engine refused. */
export function writtenTexts(events: MarketEvent[]): string[] {
  return events.flatMap((event) => {
    if (event.type === "message-posted") return [event.message.text];
    if (event.type === "action-refused") return [JSON.stringify(event.action)];
    return [];
  });
}

export const strip = (prompt: LanguageModelV3Prompt) => promptText({ prompt, tools: [] });
