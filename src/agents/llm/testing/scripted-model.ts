import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
} from "@ai-sdk/provider";
import { MockLanguageModelV3 } from "ai/test";
import { canonicalJson } from "../../../engine/fingerprint.ts";

/**
 * Scripted language models for offline tests and benchmarks: a function reads each request and
 * answers with tool calls or text, and the usage reported is a deterministic estimate (characters / 4),
 * with the prefix shared with the same model's previous request counted as cache reads, as a
 * provider's prompt cache would.
 */

export interface ScriptedCall {
  /** 0 for the first call to this model. */
  n: number;
  prompt: LanguageModelV3Prompt;
  system: string;
  /** The text of the newest user message: the agent's update. */
  lastUser: string;
  /** Names of the tools offered. */
  tools: string[];
  options: LanguageModelV3CallOptions;
}

export interface ScriptedReply {
  /** `input` as an object (sent as JSON) or as raw text (to send malformed JSON). */
  toolCalls?: { name: string; input: Record<string, unknown> | string }[];
  text?: string;
}

export type Script = (call: ScriptedCall) => ScriptedReply | Promise<ScriptedReply>;

/** The prompt as text without provider options (cache markers move between calls, content does not). */
export function promptText(options: Pick<LanguageModelV3CallOptions, "prompt" | "tools">): string {
  // Tools first, then the messages in order: the order a provider caches a prefix in.
  return `${canonicalJson(options.tools ?? [], "providerOptions")}\n${options.prompt.map((m) => canonicalJson(m, "providerOptions")).join("\n")}`;
}

export function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part: { type?: string; text?: string }) => (part.type === "text" ? (part.text ?? "") : ""))
      .join("");
  }
  return "";
}

export function lastUserText(prompt: LanguageModelV3Prompt): string {
  for (let i = prompt.length - 1; i >= 0; i--) {
    const message = prompt[i]!;
    if (message.role === "user") return textOf(message.content);
  }
  return "";
}

export function systemText(prompt: LanguageModelV3Prompt): string {
  return prompt
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n");
}

export interface ScriptedModel extends MockLanguageModelV3 {
  /** Estimated input tokens of every call, and the part of each that repeats the previous call's prefix. */
  readonly calls: { inputTokens: number; cachedTokens: number; outputTokens: number }[];
}

/**
 * A MockLanguageModelV3 driven by `script`.
 * @example const model = scriptedModel(() => ({ toolCalls: [{ name: "post_listing", input: { itemId: "bike" } }] }))
 */
export function scriptedModel(
  script: Script,
  options: { modelId?: string; provider?: string } = {},
): ScriptedModel {
  let n = 0;
  let previous = "";
  let ids = 0;
  const calls: ScriptedModel["calls"] = [];
  const model = new MockLanguageModelV3({
    provider: options.provider ?? "scripted",
    modelId: options.modelId ?? "scripted",
    doGenerate: async (callOptions): Promise<LanguageModelV3GenerateResult> => {
      const prompt = callOptions.prompt;
      const reply = await script({
        n: n++,
        prompt,
        system: systemText(prompt),
        lastUser: lastUserText(prompt),
        tools: (callOptions.tools ?? []).map((t) => t.name),
        options: callOptions,
      });
      const content: LanguageModelV3Content[] = [];
      if (reply.text) content.push({ type: "text", text: reply.text });
      for (const call of reply.toolCalls ?? []) {
        content.push({
          type: "tool-call",
          toolCallId: `call-${++ids}`,
          toolName: call.name,
          input: typeof call.input === "string" ? call.input : JSON.stringify(call.input),
        });
      }
      const text = promptText(callOptions);
      const input = tokensOf(text);
      const cached = previous ? tokensOf(text.slice(0, commonPrefix(previous, text))) : 0;
      previous = text;
      const output = tokensOf(JSON.stringify(content));
      calls.push({ inputTokens: input, cachedTokens: cached, outputTokens: output });
      return {
        content,
        finishReason: { unified: reply.toolCalls?.length ? "tool-calls" : "stop", raw: undefined },
        usage: {
          inputTokens: { total: input, noCache: input - cached, cacheRead: cached, cacheWrite: undefined },
          outputTokens: { total: output, text: output, reasoning: undefined },
        },
        warnings: [],
      };
    },
  });
  return Object.assign(model, { calls });
}
