import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
} from "@ai-sdk/provider";
import { canonicalJson } from "../../engine/fingerprint.ts";
import { LlmConfigError } from "./errors.ts";

/**
 * - "record": answer from the recording when it holds the request, else call the model and append
 *   the exchange (the default: a fresh run records, a resumed run replays up to where it stopped).
 * - "replay": answer only from the recording; a request it does not hold is an error.
 * - "off": no recording.
 */
export type RecordingMode = "record" | "replay" | "off";

/** A model response as stored: what the agent needs to act on it again, nothing transport-specific. */
export interface StoredResult {
  content: LanguageModelV3GenerateResult["content"];
  finishReason: LanguageModelV3GenerateResult["finishReason"];
  usage: LanguageModelV3GenerateResult["usage"];
  providerMetadata?: LanguageModelV3GenerateResult["providerMetadata"];
  warnings: LanguageModelV3GenerateResult["warnings"];
  response?: { id?: string; modelId?: string; timestamp?: string };
}

/** One line of the JSONL file. */
export interface RecordedExchange {
  /** Hash of the request (model, prompt, tools and settings). */
  key: string;
  /** Which occurrence of this request it answers (identical requests are answered in order). */
  n: number;
  model: string;
  /** Retries it took (shown in usage again on replay). */
  retries?: number;
  result?: StoredResult;
  /** A call that failed after every retry; replayed as the same failure. */
  error?: { name: string; message: string; statusCode?: number };
}

/** The hash that keys a model request: the same prompt, tools and settings give the same key. */
export function requestKey(
  model: Pick<LanguageModelV3, "provider" | "modelId">,
  params: LanguageModelV3CallOptions,
): string {
  const { abortSignal: _signal, headers: _headers, includeRawChunks: _raw, ...rest } = params;
  const text = canonicalJson({ provider: model.provider, modelId: model.modelId, ...rest });
  return createHash("sha256").update(text).digest("hex");
}

export function toStoredResult(result: LanguageModelV3GenerateResult): StoredResult {
  const response = result.response;
  return JSON.parse(
    JSON.stringify({
      content: result.content,
      finishReason: result.finishReason,
      usage: result.usage,
      ...(result.providerMetadata ? { providerMetadata: result.providerMetadata } : {}),
      warnings: result.warnings ?? [],
      ...(response
        ? {
            response: {
              ...(response.id !== undefined ? { id: response.id } : {}),
              ...(response.modelId !== undefined ? { modelId: response.modelId } : {}),
              ...(response.timestamp ? { timestamp: response.timestamp.toISOString() } : {}),
            },
          }
        : {}),
    }),
  ) as StoredResult;
}

export function fromStoredResult(stored: StoredResult): LanguageModelV3GenerateResult {
  const { response, ...rest } = stored;
  return {
    ...rest,
    ...(response
      ? {
          response: {
            ...(response.id !== undefined ? { id: response.id } : {}),
            ...(response.modelId !== undefined ? { modelId: response.modelId } : {}),
            ...(response.timestamp ? { timestamp: new Date(response.timestamp) } : {}),
          },
        }
      : {}),
  };
}

/**
 * Every model exchange of a run, keyed by a hash of the request, in a JSONL file (e.g.
 * `<run>/llm-cache.jsonl`). Share one recorder between all the agents of a run. A re-derived run
 * (resume, or a replay for analysis) gets each recorded answer back without calling the model, so
 * it makes the same decisions and the same event log.
 * @example const recorder = LlmRecorder.open(join(runDir, "llm-cache.jsonl"))
 */
export class LlmRecorder {
  private readonly recorded = new Map<string, RecordedExchange[]>();
  private readonly seen = new Map<string, number>();
  /** Exchanges loaded from the file when it was opened. */
  readonly loaded: number;

  private constructor(
    readonly path: string | undefined,
    readonly mode: RecordingMode,
    lines: RecordedExchange[],
  ) {
    for (const line of lines) {
      const list = this.recorded.get(line.key) ?? [];
      list[line.n] = line;
      this.recorded.set(line.key, list);
    }
    this.loaded = lines.length;
  }

  /** Opens (or starts) the recording at `path`. A line that cannot be read is an error naming the line. */
  static open(path: string, mode: RecordingMode = "record"): LlmRecorder {
    const lines: RecordedExchange[] = [];
    if (mode !== "off" && existsSync(path)) {
      const text = readFileSync(path, "utf8");
      text.split("\n").forEach((line, index) => {
        if (line.trim() === "") return;
        try {
          const parsed = JSON.parse(line) as RecordedExchange;
          if (typeof parsed.key !== "string" || typeof parsed.n !== "number") throw new Error("no key");
          lines.push(parsed);
        } catch {
          // A torn last line (the process died mid-write) is dropped; anything else is corruption.
          if (index < text.split("\n").length - 2) {
            throw new LlmConfigError(
              `${path}:${index + 1}: not a recorded model exchange; the file is damaged`,
            );
          }
        }
      });
    } else if (mode === "replay") {
      throw new LlmConfigError(`no model recording at ${path} to replay`);
    }
    return new LlmRecorder(path, mode, lines);
  }

  /** A recorder that keeps exchanges in memory only (tests, one-off runs). */
  static inMemory(mode: RecordingMode = "record", lines: RecordedExchange[] = []): LlmRecorder {
    return new LlmRecorder(undefined, mode, lines);
  }

  /** Claims the next occurrence of `key` and returns its recorded exchange, if any. */
  take(key: string): { n: number; exchange?: RecordedExchange } {
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    const exchange = this.recorded.get(key)?.[n];
    return exchange ? { n, exchange } : { n };
  }

  /** Stores a new exchange (in memory, and appended to the file). */
  add(exchange: RecordedExchange): void {
    if (this.mode === "off") return;
    const list = this.recorded.get(exchange.key) ?? [];
    list[exchange.n] = exchange;
    this.recorded.set(exchange.key, list);
    if (this.path) {
      mkdirSync(dirname(this.path), { recursive: true });
      appendFileSync(this.path, `${JSON.stringify(exchange)}\n`);
    }
  }

  /** Every exchange held, in file order per key (for tests and inspection). */
  exchanges(): RecordedExchange[] {
    return [...this.recorded.values()].flatMap((list) => list.filter(Boolean));
  }
}
