import { webApi } from "@slack/bolt";

/**
 * What became of a Slack Web API call that failed:
 * - `rate`: 429, not done; wait `retryAfterMs`.
 * - `down`: no connection was made (refused, no such host): not done; try again later.
 * - `unknown`: the request may have reached Slack (a reset, a timeout, a 5xx): look before posting again.
 * - `platform`: Slack answered `ok: false` with `code` (channel_not_found, msg_too_long, ...).
 */
export type CallFailure =
  | { kind: "rate"; retryAfterMs: number }
  | { kind: "down"; detail: string }
  | { kind: "unknown"; detail: string }
  | { kind: "platform"; code: string };

const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** The code of the first error in `error`'s chain of causes that has one. */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && !code.startsWith("slack_")) return code;
    const next =
      (current as { original?: unknown; cause?: unknown }).original ?? (current as { cause?: unknown }).cause;
    // An AggregateError (several addresses tried) keeps its causes in `errors`.
    const many = (current as { errors?: unknown[] }).errors;
    current = next ?? (Array.isArray(many) ? many[0] : undefined);
  }
  return undefined;
}

export function classifyFailure(error: unknown): CallFailure {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === webApi.ErrorCode.RateLimitedError) {
    const seconds = (error as { retryAfter?: number }).retryAfter ?? 1;
    return { kind: "rate", retryAfterMs: Math.max(0, seconds) * 1000 };
  }
  if (code === webApi.ErrorCode.PlatformError) {
    return {
      kind: "platform",
      code: String((error as { data?: { error?: string } }).data?.error ?? "unknown_error"),
    };
  }
  if (code === webApi.ErrorCode.HTTPError) {
    return { kind: "unknown", detail: `HTTP ${(error as { statusCode?: number }).statusCode ?? "error"}` };
  }
  const cause = causeCode(error);
  if (cause && NOT_CONNECTED.has(cause)) return { kind: "down", detail: cause };
  return { kind: "unknown", detail: cause ?? (error as Error)?.message ?? String(error) };
}

/** Thrown into a wait or a call loop when the mirror stops. */
export class MirrorStopped extends Error {
  override name = "MirrorStopped";
}

/** Waits `ms`, or until `signal` aborts (then throws MirrorStopped). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new MirrorStopped("stopped"));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new MirrorStopped("stopped"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export interface Backoff {
  retryBaseMs: number;
  retryMaxMs: number;
}

/** The wait before attempt `attempt` (0-based) after a failure that is not a 429. */
export function backoffMs(backoff: Backoff, attempt: number): number {
  return Math.min(backoff.retryMaxMs, backoff.retryBaseMs * 2 ** Math.min(attempt, 20));
}

/**
 * Calls `fn` until it succeeds: after a 429 it waits as long as Slack says, after a network failure
 * it backs off; a platform error (`ok: false`) is thrown to the caller. For calls that are safe to
 * repeat (look-ups, opening a DM, reading history, updating a message).
 */
export async function callUntilDone<T>(
  fn: () => Promise<T>,
  options: Backoff & { signal: AbortSignal; log: (line: string) => void; what: string },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (options.signal.aborted) throw new MirrorStopped("stopped");
    try {
      return await fn();
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === "platform") throw error;
      if (failure.kind === "rate") {
        await pause(failure.retryAfterMs, options.signal);
        continue;
      }
      if (attempt === 0) options.log(`slack: ${options.what} failed (${failure.detail}); retrying`);
      await pause(backoffMs(options, attempt), options.signal);
    }
  }
}
