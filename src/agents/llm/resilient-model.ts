import {
  APICallError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3GenerateResult,
  type LanguageModelV3Usage,
} from "@ai-sdk/provider";
import type { LlmBudget } from "./budget.ts";
import type { CallLimiter } from "./call-limiter.ts";
import { LlmBudgetExhaustedError, LlmReplayMissError, RecordedLlmError } from "./errors.ts";
import { fromStoredResult, type LlmRecorder, requestKey, toStoredResult } from "./recorder.ts";

export interface RetryOptions {
  /** Retries after the first attempt (429, 5xx, timeouts, lost connections). Default 4. */
  maxRetries?: number;
  /** First backoff; doubled each retry. Default 1000 ms. */
  initialDelayMs?: number;
  /** Longest wait, also the cap on a server's retry-after. Default 20 s. */
  maxDelayMs?: number;
}

/** What one model call cost and how it went, for usage accounting. */
export interface CallReport {
  usage?: LanguageModelV3Usage;
  replayed: boolean;
  retries: number;
  failed: boolean;
  error?: string;
}

export interface ResilienceOptions {
  recorder?: LlmRecorder;
  retry?: RetryOptions;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number;
  /** Checked before each call: a spent budget stops the call with an LlmBudgetExhaustedError. */
  budget?: LlmBudget;
  onCall?: (report: CallReport) => void;
  /** Waits between retries; replaceable in tests. */
  sleep?: (ms: number) => Promise<void>;
  /** The run's cap on calls in flight per provider (`llm.concurrency`); the backoff waits outside it. */
  limiter?: CallLimiter;
  /** The participant whose agent calls, noted on each recorded exchange. */
  participant?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(error: unknown): number | undefined {
  if (!APICallError.isInstance(error)) return undefined;
  const headers = error.responseHeaders ?? {};
  const ms = Number(headers["retry-after-ms"]);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers["retry-after"];
  if (after === undefined) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isRetryable(error: unknown, timedOut: boolean): boolean {
  if (timedOut) return true;
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    return error.isRetryable || status === 429 || (status !== undefined && status >= 500);
  }
  const name = (error as Error)?.name;
  return name === "TimeoutError" || (name === "TypeError" && /fetch failed/i.test((error as Error).message));
}

function describeError(error: unknown): { name: string; message: string; statusCode?: number } {
  const status = APICallError.isInstance(error) ? error.statusCode : undefined;
  return {
    name: (error as Error)?.name ?? "Error",
    message: (error as Error)?.message ?? String(error),
    ...(status !== undefined ? { statusCode: status } : {}),
  };
}

/**
 * Wraps a model with what a market run needs around every call: the run's recording (answers a
 * recorded request without calling the model; records new ones), the shared budget, a timeout per
 * attempt, and retries with exponential backoff on 429, 5xx, timeouts and lost connections (honouring
 * retry-after). Use it with `maxRetries: 0` in generateText so retries happen here only.
 */
export function resilientModel(inner: LanguageModelV3, options: ResilienceOptions = {}): LanguageModelV3 {
  const maxRetries = options.retry?.maxRetries ?? 4;
  const initialDelay = options.retry?.initialDelayMs ?? 1000;
  const maxDelay = options.retry?.maxDelayMs ?? 20_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const recorder = options.recorder && options.recorder.mode !== "off" ? options.recorder : undefined;
  const report = (value: CallReport) => options.onCall?.(value);

  async function doGenerate(params: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    if (options.budget?.exhausted) throw new LlmBudgetExhaustedError(options.budget.message!);
    const key = recorder ? requestKey(inner, params) : undefined;
    const claim = recorder && key ? recorder.take(key) : undefined;
    if (claim?.exchange) {
      const { exchange } = claim;
      if (exchange.error) {
        report({
          replayed: true,
          retries: exchange.retries ?? 0,
          failed: true,
          error: exchange.error.message,
        });
        throw new RecordedLlmError(exchange.error.message, exchange.error.statusCode);
      }
      const result = fromStoredResult(exchange.result!);
      report({ usage: result.usage, replayed: true, retries: exchange.retries ?? 0, failed: false });
      return result;
    }
    if (recorder?.mode === "replay") {
      throw new LlmReplayMissError(
        `the recording ${recorder.path ?? "(in memory)"} has no answer for this ${inner.modelId} request; record the run again`,
      );
    }
    let retries = 0;
    for (;;) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = params.abortSignal ? AbortSignal.any([params.abortSignal, timeout]) : timeout;
      try {
        const attempt = () => inner.doGenerate({ ...params, abortSignal: signal });
        const result = await (options.limiter ? options.limiter.run(inner.provider, attempt) : attempt());
        if (recorder && key && claim) {
          recorder.add({
            key,
            n: claim.n,
            model: `${inner.provider}:${inner.modelId}`,
            ...(options.participant !== undefined ? { who: options.participant } : {}),
            ...(retries > 0 ? { retries } : {}),
            result: toStoredResult(result),
          });
        }
        report({ usage: result.usage, replayed: false, retries, failed: false });
        return result;
      } catch (error) {
        if (params.abortSignal?.aborted) throw error;
        const timedOut = timeout.aborted;
        if (retries < maxRetries && isRetryable(error, timedOut)) {
          const backoff = Math.min(maxDelay, initialDelay * 2 ** retries);
          const wait = Math.min(maxDelay, retryAfterMs(error) ?? backoff);
          retries++;
          const rateLimited = APICallError.isInstance(error) && error.statusCode === 429;
          await (options.limiter ? options.limiter.backOff(() => sleep(wait), rateLimited) : sleep(wait));
          continue;
        }
        const described = timedOut
          ? { name: "TimeoutError", message: `the model did not answer within ${timeoutMs} ms` }
          : describeError(error);
        if (recorder && key && claim) {
          recorder.add({
            key,
            n: claim.n,
            model: `${inner.provider}:${inner.modelId}`,
            ...(options.participant !== undefined ? { who: options.participant } : {}),
            retries,
            error: described,
          });
        }
        report({ replayed: false, retries, failed: true, error: described.message });
        if (timedOut) throw new Error(described.message, { cause: error });
        throw error;
      }
    }
  }

  return {
    specificationVersion: "v3",
    provider: inner.provider,
    modelId: inner.modelId,
    get supportedUrls() {
      return inner.supportedUrls;
    },
    doGenerate,
    doStream: (params) => inner.doStream(params),
  };
}
