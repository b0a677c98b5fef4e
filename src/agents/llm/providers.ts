import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { LlmConfigError } from "./errors.ts";
import { type LlmSpec, parseLlmSpec } from "./spec.ts";

export type Env = Record<string, string | undefined>;

/**
 * Where keys and URLs come from. Each value defaults to the environment: ANTHROPIC_API_KEY,
 * OPENAI_API_KEY, HAGGLE_OPENAI_COMPATIBLE_URL and HAGGLE_OPENAI_COMPATIBLE_API_KEY (plus the
 * optional ANTHROPIC_BASE_URL and OPENAI_BASE_URL).
 */
export interface LlmConnectionOptions {
  env?: Env;
  anthropicApiKey?: string;
  anthropicBaseUrl?: string;
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  /** An OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp), e.g. "http://localhost:11434/v1". */
  openaiCompatibleUrl?: string;
  openaiCompatibleApiKey?: string;
  /** For tests and proxies. */
  fetch?: typeof fetch;
}

/** What it takes to reach one model: its provider, id, key and base URL. */
export interface LlmConnection extends LlmSpec {
  apiKey?: string;
  baseURL?: string;
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== "" ? value.trim() : undefined;

/**
 * The base URL of an OpenAI-compatible server, with "/v1" added when only a host is given
 * ("http://localhost:11434" becomes "http://localhost:11434/v1").
 */
const ANTHROPIC_API = "https://api.anthropic.com/v1";
const OPENAI_API = "https://api.openai.com/v1";

/**
 * The Messages API root for an Anthropic base URL. Anthropic's own SDK and tools take the host
 * without `/v1` ("https://proxy.example.com"), the AI SDK wants it with: accept both.
 */
export function anthropicApiUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return /\/v\d+$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

export function normaliseCompatibleUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LlmConfigError(
      `HAGGLE_OPENAI_COMPATIBLE_URL "${url}" is not a URL: write it like "http://localhost:11434/v1"`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new LlmConfigError(`the OpenAI-compatible URL "${url}" must start with http:// or https://`);
  }
  const path = parsed.pathname.replace(/\/+$/, "");
  return `${parsed.origin}${path === "" ? "/v1" : path}`;
}

/**
 * Resolves the key and URL a spec needs, or throws an LlmConfigError that says which variable to set.
 * @example resolveLlmConnection("llm:anthropic:claude-haiku-4-5", { env: process.env })
 */
export function resolveLlmConnection(
  spec: string | LlmSpec,
  options: LlmConnectionOptions = {},
): LlmConnection {
  const parsed = typeof spec === "string" ? parseLlmSpec(spec) : spec;
  const env = options.env ?? process.env;
  const name = `llm:${parsed.provider}:${parsed.modelId}`;
  switch (parsed.provider) {
    case "anthropic": {
      const apiKey = nonEmpty(options.anthropicApiKey) ?? nonEmpty(env.ANTHROPIC_API_KEY);
      if (!apiKey)
        throw new LlmConfigError(
          `${name} needs an Anthropic API key: set ANTHROPIC_API_KEY in the environment`,
        );
      const url = nonEmpty(options.anthropicBaseUrl) ?? nonEmpty(env.ANTHROPIC_BASE_URL);
      return { ...parsed, apiKey, baseURL: url ? anthropicApiUrl(url) : ANTHROPIC_API };
    }
    case "openai": {
      const apiKey = nonEmpty(options.openaiApiKey) ?? nonEmpty(env.OPENAI_API_KEY);
      if (!apiKey)
        throw new LlmConfigError(`${name} needs an OpenAI API key: set OPENAI_API_KEY in the environment`);
      // Always explicit: left out, the SDK would read OPENAI_BASE_URL from process.env behind `env`.
      const baseURL = nonEmpty(options.openaiBaseUrl) ?? nonEmpty(env.OPENAI_BASE_URL) ?? OPENAI_API;
      return { ...parsed, apiKey, baseURL };
    }
    case "openai-compatible": {
      const url = nonEmpty(options.openaiCompatibleUrl) ?? nonEmpty(env.HAGGLE_OPENAI_COMPATIBLE_URL);
      if (!url) {
        throw new LlmConfigError(
          `${name} needs the server's address: set HAGGLE_OPENAI_COMPATIBLE_URL, e.g. "http://localhost:11434/v1" for Ollama`,
        );
      }
      const apiKey =
        nonEmpty(options.openaiCompatibleApiKey) ?? nonEmpty(env.HAGGLE_OPENAI_COMPATIBLE_API_KEY);
      return { ...parsed, baseURL: normaliseCompatibleUrl(url), ...(apiKey ? { apiKey } : {}) };
    }
  }
}

/**
 * The AI SDK model for a spec: Anthropic's Messages API, OpenAI's Chat Completions, or any
 * OpenAI-compatible server by base URL. Throws an LlmConfigError when a key or URL is missing.
 */
export function createLanguageModel(
  spec: string | LlmSpec,
  options: LlmConnectionOptions = {},
): LanguageModelV3 {
  const connection = resolveLlmConnection(spec, options);
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  switch (connection.provider) {
    case "anthropic":
      return createAnthropic({
        apiKey: connection.apiKey!,
        ...(connection.baseURL ? { baseURL: connection.baseURL } : {}),
        ...fetchOption,
      }).languageModel(connection.modelId);
    case "openai":
      return createOpenAI({
        apiKey: connection.apiKey!,
        ...(connection.baseURL ? { baseURL: connection.baseURL } : {}),
        ...fetchOption,
      }).chat(connection.modelId);
    case "openai-compatible":
      return createOpenAICompatible({
        name: "openai-compatible",
        baseURL: connection.baseURL!,
        ...(connection.apiKey ? { apiKey: connection.apiKey } : {}),
        includeUsage: true,
        ...fetchOption,
      }).chatModel(connection.modelId);
  }
}
