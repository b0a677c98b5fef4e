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
  /** The participant whose agent made the call (so their turns can take it elsewhere). */
  who?: string;
  /** Retries it took (shown in usage again on replay). */
  retries?: number;
  result?: StoredResult;
  /** A call that failed after every retry; replayed as the same failure. */
  error?: { name: string; message: string; statusCode?: number };
}

/** Where `keysOf` keeps the request keys of exchanges recorded without their participant. */
const UNTAGGED = Symbol("untagged");

/** What a turn taken on another process gets of the run's recording (see `LlmRecorder.shareFor`). */
export interface RecordingShare {
  exchanges: RecordedExchange[];
  /** Per request key of the participant's: the occurrence its next making claims. */
  next: Record<string, number>;
}

/** What a turn's recorder claimed (`taken`) and recorded (`added`). */
export interface RecorderJournal {
  taken: { key: string; n: number }[];
  added: RecordedExchange[];
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
  /** The request keys each participant's calls used, for `shareFor`. */
  private readonly keysOf = new Map<string | typeof UNTAGGED, Set<string>>();
  /** What a turn's recorder took and added, when it keeps a journal (see `forTurn`). */
  private journal: RecorderJournal | undefined;
  /** Exchanges loaded from the file when it was opened. */
  readonly loaded: number;

  private constructor(
    readonly path: string | undefined,
    readonly mode: RecordingMode,
    lines: RecordedExchange[],
  ) {
    for (const line of lines) this.keep(line);
    this.loaded = lines.length;
  }

  private keep(exchange: RecordedExchange): void {
    const list = this.recorded.get(exchange.key) ?? [];
    list[exchange.n] = exchange;
    this.recorded.set(exchange.key, list);
    // A recording made before exchanges were tagged with their participant: whose it is is unknown,
    // so every participant's share holds it (request keys differ by participant, so none claims
    // another's).
    const who = exchange.who ?? UNTAGGED;
    const keys = this.keysOf.get(who) ?? new Set();
    keys.add(exchange.key);
    this.keysOf.set(who, keys);
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

  /**
   * A recorder for one turn taken on another process: it holds `share` (from `shareFor` on the run's
   * recorder) and keeps a journal of what the turn took and added, for the run's recorder to `absorb`.
   */
  static forTurn(mode: RecordingMode, share: RecordingShare): LlmRecorder {
    const recorder = new LlmRecorder(undefined, mode, share.exchanges);
    for (const [key, n] of Object.entries(share.next)) recorder.seen.set(key, n);
    recorder.journal = { taken: [], added: [] };
    return recorder;
  }

  /**
   * What one participant's next turn may need from the recording, to take it on another process: the
   * exchanges of their calls not taken yet (a resumed run replays them), and how many times each of
   * their requests was already made (so a request made again claims the same occurrence it would here).
   */
  shareFor(who: string): RecordingShare {
    const exchanges: RecordedExchange[] = [];
    const next: Record<string, number> = {};
    for (const key of new Set([...(this.keysOf.get(who) ?? []), ...(this.keysOf.get(UNTAGGED) ?? [])])) {
      const n = this.seen.get(key) ?? 0;
      next[key] = n;
      for (const exchange of this.recorded.get(key)?.slice(n) ?? []) if (exchange) exchanges.push(exchange);
    }
    return { exchanges, next };
  }

  /** What a turn's recorder took and added since it was made (see `forTurn`). */
  journalOf(): RecorderJournal {
    return this.journal ?? { taken: [], added: [] };
  }

  /**
   * Takes in what a turn taken elsewhere did with its share: the occurrences it claimed, and the new
   * exchanges it made, which are recorded here (and in the file) as if made here.
   */
  absorb(journal: RecorderJournal): void {
    for (const { key, n } of journal.taken) this.seen.set(key, Math.max(this.seen.get(key) ?? 0, n + 1));
    for (const exchange of journal.added) this.add(exchange);
  }

  /** Claims the next occurrence of `key` and returns its recorded exchange, if any. */
  take(key: string): { n: number; exchange?: RecordedExchange } {
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    this.journal?.taken.push({ key, n });
    const exchange = this.recorded.get(key)?.[n];
    return exchange ? { n, exchange } : { n };
  }

  /** Stores a new exchange (in memory, and appended to the file). */
  add(exchange: RecordedExchange): void {
    if (this.mode === "off") return;
    this.keep(exchange);
    this.seen.set(exchange.key, Math.max(this.seen.get(exchange.key) ?? 0, exchange.n + 1));
    this.journal?.added.push(exchange);
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
