import type { ModelTrafficFields } from "../model-traffic.ts";

/**
 * A worker's log line when its model calls met rate limits: a worker has no progress bar, so its log
 * is where a 429 shows. Told when the count of 429s grew, at most once every `everyMs` (a provider
 * that limits hard would otherwise fill the log), with the calls waiting one out at the time.
 */
export function rateLimitNotice(
  log: (line: string) => void,
  what: string,
  options: { everyMs?: number; now?: () => number } = {},
): (traffic: ModelTrafficFields) => void {
  const everyMs = options.everyMs ?? 10_000;
  const now = options.now ?? Date.now;
  let told = 0;
  let toldAt = Number.NEGATIVE_INFINITY;
  return (traffic) => {
    const limited = traffic.rateLimited ?? 0;
    if (limited <= told || now() - toldAt < everyMs) return;
    const backingOff = traffic.callsBackingOff ?? 0;
    log(
      `${what}: the model answered 429 (rate limit) ${limited} time${limited === 1 ? "" : "s"} so far; ` +
        `${backingOff} call${backingOff === 1 ? "" : "s"} waiting out a retry-after now`,
    );
    told = limited;
    toldAt = now();
  };
}
